import { z } from 'zod';
import { groupsOf, type SiteRole, type TenantSite, type TenantUser } from './tenant';

/**
 * SharePoint's permission model, reduced to what Functiewijzer relies on and kept data-driven:
 * a site grants roles to directory groups; a list either inherits them or has broken inheritance
 * with its own role assignments. Nothing here knows a list by name.
 *
 * Site owners keep managing every list's structure and permissions even when a list's own
 * assignments leave them out — in SharePoint they hold Full Control on the site and could always
 * grant themselves access again. Item rights follow the assignments strictly, so "nobody edits a
 * decision" holds for owners too.
 */

export const LIST_ROLES = ['read', 'addOnly', 'contribute', 'manage'] as const;
export type ListRole = (typeof LIST_ROLES)[number];

export interface Grant {
  /** A directory group id or a user id. */
  principalId: string;
  role: ListRole;
}

export const grantSchema = z
  .object({ principalId: z.string().min(1), role: z.enum(LIST_ROLES) })
  .strict();

export const permissionsBodySchema = z
  .object({
    /** `true` restores inheritance from the site (and drops the list's own assignments). */
    inheritFromSite: z.boolean().optional(),
    grants: z.array(grantSchema).max(50).optional(),
  })
  .strict()
  .refine((b) => b.inheritFromSite === true || b.grants !== undefined, {
    message: 'give "grants", or "inheritFromSite": true',
  })
  .refine((b) => !(b.inheritFromSite === true && b.grants !== undefined && b.grants.length > 0), {
    message: '"grants" and "inheritFromSite": true exclude each other',
  });

export interface Capabilities {
  read: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  /** Columns, list settings, permissions. */
  manageList: boolean;
}

const NONE: Capabilities = {
  read: false,
  add: false,
  edit: false,
  delete: false,
  manageList: false,
};

function capsOf(role: ListRole | SiteRole): Capabilities {
  switch (role) {
    case 'read':
      return { ...NONE, read: true };
    case 'addOnly':
      return { ...NONE, read: true, add: true };
    case 'contribute':
      return { read: true, add: true, edit: true, delete: true, manageList: false };
    case 'manage':
      return { read: true, add: true, edit: true, delete: true, manageList: true };
  }
}

function union(a: Capabilities, b: Capabilities): Capabilities {
  return {
    read: a.read || b.read,
    add: a.add || b.add,
    edit: a.edit || b.edit,
    delete: a.delete || b.delete,
    manageList: a.manageList || b.manageList,
  };
}

function principalsOf(user: TenantUser): Set<string> {
  return new Set([user.id, ...groupsOf(user.id).map((g) => g.id)]);
}

export function siteCapabilities(user: TenantUser, site: TenantSite): Capabilities {
  const mine = principalsOf(user);
  let caps = NONE;
  for (const r of site.roles) if (mine.has(r.principalId)) caps = union(caps, capsOf(r.role));
  return caps;
}

export function listCapabilities(
  user: TenantUser,
  site: TenantSite,
  list: { inherits: boolean; grants: readonly Grant[] },
): Capabilities {
  const onSite = siteCapabilities(user, site);
  if (list.inherits) return onSite;
  const mine = principalsOf(user);
  let caps = NONE;
  for (const g of list.grants) if (mine.has(g.principalId)) caps = union(caps, capsOf(g.role));
  if (onSite.manageList) caps = { ...caps, read: true, manageList: true };
  return caps;
}

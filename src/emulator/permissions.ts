import { z } from 'zod';
import {
  GROUP_IDS,
  GROUPS,
  TENANT_ID,
  USERS,
  groupsOf,
  type SiteRole,
  type TenantSite,
  type TenantUser,
} from './tenant';

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
  /**
   * The SharePoint role definition the grant was made with (SharePoint REST); absent for grants
   * set through the control API, which name the role only.
   */
  roleDefinitionId?: number;
  /** The site principal it was granted to (SharePoint REST), when that is not the group's own entry. */
  sitePrincipalId?: number;
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

/**
 * SharePoint's permission bits (SPBasePermissions) as the two 32-bit halves REST sends them in
 * (`BasePermissions: { High, Low }`, Int64 halves as strings). Only the bits that decide an item
 * capability are named; the others ride along unchanged.
 */
export const PERMISSION_BITS = {
  ViewListItems: 0x1n,
  AddListItems: 0x2n,
  EditListItems: 0x4n,
  DeleteListItems: 0x8n,
  ManageLists: 0x800n,
} as const;

export interface RoleDefinition {
  Id: number;
  Name: string;
  Description: string;
  /** 0 for a custom level; 2 Reader, 3 Contributor, 4 Web Designer, 5 Administrator, 6 Editor. */
  RoleTypeKind: number;
  Order: number;
  Hidden: boolean;
  BasePermissions: { High: string; Low: string };
}

const builtin = (
  Id: number,
  Name: string,
  Description: string,
  RoleTypeKind: number,
  Order: number,
  High: number,
  Low: number,
): RoleDefinition => ({
  Id,
  Name,
  Description,
  RoleTypeKind,
  Order,
  Hidden: false,
  BasePermissions: { High: String(High), Low: String(Low) },
});

/**
 * The built-in permission levels of a Dutch-language site (ids, kinds and masks as SharePoint
 * Online has them; names as the Dutch site shows them). A client finds them by `RoleTypeKind`
 * (`roledefinitions/getbytype(n)`), which does not depend on the site's language.
 */
export const BUILTIN_ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  builtin(1073741829, 'Volledig beheer', 'Heeft volledig beheer.', 5, 1, 2147483647, 4294967295),
  builtin(
    1073741828,
    'Ontwerpen',
    'Kan weergeven, toevoegen, bijwerken, verwijderen, goedkeuren en aanpassen.',
    4,
    32,
    432,
    1012866047,
  ),
  builtin(
    1073741830,
    'Bewerken',
    'Kan lijsten toevoegen, bewerken en verwijderen; kan lijstitems en documenten weergeven, toevoegen, bijwerken en verwijderen.',
    6,
    48,
    432,
    1011030767,
  ),
  builtin(
    1073741827,
    'Bijdragen',
    'Kan lijstitems en documenten weergeven, toevoegen, bijwerken en verwijderen.',
    3,
    64,
    432,
    1011028719,
  ),
  builtin(
    1073741826,
    'Lezen',
    "Kan pagina's en lijstitems weergeven en documenten downloaden.",
    2,
    128,
    176,
    138612833,
  ),
];

/** The capabilities a permission mask gives on a list's items. */
export function capabilitiesOfMask(mask: { High: string; Low: string }): Capabilities {
  const bits = (BigInt(mask.High) << 32n) | BigInt(mask.Low);
  const has = (b: bigint): boolean => (bits & b) === b;
  return {
    read: has(PERMISSION_BITS.ViewListItems),
    add: has(PERMISSION_BITS.AddListItems),
    edit: has(PERMISSION_BITS.EditListItems),
    delete: has(PERMISSION_BITS.DeleteListItems),
    manageList: has(PERMISSION_BITS.ManageLists),
  };
}

/**
 * The emulator's list role a permission mask amounts to, or null when its item rights are a mix
 * the emulator does not model (e.g. edit without delete): such a level is refused rather than
 * approximated (docs/emulator.md).
 */
export function roleOfMask(mask: { High: string; Low: string }): ListRole | null {
  const caps = capabilitiesOfMask(mask);
  const same = (a: Capabilities, b: Capabilities): boolean =>
    a.read === b.read &&
    a.add === b.add &&
    a.edit === b.edit &&
    a.delete === b.delete &&
    a.manageList === b.manageList;
  return LIST_ROLES.find((r) => same(capsOf(r), caps)) ?? null;
}

/** The built-in level a role stands for when a grant names no role definition. */
export function builtinFor(role: ListRole): RoleDefinition | undefined {
  const kind = { read: 2, contribute: 3, manage: 5, addOnly: -1 }[role];
  return BUILTIN_ROLE_DEFINITIONS.find((d) => d.RoleTypeKind === kind);
}

/**
 * A principal as SharePoint REST addresses it: an entry of the site's User Information List with
 * a numeric id and a claims login name. Users are `i:0#.f|membership|<upn>`; Entra security
 * groups `c:0t.c|tenant|<object id>`; Microsoft 365 groups (the team) `c:0o.c|federateddirectory
 * claimprovider|<object id>`; "Everyone except external users" `c:0-.f|rolemanager|spo-grid-all-
 * users/<tenant id>`, which here stands for the visitors group (it holds every user of the
 * emulator's tenant). Ids are fixed, as the users' site ids are, so they survive a reset.
 */
export interface SitePrincipal {
  Id: number;
  Title: string;
  LoginName: string;
  Email: string;
  /** 1 user, 4 security group (SharePoint's PrincipalType). */
  PrincipalType: 1 | 4;
  /** The directory object a grant to this principal is stored under. */
  directoryId: string;
}

export const EVERYONE_EXCEPT_EXTERNAL = `c:0-.f|rolemanager|spo-grid-all-users/${TENANT_ID}`;

export function sitePrincipals(): SitePrincipal[] {
  const users: SitePrincipal[] = USERS.map((u) => ({
    Id: u.siteUserId,
    Title: u.displayName,
    LoginName: `i:0#.f|membership|${u.userPrincipalName}`,
    Email: u.userPrincipalName,
    PrincipalType: 1,
    directoryId: u.id,
  }));
  const groups: SitePrincipal[] = GROUPS.map((g, i) => ({
    Id: 21 + i,
    Title: g.displayName,
    LoginName: g.isTeam
      ? `c:0o.c|federateddirectoryclaimprovider|${g.id}`
      : `c:0t.c|tenant|${g.id}`,
    Email: '',
    PrincipalType: 4,
    directoryId: g.id,
  }));
  const everyone: SitePrincipal = {
    Id: 9,
    Title: 'Iedereen behalve externe gebruikers',
    LoginName: EVERYONE_EXCEPT_EXTERNAL,
    Email: '',
    PrincipalType: 4,
    directoryId: GROUP_IDS.visitors,
  };
  return [everyone, ...users, ...groups];
}

/** The principal `ensureuser` resolves a logon name to: a claims name or a user's UPN. */
export function principalByLogin(logonName: string): SitePrincipal | undefined {
  const key = logonName.trim().toLowerCase();
  return sitePrincipals().find(
    (p) =>
      p.LoginName.toLowerCase() === key || (p.PrincipalType === 1 && p.Email.toLowerCase() === key),
  );
}

export function principalBySiteId(id: number): SitePrincipal | undefined {
  return sitePrincipals().find((p) => p.Id === id);
}

/**
 * The site principal a stored grant is shown as: the one it was granted to through REST, else
 * the directory object's own entry (a grant of the control API).
 */
export function principalOfGrant(grant: Grant): SitePrincipal | undefined {
  const all = sitePrincipals();
  if (grant.sitePrincipalId !== undefined) return all.find((p) => p.Id === grant.sitePrincipalId);
  return all.find((p) => p.directoryId === grant.principalId && p.Id !== 9);
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

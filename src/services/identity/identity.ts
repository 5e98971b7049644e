import type { Person } from '../../graph/model';

/**
 * Who the signed-in user is and what they may do (DESIGN §3), decided in one place for the tab
 * and the approval policy alike. The answer comes from the configured Entra ID group *ids* and
 * the user's transitive memberships (a group nested in the HR group counts as HR): never from
 * group display names, which an administrator may rename and Graph leaves out under `User.Read`.
 * SharePoint still enforces the real permissions; this only decides what the app offers, so
 * nobody is offered what the server would refuse.
 */

export type UserRole = 'staff' | 'hr' | 'approver' | 'it';

/** The Entra ID groups (object ids) that carry the roles; `it` is optional in a tenant. */
export interface IdentityGroups {
  hr: string;
  approvers: string;
  it?: string | null;
}

export interface Permissions {
  /** HR and IT: edit content in SharePoint (and repair the app-maintained columns). */
  canEdit: boolean;
  /** HR: submit a role for approval. */
  canSubmit: boolean;
  /** The algemeen directeur and deputies: decide on requests. */
  canApprove: boolean;
}

export interface Identity {
  person: Person;
  /** Every role the user holds; everyone is staff. */
  roles: ReadonlySet<UserRole>;
  /** The one role a screen names: the rarest one the user holds (approver, then HR, then IT). */
  primaryRole: UserRole;
  permissions: Permissions;
}

const PERMISSIONS: Record<UserRole, Permissions> = {
  staff: { canEdit: false, canSubmit: false, canApprove: false },
  hr: { canEdit: true, canSubmit: true, canApprove: false },
  approver: { canEdit: false, canSubmit: false, canApprove: true },
  // IT owns the site and its lists, so it may edit; it does not approve and does not submit.
  it: { canEdit: true, canSubmit: false, canApprove: false },
};

/** What a single role may do: the union over a user's roles is `identityOf(...).permissions`. */
export function permissionsOf(role: UserRole): Permissions {
  return { ...PERMISSIONS[role] };
}

/**
 * The policy: roles from the user's transitive group ids. Someone in several groups gets the
 * union of their actions (an HR member who is also a deputy director may submit and decide).
 */
export function identityOf(
  person: Person,
  memberOf: ReadonlySet<string>,
  groups: IdentityGroups,
): Identity {
  const has = (id: string | null | undefined) => !!id && memberOf.has(id.toLowerCase());
  const roles = new Set<UserRole>(['staff']);
  if (has(groups.hr)) roles.add('hr');
  if (has(groups.approvers)) roles.add('approver');
  if (has(groups.it)) roles.add('it');
  const permissions: Permissions = { canEdit: false, canSubmit: false, canApprove: false };
  for (const role of roles) {
    const granted = PERMISSIONS[role];
    permissions.canEdit ||= granted.canEdit;
    permissions.canSubmit ||= granted.canSubmit;
    permissions.canApprove ||= granted.canApprove;
  }
  const primaryRole: UserRole = roles.has('approver')
    ? 'approver'
    : roles.has('hr')
      ? 'hr'
      : roles.has('it')
        ? 'it'
        : 'staff';
  return { person, roles, primaryRole, permissions };
}

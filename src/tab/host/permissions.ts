import type { PersonaRole } from '../../auth/local-personas';
import type { TabPermissions } from '../app/host-context';

/**
 * What the tab offers a user, by role (DESIGN §3). SharePoint enforces the real permissions;
 * this only decides which actions the tab shows, so nobody is offered what would be refused.
 * IT administrators own the site and its lists, so they may edit; they do not approve.
 */
export function permissionsForRole(role: PersonaRole): TabPermissions {
  switch (role) {
    case 'hr':
      return { canEdit: true, canSubmit: true, canApprove: false };
    case 'approver':
      return { canEdit: false, canSubmit: false, canApprove: true };
    case 'admin':
      return { canEdit: true, canSubmit: false, canApprove: false };
    case 'staff':
      return { canEdit: false, canSubmit: false, canApprove: false };
  }
}

/** The Entra ID security groups (object ids) of tenant mode's configuration. */
export interface PermissionGroups {
  hr: string;
  approvers: string;
}

/**
 * Tenant mode: what the tab offers follows the groups Graph says the user is a member of. Someone
 * in both groups gets both sets of actions; the shown role is the approver's, the rarer one.
 */
export function identityFromGroups(
  memberOf: ReadonlySet<string>,
  groups: PermissionGroups,
): { role: PersonaRole; permissions: TabPermissions } {
  const has = (id: string) => memberOf.has(id.toLowerCase());
  const hr = has(groups.hr);
  const approver = has(groups.approvers);
  const role: PersonaRole = approver ? 'approver' : hr ? 'hr' : 'staff';
  const permissions = permissionsForRole(role);
  if (hr && approver) {
    const asHr = permissionsForRole('hr');
    permissions.canEdit = asHr.canEdit;
    permissions.canSubmit = asHr.canSubmit;
  }
  return { role, permissions };
}

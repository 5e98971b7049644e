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

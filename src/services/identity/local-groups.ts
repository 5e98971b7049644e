import type { IdentityGroups } from './identity';

/**
 * The local Graph emulator's groups, by id (src/emulator/tenant.ts `GROUP_IDS`; a test keeps
 * them equal): "Functiewijzer Leden" is HR, "Functiewijzer Goedkeurders" the approvers and
 * "Functiewijzer Eigenaars" IT. Local mode configures them as a tenant configures its own.
 */
export const LOCAL_GROUPS: IdentityGroups = {
  hr: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
  approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
  it: '9f2c8d3b-aeb0-4fc1-9c23-fe4f3ac1b2aa',
};

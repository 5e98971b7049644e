import type { TenantRuntimeConfig } from '../../src/teams/runtime-config';

/** A complete tenant runtime configuration, as `npm start -- --env <name>` serves it. */
export const TENANT_RUNTIME_CONFIG: TenantRuntimeConfig = {
  mode: 'tenant',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  tenantId: 'stad.onmicrosoft.com',
  teamsAppId: 'cd65313a-cf82-444d-91cd-705e07ef7699',
  site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
  approvals: { teamId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98', channelId: '19:abc@thread.tacv2' },
  groups: {
    hr: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
    approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
  },
};

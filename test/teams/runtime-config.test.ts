import { loadRuntimeConfig, runtimeConfigSchema } from '../../src/teams/runtime-config';

const local = {
  mode: 'local',
  graphBaseUrl: 'http://127.0.0.1:53001/v1.0/',
  emulatorUrl: 'http://127.0.0.1:53001',
  tabUrl: 'http://127.0.0.1:53000/',
  site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
};

const serving =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status });

describe('runtime config', () => {
  it('accepts a local configuration and trims trailing slashes', async () => {
    const config = await loadRuntimeConfig(serving(200, local));
    expect(config).toEqual({
      mode: 'local',
      graphBaseUrl: 'http://127.0.0.1:53001/v1.0',
      emulatorUrl: 'http://127.0.0.1:53001',
      tabUrl: 'http://127.0.0.1:53000',
      site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
    });
  });

  it('never lets a tenant configuration carry an emulator or a persona', () => {
    const tenant = runtimeConfigSchema.parse({
      mode: 'tenant',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      clientId: 'c',
      tenantId: 't',
      teamsAppId: 'a',
      site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
      approvals: { teamId: 'team', channelId: '19:kanaal@thread.tacv2' },
      groups: { hr: 'hr', approvers: 'goedkeurders' },
      emulatorUrl: 'http://127.0.0.1:53001',
    });
    expect(tenant).not.toHaveProperty('emulatorUrl');
  });

  it('refuses a tenant configuration without the approval channel or the permission groups', async () => {
    const tenant = {
      mode: 'tenant',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      clientId: 'c',
      tenantId: 't',
      teamsAppId: 'a',
      site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
      approvals: { teamId: 'team', channelId: 'Goedkeuringen' },
    };
    await expect(loadRuntimeConfig(serving(200, tenant))).rejects.toThrow(
      /ongeldig: approvals.channelId, groups/,
    );
  });

  it('names the wrong fields in Dutch', async () => {
    await expect(
      loadRuntimeConfig(serving(200, { ...local, graphBaseUrl: 'ftp://x' })),
    ).rejects.toThrow(/ongeldig: graphBaseUrl/);
    await expect(loadRuntimeConfig(serving(200, { mode: 'cloud' }))).rejects.toThrow(/ongeldig/);
  });

  it('wants a site path that starts with a slash', async () => {
    await expect(
      loadRuntimeConfig(serving(200, { ...local, site: { hostname: 'x', path: 'sites/x' } })),
    ).rejects.toThrow(/ongeldig: site.path/);
  });

  it('says what to do when the server does not deliver it', async () => {
    await expect(loadRuntimeConfig(serving(404, {}))).rejects.toThrow(/HTTP 404.*npm start/);
  });
});

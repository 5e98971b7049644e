import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_GRAPH_BASE_URL,
  EnvFileError,
  isPlaceholder,
  loadTenantConfig,
  parseTenantConfig,
  readEnvFile,
  TENANT_VARIABLES,
  TenantConfigError,
  tenantConfigProblems,
  toTenantRuntimeConfig,
} from '../../src/config/tenant-config';
import { tenantRuntimeConfigSchema } from '../../src/teams/runtime-config';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const VALID = {
  AAD_APP_CLIENT_ID: '6F1C2D3E-4B5A-4C6D-8E7F-9A0B1C2D3E4F',
  AAD_APP_TENANT_ID: '0b7c9e2a-1d3f-4e5a-9b8c-7d6e5f4a3b2c',
  TAB_ENDPOINT: 'https://functiewijzer.stad.be/',
  TAB_DOMAIN: 'functiewijzer.stad.be',
  SHAREPOINT_SITE_URL: 'https://stad.sharepoint.com/sites/functiewijzer',
  APPROVAL_TEAM_ID: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
  APPROVAL_CHANNEL_ID: '19:a1b2c3d4e5f6@thread.tacv2',
  TEAMS_APP_ID: 'CD65313A-cf82-444d-91cd-705e07ef7699',
  HR_GROUP_ID: '8E1B7C2A-9daf-4eb0-8b12-ed3e2fb0a199',
  APPROVER_GROUP_ID: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
};

function errorOf(fn: () => unknown): TenantConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TenantConfigError) return error;
    throw error;
  }
  throw new Error('expected a TenantConfigError');
}

describe('parseTenantConfig', () => {
  it('turns a complete environment into the configuration', () => {
    expect(parseTenantConfig(VALID)).toEqual({
      clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      tenantId: '0b7c9e2a-1d3f-4e5a-9b8c-7d6e5f4a3b2c',
      authority: 'https://login.microsoftonline.com/0b7c9e2a-1d3f-4e5a-9b8c-7d6e5f4a3b2c',
      tabEndpoint: 'https://functiewijzer.stad.be',
      tabDomain: 'functiewijzer.stad.be',
      graphBaseUrl: DEFAULT_GRAPH_BASE_URL,
      sharePoint: {
        siteUrl: 'https://stad.sharepoint.com/sites/functiewijzer',
        hostname: 'stad.sharepoint.com',
        sitePath: '/sites/functiewijzer',
      },
      approvals: {
        teamId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
        channelId: '19:a1b2c3d4e5f6@thread.tacv2',
      },
      teamsAppId: 'cd65313a-cf82-444d-91cd-705e07ef7699',
      groups: {
        hr: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
        approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
      },
    });
  });

  it('accepts the tenant’s primary domain instead of its id', () => {
    expect(
      parseTenantConfig({ ...VALID, AAD_APP_TENANT_ID: 'stad.onmicrosoft.com' }).authority,
    ).toBe('https://login.microsoftonline.com/stad.onmicrosoft.com');
  });

  it('names every missing value at once, in Dutch, with where to find it', () => {
    const error = errorOf(() => parseTenantConfig({}, { source: 'env/.env.prod' }));
    const optional = ['GRAPH_BASE_URL', 'TEAMS_CATALOG_APP_ID'];
    const required = Object.keys(TENANT_VARIABLES).filter((name) => !optional.includes(name));
    expect(error.problems.map((problem) => problem.variable)).toEqual(required);
    expect(error.problems.every((problem) => problem.kind === 'missing')).toBe(true);
    expect(error.message).toContain('10 instellingen ontbreken of zijn ongeldig in env/.env.prod');
    for (const name of required) expect(error.message).toContain(`${name} ontbreekt: `);
    expect(error.message).toContain('App-registraties');
    expect(error.message).toContain('HR_GROUP_ID ontbreekt: de object-id van de beveiligingsgroep');
  });

  it('wants the groups that decide permissions as object ids, not names', () => {
    const problems = tenantConfigProblems({
      ...VALID,
      HR_GROUP_ID: 'Functiewijzer HR',
      APPROVER_GROUP_ID: 'Functiewijzer Goedkeurders',
    });
    expect(problems.map((p) => [p.variable, p.kind])).toEqual([
      ['HR_GROUP_ID', 'invalid'],
      ['APPROVER_GROUP_ID', 'invalid'],
    ]);
    expect(problems[0]!.message).toContain('verwacht een GUID');
  });

  it('treats an empty or blank value as missing', () => {
    const problems = tenantConfigProblems({ ...VALID, APPROVAL_CHANNEL_ID: '   ', TAB_DOMAIN: '' });
    expect(problems.map((p) => [p.variable, p.kind])).toEqual([
      ['TAB_DOMAIN', 'missing'],
      ['APPROVAL_CHANNEL_ID', 'missing'],
    ]);
  });

  it('says what is wrong with a malformed value, and shows it', () => {
    const problems = tenantConfigProblems({
      ...VALID,
      AAD_APP_CLIENT_ID: 'functiewijzer',
      TAB_ENDPOINT: 'http://functiewijzer.stad.be',
      SHAREPOINT_SITE_URL: 'https://stad.sharepoint.com/Shared Documents',
      APPROVAL_CHANNEL_ID: 'Goedkeuringen',
    });
    expect(problems.map((p) => p.variable)).toEqual([
      'AAD_APP_CLIENT_ID',
      'TAB_ENDPOINT',
      'SHAREPOINT_SITE_URL',
      'APPROVAL_CHANNEL_ID',
    ]);
    expect(problems.every((p) => p.kind === 'invalid')).toBe(true);
    expect(problems[0]!.message).toBe(
      'AAD_APP_CLIENT_ID is ongeldig ("functiewijzer"): verwacht een GUID zoals 3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d.',
    );
    expect(problems[1]!.message).toContain('https://');
    expect(problems[3]!.message).toContain('@thread.tacv2');
  });

  it('refuses a TAB_DOMAIN that is not the host of TAB_ENDPOINT', () => {
    const problems = tenantConfigProblems({ ...VALID, TAB_DOMAIN: 'elders.stad.be' });
    expect(problems).toEqual([
      expect.objectContaining({
        variable: 'TAB_DOMAIN',
        message: expect.stringContaining(
          'hoort de hostnaam van TAB_ENDPOINT te zijn ("functiewijzer.stad.be")',
        ),
      }),
    ]);
  });

  it('refuses example values unless asked not to', () => {
    const env = {
      ...VALID,
      AAD_APP_CLIENT_ID: '00000000-0000-0000-0000-00000000c11e',
      SHAREPOINT_SITE_URL: 'https://voorbeeld.sharepoint.com/sites/functiewijzer',
    };
    expect(tenantConfigProblems(env).map((p) => [p.variable, p.kind])).toEqual([
      ['AAD_APP_CLIENT_ID', 'placeholder'],
      ['SHAREPOINT_SITE_URL', 'placeholder'],
    ]);
    expect(tenantConfigProblems(env, { allowPlaceholders: true })).toEqual([]);
  });

  it('hands the tab a runtime configuration its own schema accepts', () => {
    const runtime = toTenantRuntimeConfig(parseTenantConfig(VALID));
    expect(tenantRuntimeConfigSchema.parse(runtime)).toEqual(runtime);
    expect(runtime).toEqual({
      mode: 'tenant',
      graphBaseUrl: DEFAULT_GRAPH_BASE_URL,
      clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      tenantId: VALID.AAD_APP_TENANT_ID,
      teamsAppId: 'cd65313a-cf82-444d-91cd-705e07ef7699',
      site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
      approvals: {
        teamId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
        channelId: '19:a1b2c3d4e5f6@thread.tacv2',
      },
      groups: {
        hr: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
        approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
      },
    });
  });
});

describe('isPlaceholder', () => {
  it('recognises the example values and nothing else', () => {
    expect(isPlaceholder('00000000-0000-0000-0000-0000000007ea')).toBe(true);
    expect(isPlaceholder('https://www.voorbeeld.example/privacy')).toBe(true);
    expect(isPlaceholder('Stad Voorbeeld')).toBe(true);
    expect(isPlaceholder(VALID.AAD_APP_CLIENT_ID)).toBe(false);
    expect(isPlaceholder('https://functiewijzer.stad.be')).toBe(false);
  });
});

describe('env files', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'functiewijzer-config-'));
    mkdirSync(path.join(root, 'env'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (name: string, values: Record<string, string>) =>
    writeFileSync(
      path.join(root, 'env', `.env.${name}`),
      `# commentaar\n${Object.entries(values)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n')}\n`,
    );

  it('loads env/.env.<name>, with the process environment on top', () => {
    write('prod', { ...VALID, APPROVAL_CHANNEL_ID: '19:uitbestand@thread.tacv2' });
    const config = loadTenantConfig({
      root,
      envName: 'prod',
      processEnv: { APPROVAL_CHANNEL_ID: '19:uitomgeving@thread.tacv2', UNRELATED: 'x' },
    });
    expect(config.approvals.channelId).toBe('19:uitomgeving@thread.tacv2');
    expect(config.sharePoint.hostname).toBe('stad.sharepoint.com');
  });

  it('names the env file in the error', () => {
    write('prod', { AAD_APP_CLIENT_ID: VALID.AAD_APP_CLIENT_ID });
    const error = errorOf(() => loadTenantConfig({ root, envName: 'prod', processEnv: {} }));
    expect(error.source).toBe('env/.env.prod');
    expect(error.problems).toHaveLength(9);
  });

  it('says which env file is missing, and refuses odd names', () => {
    expect(() => readEnvFile(root, 'staging')).toThrow(
      new EnvFileError(
        'env/.env.staging: bestand niet gevonden. Maak het aan naar het voorbeeld van env/.env.dev (zie docs/deploy.md) of kies een andere omgeving met --env.',
      ),
    );
    expect(() => readEnvFile(root, '../geheim')).toThrow('Ongeldige omgevingsnaam');
  });

  it('the shipped example files are complete but marked as examples', () => {
    for (const name of ['local', 'dev', 'prod']) {
      const env = readEnvFile(REPO_ROOT, name);
      const problems = tenantConfigProblems(env);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.kind === 'placeholder')).toBe(true);
      expect(tenantConfigProblems(env, { allowPlaceholders: true })).toEqual([]);
    }
  });
});

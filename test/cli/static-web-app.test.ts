import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webpack from 'webpack';
import { parseTenantConfig, toTenantRuntimeConfig } from '../../src/config/tenant-config';
import { staticWebAppConfig } from '../../src/cli/static-web-app';
import { tabContentSecurityPolicy } from '../../src/cli/tab-server/csp';
import { securityHeaderValues } from '../../src/cli/tab-server/static-files';

/**
 * staticwebapp.config.json (Azure Static Web Apps): the headers of the local tab server, from the
 * same functions, and `npm run build -- --env name=<env>` writing it into dist/tab.
 */

const ENV = {
  AAD_APP_CLIENT_ID: '3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
  AAD_APP_TENANT_ID: 'stad.onmicrosoft.com',
  TAB_ENDPOINT: 'https://functiewijzer.stad.be',
  TAB_DOMAIN: 'functiewijzer.stad.be',
  SHAREPOINT_SITE_URL: 'https://stad.sharepoint.com/sites/functiewijzer',
  APPROVAL_TEAM_ID: '4a9d3e8c-5f6b-4a7c-8dbe-af9a8b7c6d55',
  APPROVAL_CHANNEL_ID: '19:abc123@thread.tacv2',
  TEAMS_APP_ID: 'bbb4f349-de28-4f0a-b4fc-63ab79179a2a',
  HR_GROUP_ID: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
  APPROVER_GROUP_ID: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
};

describe('staticwebapp.config.json', () => {
  const config = parseTenantConfig(ENV);
  const swa = staticWebAppConfig(config);

  it('sends on every answer exactly the headers the local server sends in tenant mode', () => {
    const csp = tabContentSecurityPolicy(toTenantRuntimeConfig(config), 443, 'https');
    expect(swa.globalHeaders).toEqual({
      ...securityHeaderValues(csp),
      'Cache-Control': 'no-cache',
    });
  });

  it('lets only Microsoft 365 frame the tab and names the site’s SharePoint host', () => {
    const csp = swa.globalHeaders['Content-Security-Policy'] ?? '';
    expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com /);
    expect(csp).not.toMatch(/frame-ancestors[^;]*'self'/);
    expect(csp).toMatch(/connect-src [^;]*https:\/\/stad\.sharepoint\.com/);
  });

  it('never caches config.json, revalidates sw.js and keeps the content-hashed scripts a year', () => {
    // In this order: the first matching route wins, and sw.js also matches /*.js.
    expect(swa.routes).toEqual([
      { route: '/config.json', headers: { 'Cache-Control': 'no-store' } },
      { route: '/sw.js', headers: { 'Cache-Control': 'no-cache' } },
      {
        route: '/*.{js,css,woff2}',
        headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
      },
    ]);
  });
});

describe('npm run build -- --env name=<env>', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'functiewijzer-swa-'));
    await mkdir(path.join(root, 'env'));
    await writeFile(
      path.join(root, 'env', '.env.test'),
      Object.entries(ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    await writeFile(
      path.join(root, 'env', '.env.voorbeeld'),
      Object.entries({ ...ENV, AAD_APP_CLIENT_ID: '00000000-0000-0000-0000-00000000c11e' })
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    await writeFile(path.join(root, 'entry.js'), 'export const x = 1;\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** The tab build's own plugin, on a one-line entry (the real bundle is not the point here). */
  async function build(name: string): Promise<{ errors: string[]; out: string }> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require('../../webpack.config.js') as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => webpack.Configuration[];
    const [tab] = factory({ name, envRoot: root }, { mode: 'production' });
    const plugin = tab?.plugins?.find((p) => p?.constructor.name === 'StaticWebAppConfigPlugin');
    if (!plugin) throw new Error('no StaticWebAppConfigPlugin in the tab build');
    const out = path.join(root, `dist-${name}`);
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: root,
          entry: './entry.js',
          output: { path: out },
          plugins: [plugin],
        },
        (error, result) => (error || !result ? reject(error) : resolve(result)),
      ),
    );
    return { errors: stats.compilation.errors.map((e) => e.message), out };
  }

  it('writes staticwebapp.config.json next to the tab, from env/.env.<name>', async () => {
    const { errors, out } = await build('test');
    expect(errors).toEqual([]);
    const written: unknown = JSON.parse(
      await readFile(path.join(out, 'staticwebapp.config.json'), 'utf8'),
    );
    expect(written).toEqual(staticWebAppConfig(parseTenantConfig(ENV)));
  });

  it('fails the build naming the value to fix when the env file still holds an example', async () => {
    const { errors } = await build('voorbeeld');
    expect(errors.join('\n')).toMatch(
      /staticwebapp\.config\.json: .*AAD_APP_CLIENT_ID is nog een voorbeeldwaarde/s,
    );
  });

  it('a build without a name writes none (the policy needs the tenant’s SharePoint host)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require('../../webpack.config.js') as (
      env: Record<string, unknown>,
      argv: Record<string, unknown>,
    ) => webpack.Configuration[];
    const [tab] = factory({}, { mode: 'production' });
    expect(tab?.plugins?.some((p) => p?.constructor.name === 'StaticWebAppConfigPlugin')).toBe(
      false,
    );
  });
});

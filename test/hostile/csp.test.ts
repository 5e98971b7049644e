import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { startTabServer, type TabServer, type TabServerConfig } from '../../src/cli/tab-server';
import { TEAMS_FRAME_ANCESTORS, tabContentSecurityPolicy } from '../../src/cli/tab-server/csp';

/**
 * The tab's Content-Security-Policy must stop script that list content or a compromised host page
 * could inject: only the tab's own files run. Checked on every HTML-bearing answer of the tab
 * server, in local and tenant mode, with a page that itself carries an inline script (the CSP is
 * what must stop it, not the page's good manners).
 */

const INJECTED = '<script>window.__pwned = "inline"</script>';
const HASHED = 'tab.0123456789abcdef0123.js';

const CONFIGS: Array<[string, TabServerConfig]> = [
  [
    'local',
    {
      mode: 'local',
      graphBaseUrl: 'http://127.0.0.1:53001/v1.0',
      emulatorUrl: 'http://127.0.0.1:53001',
      site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
    },
  ],
  [
    'tenant',
    {
      mode: 'tenant',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      clientId: 'c',
      tenantId: 't',
      teamsAppId: 'a',
      site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
      approvals: { teamId: 'team', channelId: '19:kanaal@thread.tacv2' },
      groups: { hr: 'hr', approvers: 'goedkeurders' },
    },
  ],
];

/** Directive name → its sources, as a browser splits a policy. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

/** The sources that govern scripts: script-src, or default-src where it is absent. */
function scriptSources(policy: string): string[] {
  const d = directives(policy);
  return d.get('script-src-elem') ?? d.get('script-src') ?? d.get('default-src') ?? ['*'];
}

function assertBlocksInlineScript(policy: string | null): void {
  expect(policy).not.toBeNull();
  const scripts = scriptSources(policy ?? '');
  expect(scripts).toEqual(["'self'"]);
  const d = directives(policy ?? '');
  // An attribute handler (onerror=) is governed by script-src-attr, falling back to script-src.
  expect(d.get('script-src-attr') ?? scripts).not.toContain("'unsafe-inline'");
  expect(d.get('object-src')).toEqual(["'none'"]);
  // A <base> injected by content could otherwise re-point the tab's own relative script URLs.
  expect(d.get('base-uri')).toEqual(["'self'"]);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('frame-ancestors') ?? []).not.toContain('*');
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hostile-csp-'));
  await mkdir(path.join(root, 'dist/tab'), { recursive: true });
  await mkdir(path.join(root, 'dist/teams-host'), { recursive: true });
  await writeFile(
    path.join(root, 'dist/tab/index.html'),
    `<!doctype html><title>Functiewijzer</title>${INJECTED}`,
  );
  await writeFile(path.join(root, 'dist/tab', HASHED), 'void 0;');
  await writeFile(
    path.join(root, 'dist/teams-host/teams-host.html'),
    `<title>Lokale Teams-host</title>${INJECTED}`,
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.each(CONFIGS)('tab CSP (%s mode)', (_mode, config) => {
  let server: TabServer;
  beforeAll(async () => {
    server = await startTabServer({ root, config, port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  test.each(['', 'index.html', 'role/deskundige-ict', 'approval/7?x=<script>', HASHED])(
    "/%s allows only the tab's own script files",
    async (pathname) => {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status).toBe(200);
      assertBlocksInlineScript(response.headers.get('content-security-policy'));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  test('the runtime config carries the same policy', async () => {
    const response = await fetch(`${server.url}config.json`);
    assertBlocksInlineScript(response.headers.get('content-security-policy'));
  });

  test('answers without a policy are plain text that a browser will not run', async () => {
    for (const pathname of ['nope.js', 'nope.html']) {
      const response = await fetch(`${server.url}${pathname}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('the local Teams host page', () => {
  test('allows no inline script either', async () => {
    const config = CONFIGS[0]?.[1];
    if (!config) throw new Error('geen lokale configuratie');
    const server = await startTabServer({ root, config, port: 0 });
    try {
      const url = server.teamsHostUrl;
      expect(url).not.toBeNull();
      const response = await fetch(url ?? '');
      expect(response.status).toBe(200);
      assertBlocksInlineScript(response.headers.get('content-security-policy'));
      // The host page is the top window: nothing may frame it.
      expect(
        directives(response.headers.get('content-security-policy') ?? '').get('frame-ancestors'),
      ).toEqual(["'none'"]);
    } finally {
      await server.close();
    }
  });
});

describe('frame-ancestors in tenant mode', () => {
  const tenant = CONFIGS[1]?.[1];
  if (!tenant) throw new Error('geen tenantconfiguratie');
  const policy = directives(tabContentSecurityPolicy(tenant, 443, 'https'));

  test('lets Teams, Outlook (both addresses) and the Microsoft 365 app frame the tab, nothing else', () => {
    expect(policy.get('frame-ancestors')).toEqual([...TEAMS_FRAME_ANCESTORS]);
    for (const host of [
      'https://teams.microsoft.com',
      'https://*.cloud.microsoft',
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://*.microsoft365.com',
    ]) {
      expect(TEAMS_FRAME_ANCESTORS).toContain(host);
    }
  });

  test('docs/deploy.md quotes exactly that list wherever it gives the policy', () => {
    const deploy = readFileSync(path.join(__dirname, '../../docs/deploy.md'), 'utf8');
    const quoted = [...deploy.matchAll(/frame-ancestors ([^;"]+)/g)].map((m) =>
      (m[1] ?? '').trim().split(/\s+/),
    );
    expect(quoted.length).toBeGreaterThan(0);
    for (const sources of quoted) expect(sources).toEqual([...TEAMS_FRAME_ANCESTORS]);
  });
});

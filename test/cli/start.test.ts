import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TenantConfigError } from '../../src/config/tenant-config';
import { parseStartArgs, start } from '../../src/cli/start';

/**
 * `npm start`'s command line and tenant mode: flags, the env file validated with every missing
 * value named (in-process, and as the real CLI with its exit code), and a tenant start that
 * serves the configuration over https without starting the emulator.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');

const COMPLETE = {
  AAD_APP_CLIENT_ID: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  AAD_APP_TENANT_ID: 'stad.onmicrosoft.com',
  TAB_ENDPOINT: 'https://localhost:53000',
  TAB_DOMAIN: 'localhost:53000',
  SHAREPOINT_SITE_URL: 'https://stad.sharepoint.com/sites/functiewijzer',
  APPROVAL_TEAM_ID: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
  APPROVAL_CHANNEL_ID: '19:abc@thread.tacv2',
  TEAMS_APP_ID: 'ae33b711-c17e-469c-a470-b90980546278',
  HR_GROUP_ID: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
  APPROVER_GROUP_ID: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
};

async function project(env: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'start-tenant-'));
  await mkdir(path.join(root, 'env'));
  await writeFile(
    path.join(root, 'env/.env.test'),
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
  );
  // A build that counts as fresh (an empty stamp has nothing that could have changed).
  await mkdir(path.join(root, 'dist/tab'), { recursive: true });
  await mkdir(path.join(root, 'dist/teams-host'), { recursive: true });
  await writeFile(path.join(root, 'dist/tab/index.html'), '<title>Functiewijzer</title>');
  await writeFile(path.join(root, 'dist/teams-host/teams-host.html'), '<title>host</title>');
  await writeFile(path.join(root, 'dist/.build-stamp.json'), '{"version":1,"files":{}}');
  return root;
}

describe('npm start arguments', () => {
  it('without flags stays local over http', () => {
    expect(parseStartArgs([])).toEqual({ https: false, envName: null });
  });

  it('--https serves the local stack over https; --env chooses tenant mode, always https', () => {
    expect(parseStartArgs(['--https'])).toEqual({ https: true, envName: null });
    expect(parseStartArgs(['--env', 'dev'])).toEqual({ https: true, envName: 'dev' });
    expect(parseStartArgs(['--env=prod', '--https'])).toEqual({ https: true, envName: 'prod' });
  });

  it('names an unknown or incomplete argument in Dutch', () => {
    expect(() => parseStartArgs(['--htps'])).toThrow(/Onbekend argument "--htps"/);
    expect(() => parseStartArgs(['--env'])).toThrow(/--env verwacht de naam.*kreeg niets/);
    expect(() => parseStartArgs(['--env', '../geheim'])).toThrow(/kreeg "\.\.\/geheim"/);
  });
});

describe('npm start -- --env <name>', () => {
  it('names every missing value at once and starts nothing', async () => {
    const root = await project({ AAD_APP_CLIENT_ID: COMPLETE.AAD_APP_CLIENT_ID });
    try {
      const lines: string[] = [];
      const error: unknown = await start(
        { PORT: '0' },
        (line) => lines.push(line),
        ['--env', 'test'],
        root,
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TenantConfigError);
      const missing = (error as TenantConfigError).problems.map((p) => p.variable);
      expect(missing).toEqual([
        'AAD_APP_TENANT_ID',
        'TAB_ENDPOINT',
        'TAB_DOMAIN',
        'SHAREPOINT_SITE_URL',
        'APPROVAL_TEAM_ID',
        'APPROVAL_CHANNEL_ID',
        'TEAMS_APP_ID',
        'HR_GROUP_ID',
        'APPROVER_GROUP_ID',
      ]);
      for (const name of missing) expect((error as Error).message).toContain(`${name} ontbreekt`);
      expect((error as Error).message).toContain('env/.env.test');
      expect(lines).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('serves the validated tenant configuration over https, without the emulator', async () => {
    const root = await project(COMPLETE);
    const emulatorData = path.join(root, 'emulator-data');
    const lines: string[] = [];
    const running = await start(
      { PORT: '0', EMULATOR_DATA: emulatorData },
      (line) => lines.push(line),
      ['--env', 'test'],
      root,
    );
    try {
      const url = lines.map((line) => /https:\/\/localhost:\d+\//.exec(line)?.[0]).find(Boolean);
      expect(url).toBeDefined();
      const ca = await readFile(path.join(root, '.cache/tls/localhost.crt'), 'utf8');
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(`${url}config.json`, { ca }, (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({
        mode: 'tenant',
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        clientId: COMPLETE.AAD_APP_CLIENT_ID,
        tenantId: COMPLETE.AAD_APP_TENANT_ID,
        teamsAppId: COMPLETE.TEAMS_APP_ID,
        site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
        approvals: { teamId: COMPLETE.APPROVAL_TEAM_ID, channelId: COMPLETE.APPROVAL_CHANNEL_ID },
        groups: { hr: COMPLETE.HR_GROUP_ID, approvers: COMPLETE.APPROVER_GROUP_ID },
      });
      expect(existsSync(emulatorData)).toBe(false);
      expect(lines.join('\n')).toContain('certutil');
      // PORT 0 picked another port than TAB_ENDPOINT's: Teams would not load this server.
      expect(lines.join('\n')).toContain('Let op: TAB_ENDPOINT is https://localhost:53000');
    } finally {
      await running.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('as a command, exits non-zero and names the problems (example values in env/.env.dev)', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/start.ts', '--env', 'dev'],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PORT: '0' }, timeout: 60_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Functiewijzer kon niet starten');
    expect(result.stderr).toContain('env/.env.dev');
    expect(result.stderr).toMatch(/AAD_APP_CLIENT_ID is nog een voorbeeldwaarde/);
    expect(result.stderr).toMatch(/HR_GROUP_ID is nog een voorbeeldwaarde/);
  });
});

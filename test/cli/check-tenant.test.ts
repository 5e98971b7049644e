import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHECKS, runCheckTenant } from '../../src/cli/check-tenant';
import { emulatorTokens, PERSONAS } from '../../src/cli/local-stack';
import { runProvision } from '../../src/cli/provision';
import { SignInError, type TenantTokens } from '../../src/cli/tenant-sign-in';
import { APPROVAL_CHANNEL_ID, GROUP_IDS, TEAM_ID, TENANT_ID } from '../../src/emulator/tenant';
import { startEmulator } from '../../src/emulator/server';
import { LOCAL_MANIFEST_APP_ID } from '../../src/teams/protocol';

/**
 * `npm run check-tenant`: `--site` exactly as IT runs it, with the device-code sign-in replaced
 * by emulator tokens and GRAPH_BASE_URL on the emulator (so the tenant path itself runs), and
 * `--local`. Bad input: a wrong address, no consent, the same account twice, an "approver"
 * without rights, a network cut mid-run.
 */

const SITE = 'https://stadtienen.sharepoint.com/sites/functiewijzer';
const LINE = /^[✓✗–] .+: (geslaagd|mislukt|niet te controleren lokaal) — .+$/;

function lines(out: string): string[] {
  return out.split('\n').filter((l) => LINE.test(l));
}

function summary(out: string): { passed: number; failed: number } {
  const match = /^(\d+) geslaagd, (\d+) mislukt/m.exec(out);
  if (!match) throw new Error(`geen telling in:\n${out}`);
  return { passed: Number(match[1]), failed: Number(match[2]) };
}

describe('npm run check-tenant -- --site (tenant path on the emulator)', () => {
  let dataDir: string;
  let root: string;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-check-site-'));
    emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    expect(
      await runProvision(
        [],
        { stdout: () => undefined, stderr: () => undefined },
        { EMULATOR_URL: emulator.url },
      ),
    ).toBe(0);
    root = await mkdtemp(path.join(tmpdir(), 'functiewijzer-check-env-'));
    await mkdir(path.join(root, 'env'));
    await writeFile(
      path.join(root, 'env', '.env.test'),
      [
        'AAD_APP_CLIENT_ID=3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
        `AAD_APP_TENANT_ID=${TENANT_ID}`,
        'TAB_ENDPOINT=https://functiewijzer-test.stad.be',
        'TAB_DOMAIN=functiewijzer-test.stad.be',
        `SHAREPOINT_SITE_URL=${SITE}`,
        `APPROVAL_TEAM_ID=${TEAM_ID}`,
        `APPROVAL_CHANNEL_ID=${APPROVAL_CHANNEL_ID}`,
        `TEAMS_APP_ID=${LOCAL_MANIFEST_APP_ID}`,
        `HR_GROUP_ID=${GROUP_IDS.members}`,
        `APPROVER_GROUP_ID=${GROUP_IDS.approvers}`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });
  afterEach(async () => {
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
  });

  async function run(args: string[], accounts: (string | Error)[]) {
    let out = '';
    let err = '';
    const queue = [...accounts];
    const signIn = (): Promise<TenantTokens> => {
      const next = queue.shift();
      if (next === undefined) throw new Error('more sign-ins than the test expected');
      if (next instanceof Error) return Promise.reject(next);
      const token = emulatorTokens(emulator.url, next);
      const sharePoint = emulatorTokens(emulator.url, next, 'https://stadtienen.sharepoint.com');
      return Promise.resolve({ account: next, graph: token, sharePoint });
    };
    const code = await runCheckTenant(
      args,
      { stdout: (t) => (out += t), stderr: (t) => (err += t) },
      { GRAPH_BASE_URL: emulator.graphBaseUrl, SHAREPOINT_BASE_URL: emulator.url },
      { signIn, root },
    );
    return { code, out, err };
  }

  it('one Dutch line per check, in order, then "N geslaagd, M mislukt"; exit 1 exactly when one failed', async () => {
    const result = await run(
      ['--site', SITE, '--env', 'test'],
      [PERSONAS.admin, PERSONAS.approver],
    );
    const seen = lines(result.out);
    expect(seen.map((l) => l.replace(/^[✓✗–] /, '').split(': ')[0])).toEqual(
      CHECKS.map((c) => c.title),
    );
    const failures = seen.filter((l) => l.includes(': mislukt — '));
    expect(summary(result.out)).toEqual({
      passed: seen.length - failures.length,
      failed: failures.length,
    });
    // A failure names what to do.
    for (const line of failures) expect(line).toMatch(/Oplossen: /);
    expect(result.code).toBe(failures.length > 0 ? 1 : 0);
    expect(result.err).toContain(`Aangemeld als ${PERSONAS.admin}.`);
    expect(result.err).toContain(`Aangemeld als ${PERSONAS.approver}.`);
    // Throw-away items are removed; what cannot be removed is named.
    expect(result.out).toMatch(/Blijft staan: Besluiten item \d+ \(Besluiten is alleen-toevoegen/);
  });

  it('the SharePoint and Graph checks pass on the emulator', async () => {
    const result = await run(
      ['--site', SITE, '--env', 'test'],
      [PERSONAS.admin, PERSONAS.approver],
    );
    for (const title of [
      'Lijsten met opzoekkolommen en unieke geïndexeerde sleutels',
      'Aanmaken en bijwerken zonder null',
      'Filter op FunctieLookupId zonder Prefer-header',
      'Paginagrootte $top=5000 met $expand=fields',
      'Lijsten van de site via haar pad (één retour bij het starten)',
      'Een goedkeurder (alleen toevoegen) maakt een besluit aan via Graph',
      'createdBy.user.id van een lijstitem',
      'Lijstmachtigingen zoals de twee accounts ze ervaren',
      'Lijstmachtigingen in SharePoint zoals gedeclareerd',
      'Kaart en antwoord in het goedkeuringskanaal',
      'Activiteitsmelding aan één goedkeurder',
    ]) {
      expect(result.out).toContain(`✓ ${title}: geslaagd`);
    }
    // The lists' answer carries the times the catalogue's first stamp is taken from.
    expect(result.out).toMatch(
      /✓ Lijsten van de site via haar pad \(één retour bij het starten\): geslaagd — .*elk met haar lastModifiedDateTime/,
    );
  });

  it('a second account without approver rights: the decision check fails and names the deploy step', async () => {
    const result = await run(['--site', SITE, '--env', 'test'], [PERSONAS.admin, PERSONAS.staff]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /✗ Een goedkeurder \(alleen toevoegen\) maakt een besluit aan via Graph: mislukt — sofie\.maes@\S+ kreeg HTTP 403.*Oplossen: .*stap 4/,
    );
  });

  it('a list whose permissions were put back to the site’s: the SharePoint check names it', async () => {
    const admin = emulatorTokens(emulator.url, PERSONAS.admin);
    const lists = (await (
      await fetch(
        `${emulator.graphBaseUrl}/sites/stadtienen.sharepoint.com:/sites/functiewijzer:/lists?$select=id,displayName`,
        { headers: { Authorization: `Bearer ${await admin()}` } },
      )
    ).json()) as { value: { id: string; displayName: string }[] };
    const besluiten = lists.value.find((l) => l.displayName === 'Besluiten');
    await fetch(`${emulator.url}/_emulator/lists/${besluiten?.id}/permissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await admin()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ inheritFromSite: true }),
    });
    const result = await run(
      ['--site', SITE, '--env', 'test'],
      [PERSONAS.admin, PERSONAS.approver],
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /✗ Lijstmachtigingen in SharePoint zoals gedeclareerd: mislukt — Besluiten erft de machtigingen van de site\. Oplossen: voer npm run provision -- --tenant/,
    );
    // Provisioning puts it right again.
    expect(
      await runProvision(
        [],
        { stdout: () => undefined, stderr: () => undefined },
        { EMULATOR_URL: emulator.url },
      ),
    ).toBe(0);
  });

  it('a network cut mid-run: the affected checks fail with what happened, the run still ends with its count', async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ match: { method: 'POST', path: '/items$' }, fault: { type: 'drop' } }),
    });
    const result = await run(
      ['--site', SITE, '--env', 'test'],
      [PERSONAS.admin, PERSONAS.approver],
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /✗ Aanmaken en bijwerken zonder null: mislukt — de controle liep vast: Geen verbinding/,
    );
    expect(lines(result.out)).toHaveLength(CHECKS.length);
    expect(summary(result.out).failed).toBeGreaterThan(0);
  });

  it('the same account twice: exit 1 before any check, says to sign in as an approver', async () => {
    const result = await run(['--site', SITE, '--env', 'test'], [PERSONAS.admin, PERSONAS.admin]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /Zelftest niet begonnen: Twee keer hetzelfde account.*als goedkeurder/,
    );
    expect(lines(result.out)).toEqual([]);
  });

  it('no consent: exit 1 with what to do', async () => {
    const result = await run(
      ['--site', SITE, '--env', 'test'],
      [
        new SignInError(
          'no-consent',
          'Functiewijzer heeft in deze tenant nog geen beheerderstoestemming voor Graph. (docs/deploy.md stap 2)',
        ),
      ],
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Zelftest niet begonnen: .*beheerderstoestemming.*stap 2/);
  });

  it('a site that does not exist: exit 1, names the address', async () => {
    const result = await run(
      ['--site', 'https://stadtienen.sharepoint.com/sites/bestaatniet', '--env', 'test'],
      [PERSONAS.admin, PERSONAS.approver],
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /Niet gevonden op https:\/\/stadtienen\.sharepoint\.com\/sites\/bestaatniet/,
    );
  });

  it('not a site address: exit 1 before signing in', async () => {
    const result = await run(['--site', 'functiewijzer', '--env', 'test'], []);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/geen adres/);
  });

  it('neither --site nor --local is wrong use', async () => {
    const result = await run([], []);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Geef --site ADRES of --local/);
  });
});

describe('npm run check-tenant -- --local', () => {
  it('runs every check against a fresh emulator it starts itself, and all pass', async () => {
    let out = '';
    const code = await runCheckTenant(
      ['--local'],
      { stdout: (t) => (out += t), stderr: () => undefined },
      {},
    );
    const seen = lines(out);
    expect(seen).toHaveLength(CHECKS.length);
    expect(out).toMatch(/\(lokale emulator\)/);
    // Green in CI: every check the emulator can answer passes (the failures would be listed).
    expect(out.split('\n').filter((l) => l.includes(': mislukt — '))).toEqual([]);
    expect(summary(out)).toEqual({ passed: CHECKS.length, failed: 0 });
    expect(code).toBe(0);
  });
});

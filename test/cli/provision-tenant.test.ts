import { emulatorTokens, PERSONAS } from '../../src/cli/local-stack';
import { runProvision } from '../../src/cli/provision';
import { SignInError, signInErrorFrom, type TenantTokens } from '../../src/cli/tenant-sign-in';
import {
  fakeTenantTokens,
  TENANT_REGISTRATION as REGISTRATION,
  TENANT_SITE as SITE,
  useTenantEmulator,
} from '../support/tenant-sign-in';

/**
 * `npm run provision -- --tenant <site>` as IT runs it, with the device-code sign-in replaced by
 * the emulator's tokens (the sign-in itself is tested at msal-node's boundary in
 * tenant-sign-in.test.ts) and GRAPH_BASE_URL on the emulator: everything after the sign-in is the
 * tenant path. Bad input: a wrong site, a user without rights, a network cut mid-run.
 */

describe('npm run provision -- --tenant', () => {
  const emulator = useTenantEmulator('provision-tenant');
  afterEach(async () => {
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
  });

  const signInAs = (upn: string, seen: { settings?: unknown } = {}) => {
    return (settings: unknown): Promise<TenantTokens> => {
      seen.settings = settings;
      return Promise.resolve(fakeTenantTokens(emulator, upn));
    };
  };

  async function run(
    args: string[],
    upn: string = PERSONAS.admin,
    seen: { settings?: unknown } = {},
  ) {
    let out = '';
    let err = '';
    const code = await runProvision(
      args,
      { stdout: (t) => (out += t), stderr: (t) => (err += t) },
      { GRAPH_BASE_URL: emulator.graphBaseUrl, SHAREPOINT_BASE_URL: emulator.url },
      { signIn: signInAs(upn, seen) },
    );
    return { code, out, err };
  }

  it('a network cut mid-run: exit 1, says what exists and what not; the next run finishes the job', async () => {
    // Let site, list reads and the first list creations through, then drop every connection.
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        match: { method: 'POST', path: '/lists$' },
        fault: { type: 'drop' },
        skip: 2,
      }),
    });
    const cut = await run(['--tenant', SITE, ...REGISTRATION]);
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/Inrichten mislukt: .*antwoordde niet.*opnieuw uit/);
    expect(cut.err).toMatch(/Stand op de site: aanwezig .+; nog niet aangemaakt .+\./);
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });

    const again = await run(['--tenant', SITE, ...REGISTRATION]);
    expect(again.code).toBe(0);
    expect(again.err).toContain(`Aangemeld als ${PERSONAS.admin}.`);
    expect(again.out).toMatch(/aangemaakt/);
    const third = await run(['--tenant', SITE, ...REGISTRATION]);
    expect(third.code).toBe(0);
    expect(third.out).not.toMatch(/aangemaakt|toegevoegd|bijgewerkt/);
  });

  it('signs in for the site’s SharePoint host on the given app registration', async () => {
    const seen: { settings?: unknown } = {};
    await run(['--tenant', SITE, ...REGISTRATION], PERSONAS.admin, seen);
    expect(seen.settings).toEqual({
      clientId: '3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
      tenantId: 'stadtienen.onmicrosoft.com',
      sharePointOrigin: 'https://stadtienen.sharepoint.com',
    });
  });

  it('a site that does not exist: exit 1, names the address and the deploy step', async () => {
    const result = await run([
      '--tenant',
      'https://stadtienen.sharepoint.com/sites/bestaatniet',
      ...REGISTRATION,
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /Niet gevonden op https:\/\/stadtienen\.sharepoint\.com\/sites\/bestaatniet.*stap 3/,
    );
  });

  it('not a site address at all: exit 1 before any sign-in', async () => {
    const seen: { settings?: unknown } = {};
    const result = await run(
      ['--tenant', 'stadtienen.sharepoint.com', ...REGISTRATION],
      PERSONAS.admin,
      seen,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /geen adres; verwacht bv\. https:\/\/stad\.sharepoint\.com\/sites\/functiewijzer/,
    );
    expect(seen.settings).toBeUndefined();
  });

  it('a user without rights to manage the site: exit 1, names the account and the rights it needs', async () => {
    await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    const result = await run(['--tenant', SITE, ...REGISTRATION], PERSONAS.staff);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Je account (${PERSONAS.staff}) mag dit niet`);
    expect(result.err).toMatch(/sitecollectiebeheerder van de site/);
    expect(result.err).toMatch(/Stand op de site: nog geen lijsten/);
  });

  it('a session that expires mid-run: exit 1, says to run it again; the next run finishes', async () => {
    await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    let calls = 0;
    let out = '';
    let err = '';
    const code = await runProvision(
      ['--tenant', SITE, ...REGISTRATION],
      { stdout: (t) => (out += t), stderr: (t) => (err += t) },
      { GRAPH_BASE_URL: emulator.graphBaseUrl },
      {
        signIn: () => {
          const token = emulatorTokens(emulator.url, PERSONAS.admin);
          // What msal-node's silent renewal throws once the refresh token is gone.
          let failure: SignInError | null = null;
          const expiring = async (): Promise<string> => {
            calls += 1;
            if (calls > 4)
              throw (failure = new SignInError(
                'session-expired',
                'Je aanmelding is verlopen of ingetrokken tijdens de opdracht. Voer dezelfde opdracht opnieuw uit: wat al klaar is, wordt herkend en overgeslagen.',
              ));
            return token();
          };
          return Promise.resolve({
            account: PERSONAS.admin,
            graph: expiring,
            sharePoint: expiring,
            lastFailure: () => failure,
          });
        },
      },
    );
    expect(code).toBe(1);
    expect(err).toMatch(/Inrichten mislukt: Je aanmelding is verlopen.*opnieuw uit/);
    expect(out).not.toMatch(/niets gewijzigd/);
    const again = await run(['--tenant', SITE, ...REGISTRATION]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/aangemaakt/);
    // The Graph client repeats a failed GET with back-off before giving up: minutes of waiting, not work.
  }, 90_000);

  it('a tenant without consent: exit 1 before anything is done, naming deploy step 2', async () => {
    let err = '';
    const code = await runProvision(
      ['--tenant', SITE, ...REGISTRATION],
      { stdout: () => undefined, stderr: (t) => (err += t) },
      { GRAPH_BASE_URL: emulator.graphBaseUrl, SHAREPOINT_BASE_URL: emulator.url },
      {
        signIn: () =>
          Promise.reject(
            signInErrorFrom(
              Object.assign(
                new Error(
                  'AADSTS65001: The user or administrator has not consented to use the application.',
                ),
                {
                  errorCode: 'invalid_grant',
                },
              ),
              'Graph',
            ),
          ),
      },
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /Inrichten niet begonnen: .*nog geen beheerderstoestemming voor Graph.*stap 2.*\(AADSTS65001\)/,
    );
  });

  it('--tenant without an address is wrong use (exit 2) with the usage', async () => {
    const result = await run(['--tenant']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/verwacht een waarde \(bij --tenant het adres van de site\)/);
    expect(result.err).toMatch(/Gebruik: npm run provision/);
  });
});

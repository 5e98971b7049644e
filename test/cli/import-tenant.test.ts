import path from 'node:path';
import { runImport, tenantImportWrite } from '../../src/cli/import';
import { PERSONAS } from '../../src/cli/local-stack';
import { runProvision } from '../../src/cli/provision';
import type { SignInDeps, TenantTokens } from '../../src/cli/tenant-sign-in';
import type { ParseResult } from '../../src/import/parse';
import { functiebeschrijving, functieprofiel } from '../graph/fixtures';
import {
  fakeTenantTokens,
  TENANT_REGISTRATION as REGISTRATION,
  TENANT_SITE as SITE,
  useTenantEmulator,
} from '../support/tenant-sign-in';

/**
 * `npm run import -- --tenant <site> FILES` with the device-code sign-in replaced by emulator
 * tokens (one per sign-in, in order) and GRAPH_BASE_URL on the emulator.
 */

describe('npm run import -- --tenant', () => {
  const emulator = useTenantEmulator('import-tenant');

  const files: Record<string, () => ParseResult> = {
    'ict.docx': () => ({ ok: true, description: functiebeschrijving(), warnings: [] }),
    'profiel.docx': () => ({ ok: true, description: functieprofiel(), warnings: [] }),
    'netwerk.docx': () => ({
      ok: true,
      description: { ...functiebeschrijving(), key: 'netwerktest-ict', title: 'Netwerktest ICT' },
      warnings: [],
    }),
  };

  async function run(args: string[], accounts: string[]) {
    let out = '';
    let err = '';
    const prompts: (string | undefined)[] = [];
    const queue = [...accounts];
    const signIn = (_settings: unknown, deps: SignInDeps): Promise<TenantTokens> => {
      prompts.push(deps.who);
      const upn = queue.shift();
      if (!upn) throw new Error('more sign-ins than the test expected');
      return Promise.resolve(fakeTenantTokens(emulator, upn));
    };
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    const code = await runImport(args, io, {
      importFile: (file) => Promise.resolve((files[path.basename(file)] as () => ParseResult)()),
      write: null,
      tenantWrite: (request) =>
        tenantImportWrite(
          request,
          { GRAPH_BASE_URL: emulator.graphBaseUrl },
          { ...io, progress: { isTTY: false, write: () => true } },
          { signIn },
        ),
    });
    return { code, out, err, prompts };
  }

  it('before provisioning: writes nothing and says to provision first', async () => {
    const result = await run(['--tenant', SITE, ...REGISTRATION, 'ict.docx'], [PERSONAS.hr]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Niets weggeschreven: de lijsten .* npm run provision -- --tenant/);
  });

  it('a user without rights on the lists: exit 1, nothing claimed as written', async () => {
    const provisioned = await runProvision(
      [],
      { stdout: () => undefined, stderr: () => undefined },
      { EMULATOR_URL: emulator.url },
    );
    expect(provisioned).toBe(0);
    const result = await run(['--tenant', SITE, ...REGISTRATION, 'ict.docx'], [PERSONAS.staff]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Niet \(volledig\) weggeschreven: ict\.docx/);
    expect(result.out).toMatch(/Voer dezelfde opdracht opnieuw uit/);
  });

  it('content as HR, approvals after a second sign-in as the director: they count', async () => {
    const result = await run(
      ['--tenant', SITE, ...REGISTRATION, '--approver-sign-in', 'ict.docx', 'profiel.docx'],
      [PERSONAS.hr, PERSONAS.approver],
    );
    expect(result.err).toContain(`Aangemeld als ${PERSONAS.hr}.`);
    expect(result.err).toContain(`Goedkeuringen worden geschreven als ${PERSONAS.approver}.`);
    expect(result.prompts).toEqual([
      'als HR-medewerker of IT (schrijft de inhoud)',
      'als goedkeurder (algemeen directeur), voor de goedkeuringen uit de documenten',
    ]);
    expect(result.out).toMatch(/deskundige-ict\): nieuw; goedkeuring als besluit geregistreerd/);
    expect(result.out).not.toMatch(/Niet \(volledig\) weggeschreven/);
    expect(result.code).toBe(0);
  });

  it('without --approver-sign-in it says whose approvals these become and what that means', async () => {
    const result = await run(['--tenant', SITE, ...REGISTRATION, 'ict.docx'], [PERSONAS.hr]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /Goedkeuringen uit de documenten worden geschreven als hilde\.janssens@.*historisch besluit \(geïmporteerd\).*--approver-sign-in/,
    );
    expect(result.out).toMatch(/deskundige-ict\): ongewijzigd/);
  });

  it('a network cut mid-run: exit 1 naming the file; the same command again finishes it', async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        match: { method: 'POST', path: '/items$' },
        fault: { type: 'drop' },
        skip: 1,
      }),
    });
    const cut = await run(
      ['--tenant', SITE, ...REGISTRATION, '--approver-sign-in', 'netwerk.docx'],
      [PERSONAS.hr, PERSONAS.approver],
    );
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/Niet \(volledig\) weggeschreven: netwerk\.docx \(netwerktest-ict\)/);
    const again = await run(
      ['--tenant', SITE, ...REGISTRATION, '--approver-sign-in', 'netwerk.docx'],
      [PERSONAS.hr, PERSONAS.approver],
    );
    expect(again.out).not.toMatch(/Niet \(volledig\) weggeschreven/);
    expect(again.code).toBe(0);
  });

  it('a wrong site address: exit 1 before anyone signs in', async () => {
    const result = await run(
      ['--tenant', 'https://stadtienen.sharepoint.com/', ...REGISTRATION, 'ict.docx'],
      [],
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /Niets weggeschreven: .*verwacht https:\/\/<naam>\.sharepoint\.com\/sites\/<site>/,
    );
    expect(result.prompts).toEqual([]);
  });

  it('a site that does not exist: exit 1, names the address and the step', async () => {
    const result = await run(
      [
        '--tenant',
        'https://stadtienen.sharepoint.com/sites/bestaatniet',
        ...REGISTRATION,
        'ict.docx',
      ],
      [PERSONAS.hr],
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /Niet gevonden op https:\/\/stadtienen\.sharepoint\.com\/sites\/bestaatniet.*stap 3/,
    );
  });

  it('--approver-sign-in without --tenant is wrong use', async () => {
    const result = await run(['--approver-sign-in', 'ict.docx'], []);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--approver-sign-in werkt alleen samen met --tenant/);
  });
});

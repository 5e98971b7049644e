import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphImportWrite } from '../../src/cli/local-stack';
import { runProvision } from '../../src/cli/provision';
import { startEmulator } from '../../src/emulator/server';
import { functiebeschrijving, functieprofiel } from '../graph/fixtures';

/** The commands as IT and HR run them, against a running emulator (EMULATOR_URL). */
describe('npm run provision / npm run import [emulator]', () => {
  let dataDir: string;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-cli-'));
    emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    env = { EMULATOR_URL: emulator.url };
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function provisionOutput(): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runProvision(
      [],
      { stdout: (t) => (out += t), stderr: (t) => (err += t) },
      env,
    );
    return { code, out, err };
  }

  it('provisions a fresh site, then reports "niets gewijzigd"', async () => {
    const first = await provisionOutput();
    expect(first.code).toBe(0);
    expect(first.out).toContain('lijst Functies aangemaakt');
    expect(first.out).toContain(
      'Besluiten: goedkeurders (Functiewijzer Goedkeurders) mag alleen toevoegen',
    );
    const second = await provisionOutput();
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/niets gewijzigd/);
    expect(second.out).not.toMatch(/aangemaakt|ingesteld/);
  });

  it('imports, and a second import of the same files changes nothing', async () => {
    const written: string[] = [];
    const write = graphImportWrite(env, { isTTY: false, write: (t: string) => written.push(t) });
    const first = await write([functiebeschrijving(), functieprofiel()]);
    expect(first.failed).toBe(false);
    expect(first.summary).toMatch(
      /Deskundige ICT \(deskundige-ict\): nieuw; goedkeuring als besluit geregistreerd/,
    );
    const second = await write([functiebeschrijving(), functieprofiel()]);
    expect(second.failed).toBe(false);
    expect(second.summary).toMatch(
      /deskundige-ict\): ongewijzigd; goedkeuring was al geregistreerd/,
    );
    // No terminal: no progress bar.
    expect(written).toEqual([]);
  });

  it('refuses --tenant without the site address, naming what is missing', async () => {
    let err = '';
    const code = await runProvision(
      ['--tenant'],
      { stdout: () => undefined, stderr: (t) => (err += t) },
      {},
    );
    expect(code).toBe(2);
    expect(err).toMatch(/--tenant het adres van de site/);
  });
});

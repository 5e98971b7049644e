import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { EXIT_FILE_ERRORS, EXIT_OK, EXIT_USAGE, runImport } from '../../src/cli/import';
import { functionDescriptionSchema } from '../../src/domain/schema';
import { parseDocument } from '../../src/import/parse';
import { readSeed, SEED_FILES } from '../import/document-fixtures';

const ROOT = join(__dirname, '..', '..');
const SEED_PATHS = SEED_FILES.map((f) => join(ROOT, 'src', 'samples', f));

type Run = { code: number | null; stdout: string; stderr: string };

function spawnCollect(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI as a process, loaded the way `npm run import` loads it (tsx), without npm's start-up. */
const cli = (...args: string[]): Promise<Run> =>
  spawnCollect(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args]);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const descriptionsSchema = z.array(functionDescriptionSchema);

function parsedSeed(file: string) {
  const result = parseDocument(readSeed(file), file);
  if (!result.ok) throw new Error(`seed ${file} does not parse`);
  return result.description;
}

describe('npm run import -- --dry-run --json (as a process)', () => {
  it('prints the two seeds as one JSON array of interchange objects, in argument order', async () => {
    const run = await spawnCollect('npm', [
      'run',
      '-s',
      'import',
      '--',
      '--dry-run',
      '--json',
      ...SEED_PATHS,
    ]);
    expect(run.code).toBe(EXIT_OK);
    const out = descriptionsSchema.parse(JSON.parse(run.stdout));
    expect(out).toEqual(SEED_FILES.map(parsedSeed));
    expect(out.map((d) => d.kind)).toEqual(['functiebeschrijving', 'functieprofiel']);
  });

  describe('with bad files among good ones', () => {
    let dir: string;
    let untickedLine: number;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fw-import-cli-'));
      const ict = readSeed(SEED_FILES[0]);
      const tick = ict.indexOf('☒');
      untickedLine = ict.slice(0, tick).split('\n').length;
      await writeFile(
        join(dir, 'zonder-vinkje.txt'),
        `${ict.slice(0, tick)}☐${ict.slice(tick + 1)}`,
      );
      await writeFile(join(dir, 'leeg.txt'), '');
      await writeFile(
        join(dir, 'binair.txt'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      );
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('exits 1, prints only the readable files in order and names every bad one on stderr', async () => {
      const [ict, profiel] = SEED_PATHS as [string, string];
      const run = await cli(
        '--dry-run',
        '--json',
        join(dir, 'leeg.txt'),
        profiel,
        join(dir, 'binair.txt'),
        join(dir, 'zonder-vinkje.txt'),
        ict,
      );
      expect(run.code).toBe(EXIT_FILE_ERRORS);
      const out = descriptionsSchema.parse(JSON.parse(run.stdout));
      expect(out).toEqual([parsedSeed(SEED_FILES[1]), parsedSeed(SEED_FILES[0])]);

      const errors = run.stderr
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('waarschuwing: '));
      expect(errors.find((l) => l.startsWith('leeg.txt: '))).toMatch(/leeg/);
      expect(errors.find((l) => l.startsWith('binair.txt: '))).toMatch(
        /geen tekstbestand \(binaire inhoud\)/,
      );
      const unticked = errors.filter((l) => l.startsWith('zonder-vinkje.txt: '));
      expect(unticked.length).toBeGreaterThan(0);
      // The reported line is in the competency whose tick was removed: at or before that box.
      const line = Number(/^zonder-vinkje\.txt: regel (\d+): /.exec(unticked[0] ?? '')?.[1]);
      expect(line).toBeGreaterThan(0);
      expect(line).toBeLessThanOrEqual(untickedLine);
      // Good files produce no error lines.
      expect(errors.filter((l) => SEED_FILES.some((f) => l.startsWith(`${f}: `)))).toEqual([]);
    });

    it('without --json prints a Dutch summary per file', async () => {
      const run = await cli('--dry-run', SEED_PATHS[0] as string, join(dir, 'leeg.txt'));
      expect(run.code).toBe(EXIT_FILE_ERRORS);
      const ict = parsedSeed(SEED_FILES[0]);
      expect(run.stdout).toContain(`✓ ${SEED_FILES[0]}`);
      expect(run.stdout).toMatch(
        new RegExp(`Titel:\\s+${escapeRegExp(ict.title)} \\(functiebeschrijving`),
      );
      expect(run.stdout).toMatch(new RegExp(`Competenties:\\s+${ict.competencies.length}\\b`));
      expect(run.stdout).toContain('✗ leeg.txt: niet ingelezen (1 fout');
      expect(run.stdout).toContain('1 van 2 bestanden ingelezen, 1 met fouten.');
    });
  });
});

describe('runImport (usage)', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
    };
  };
  const neverRead = (): Promise<never> => Promise.reject(new Error('should not read files'));

  it.each([
    [[], /Geef minstens één bestand op/],
    [['--dry-run'], /Geef minstens één bestand op/],
    [['--dry-run', '--snel', 'a.txt'], /Onbekende optie '--snel'/],
    [['--json', 'a.txt'], /--json werkt alleen samen met --dry-run/],
  ])('%j is a usage error (2) with the usage text', async (argv, message) => {
    const { out, io: streams } = io();
    expect(await runImport(argv, streams, { importFile: neverRead, write: null })).toBe(EXIT_USAGE);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toContain('Gebruik: npm run import');
    expect(out.stdout).toBe('');
  });

  it('without --dry-run says that writing needs the data layer (2), before reading anything', async () => {
    const { out, io: streams } = io();
    expect(await runImport(['a.txt'], streams, { importFile: neverRead, write: null })).toBe(
      EXIT_USAGE,
    );
    expect(out.stderr).toMatch(/datalaag \(Microsoft Graph\).*\n.*--dry-run/);
  });

  it('hands the read descriptions to the write path once it exists, and writes nothing if a file failed', async () => {
    const ict = parsedSeed(SEED_FILES[0]);
    const written: unknown[] = [];
    const write = (d: unknown[]) => {
      written.push(...d);
      return Promise.resolve({ summary: `${d.length} geschreven`, failed: false });
    };
    const good = () => Promise.resolve({ ok: true as const, description: ict, warnings: [] });
    const { out, io: streams } = io();
    expect(await runImport(['a.txt'], streams, { importFile: good, write })).toBe(EXIT_OK);
    expect(written).toEqual([ict]);
    expect(out.stdout).toBe('1 geschreven\n');

    written.length = 0;
    const mixed = (p: string) =>
      p === 'slecht.txt'
        ? Promise.resolve({ ok: false as const, errors: [{ file: p, line: 3, message: 'kapot' }] })
        : good();
    const second = io();
    expect(await runImport(['a.txt', 'slecht.txt'], second.io, { importFile: mixed, write })).toBe(
      EXIT_FILE_ERRORS,
    );
    expect(written).toEqual([]);
    expect(second.out.stderr).toMatch(/slecht\.txt: regel 3: kapot/);

    const third = io();
    const failingWrite = () => Promise.resolve({ summary: '0 van 1 weggeschreven', failed: true });
    expect(await runImport(['a.txt'], third.io, { importFile: good, write: failingWrite })).toBe(
      EXIT_FILE_ERRORS,
    );
    expect(third.out.stdout).toBe('0 van 1 weggeschreven\n');
  });

  it('reports an object that breaks the schema as an error, not as output', async () => {
    const broken = { ...parsedSeed(SEED_FILES[0]), key: 'Geen Geldige Sleutel' };
    const { out, io: streams } = io();
    const code = await runImport(['--dry-run', '--json', 'x.txt'], streams, {
      importFile: () => Promise.resolve({ ok: true, description: broken, warnings: [] }),
      write: null,
    });
    expect(code).toBe(EXIT_FILE_ERRORS);
    expect(JSON.parse(out.stdout)).toEqual([]);
    expect(out.stderr).toMatch(/x\.txt: .*interne fout.*uitwisselingsformaat \(key:/);
  });
});

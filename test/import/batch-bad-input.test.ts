import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_FILE_ERRORS, EXIT_OK, EXIT_USAGE, runImport } from '../../src/cli/import';
import { importFile } from '../../src/import/import-file';
import { pdfOf, readSeed, SEED_FILES } from './document-fixtures';

/**
 * Bad input in a batch (issue 13): each bad document gets a Dutch message with its line or
 * page, and the other documents of the batch are still read. Through the command HR's IT runs.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fw-batch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function dryRun(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runImport(
    ['--dry-run', ...args],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    { importFile, write: null },
  );
  return { code, stdout, stderr };
}

const LEVELLED = (level: string): string[] => [
  'Functiebeschrijving archivaris',
  'Doel van de functie',
  'Je beheert het archief.',
  'Taakafspraken',
  'Taakafspraak 1: Beheert het archief.',
  '– Ordent bestanden.',
  'Competenties',
  'Nauwkeurigheid',
  '0 ☐ ‒ N.v.t.',
  '1 ☐ ‒ Werkt nauwkeurig.',
  '2 ☐ ‒ Controleert het eigen werk.',
  `${level} ☒ ‒ Bepaalt de normen.`,
];

describe('a batch with bad documents', () => {
  it('names each bad document with its reason, line or page, and still reads the others', async () => {
    const good = file('goed.txt', readSeed(SEED_FILES[0]));
    const scan = file('scan.pdf', await pdfOf([[]]));
    const locked = file('geheim.pdf', await pdfOf([['geheim']], { userPassword: 'x' }));
    const old = file('oud.doc', 'niet echt een doc');
    const big = file('groot.txt', '');
    truncateSync(big, 60 * 1024 * 1024);
    const titles = file(
      'titels.txt',
      ['Functienaam: Archivaris', 'Functienaam: Bibliothecaris', ...LEVELLED('3').slice(1)].join(
        '\n',
      ),
    );
    const level = file(
      'niveau.pdf',
      await pdfOf([LEVELLED('3').slice(0, 9), LEVELLED('5').slice(9)]),
    );

    const r = await dryRun([good, scan, locked, old, big, titles, level]);
    expect(r.code).toBe(EXIT_FILE_ERRORS);
    expect(r.stdout).toMatch(/✓ goed\.txt/);
    const errors = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('waarschuwing:'));
    expect(errors).toEqual([
      'scan.pdf: dit PDF-bestand bevat geen tekst: gebruik het Word-bestand of laat het eerst herkennen (tekstherkenning, OCR): het is wellicht een scan zonder tekstlaag.',
      expect.stringMatching(
        /^geheim\.pdf: dit PDF-bestand is beveiligd met een wachtwoord.*Word-bestand/,
      ),
      "oud.doc: bestandstype '.doc' wordt niet ondersteund. Open het in Word en sla het op als .docx.",
      'groot.txt: bestand te groot (60 MB; maximaal 50 MB).',
      "titels.txt: regel 2: twee verschillende functietitels: 'Archivaris' (regel 1) en 'Bibliothecaris' (regel 2). Houd er één over.",
      expect.stringMatching(
        /^niveau\.pdf: pagina 2: niveau 5 ligt buiten de schaal van dit document \(0 tot 3\)/,
      ),
    ]);
  });
});

describe('npm run import -- --profile', () => {
  const text = [
    'Functieprofiel archivaris',
    'Opdracht van de functie',
    'Je beheert het archief van het bestuur.',
    'Resultaatsgebieden',
    '– Archiefbeheer',
    'Competenties',
    '• Samenwerken',
    'Werkt met anderen aan een gezamenlijk resultaat.',
    'Werkt samen:',
    '- Deelt informatie met collega’s',
  ].join('\n');

  it('reads the documents with the city’s own words', async () => {
    const doc = file('archivaris.txt', text);
    const profile = file(
      'stad-x.json',
      JSON.stringify({ headings: { doel: ['Opdracht van de functie'] } }),
    );
    const withProfile = await dryRun(['--json', '--profile', profile, doc]);
    expect(withProfile.code).toBe(EXIT_OK);
    expect(JSON.parse(withProfile.stdout)[0].purpose).toBe(
      'Je beheert het archief van het bestuur.',
    );
    const without = await dryRun(['--json', doc]);
    expect(JSON.parse(without.stdout)[0].purpose).toBeNull();
  });

  it('refuses a profile that is not valid, before reading any document', async () => {
    const doc = file('archivaris2.txt', text);
    const bad = file('kapot.json', '{"bullets": ["ab"]}');
    const r = await dryRun(['--profile', bad, doc]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/^Profiel 'kapot\.json': ongeldig profiel: bullets\.0: één teken/);
    const missing = await dryRun(['--profile', join(dir, 'nergens.json'), doc]);
    expect(missing.stderr).toBe("Profiel 'nergens.json' niet gevonden.\n");
  });
});

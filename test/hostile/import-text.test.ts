import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFile } from '../../src/import/import-file';
import { HOSTILE } from './payloads';

/**
 * A .txt document with hostile text in its fields: the importer gives text fields that hold the
 * markup literally (it is not the importer's job to escape; the tab renders text), and never
 * crashes.
 */

const SAMPLE = path.resolve(__dirname, '../../src/samples/functiebeschrijving-deskundige-ict.txt');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hostile-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function importVariant(name: string, edit: (text: string) => string) {
  const original = await readFile(SAMPLE, 'utf8');
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const file = path.join(dir, name);
  await writeFile(file, edited, 'utf8');
  return importFile(file);
}

describe('importer on hostile text', () => {
  test('markup, script and a javascript: URL in the fields come out as text', async () => {
    const result = await importVariant('markup.txt', (text) =>
      text
        .replace('Dienst: ICT', `Dienst: ${HOSTILE.script}`)
        .replace('Afdeling: Algemeen beheer', `Afdeling: ${HOSTILE.jsUrl}`)
        .replace('diensthoofd.  ', `diensthoofd. ${HOSTILE.img} `),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.description.service).toBe(HOSTILE.script);
    expect(result.description.department).toBe(HOSTILE.jsUrl);
    expect(result.description.purpose).toContain(HOSTILE.img);
    // The title and key are untouched: the hostile text stays in the field it was typed in.
    expect(result.description.key).toBe('deskundige-ict');
  });

  test('RTL overrides, zero-width characters and emoji survive in the fields', async () => {
    const result = await importVariant('unicode.txt', (text) =>
      text
        .replace('Dienst: ICT', `Dienst: ${HOSTILE.rtl}`)
        .replace('Afdeling: Algemeen beheer', `Afdeling: ${HOSTILE.emoji}`)
        .replace('Graadnaam: Deskundige', 'Graadnaam: Des\u200Bkun\u00ADdige\uFEFF'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.description.service).toBe(HOSTILE.rtl);
    // The joiner inside 👩🏽‍💻 is kept: without it the emoji falls apart into two.
    expect(result.description.department).toBe(HOSTILE.emoji);
    // Zero-width noise inside a word (Word and PDF exports) is removed, so the word reads whole.
    expect(result.description.grade).toBe('Deskundige');
  });

  test('a 100 KB line gives a result or a clean error, never a crash', async () => {
    const result = await importVariant('long.txt', (text) =>
      text.replace('diensthoofd.  ', `diensthoofd. ${HOSTILE.long} `),
    );
    if (result.ok) {
      expect(result.description.purpose).toContain(HOSTILE.long);
    } else {
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  test('a document that is nothing but markup is refused with an error, not a crash', async () => {
    const file = path.join(dir, 'only-markup.txt');
    await writeFile(file, `${HOSTILE.script}\n${HOSTILE.img}\n${HOSTILE.link}\n`, 'utf8');
    const result = await importFile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
  });
});

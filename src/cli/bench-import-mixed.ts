import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import { extractDocumentFromBuffer } from '../import/extract';
import { parseDocument } from '../import/parse';
import { round } from './bench-kit';

/**
 * Issue 13's import figure: 100 mixed documents (.txt, .docx, .pdf) of 10–40 pages read from
 * their bytes as `npm run import` reads them — extraction (the PDF by position, in its worker
 * thread) and parsing — one after the other: documents per second and the slowest document.
 *
 * The documents grow the ICT sample (src/samples/) into a longer description of the same shape:
 * its general data and purpose, then more result areas with their tasks, more competencies with
 * an indicator list per level, a section the vocabulary does not know, and the approval line.
 * Each is written three ways, as a city's documents come: the plain-text export; a Word file with
 * the general data in a table and the areas and tasks as Word numbering; and a PDF with a running
 * header and footer on every page. Made before timing starts, deterministically (no randomness),
 * with docx and pdfkit (dev tools: the bench runs from the repository).
 */

export type BenchDocument = {
  fileName: string;
  bytes: Buffer;
  pages: number;
  /** What the importer must find in it: a document read short is not a document read. */
  expected: { resultAreas: number; competencies: number };
};

const SEED = 'functiebeschrijving-deskundige-ict.txt';
const PDF_MARGIN = 56;
const PDF_FONT_SIZE = 10;

/** The seed's general data, taken as it is ("Label: value" lines before the purpose). */
function seedGeneralData(seed: string): [string, string][] {
  const head = seed.slice(0, seed.search(/^Doel van de functie/m));
  return [...head.matchAll(/^([A-Z][\p{L} ]+):\s*(.+?)\s*$/gmu)].map(
    (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
  );
}

/** The seed's purpose, one paragraph. */
function seedPurpose(seed: string): string {
  const after = seed
    .slice(seed.search(/^Doel van de functie/m))
    .split(/\r?\n/)
    .slice(1);
  const end = after.findIndex((l) => /^Als deskundige/.test(l));
  return after
    .slice(0, end)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

const DOMAINS = [
  'servers en opslag',
  'het netwerk',
  'de werkplekken',
  'de beveiliging',
  'de cloudplatformen',
  'de toepassingen',
  'de telefonie',
  'de back-ups',
  'de licenties',
  'de gegevens',
];
const SKILLS = [
  'Tekstverwerking',
  'Rekenbladen',
  'Databanken',
  'Scripting',
  'Netwerkbeheer',
  'Monitoring',
  'Identiteitsbeheer',
  'Virtualisatie',
  'Informatieveiligheid',
  'Projectmatig werken',
  'Procesmanagement',
  'Leveranciersbeheer',
  'Documenteren',
  'Klantgerichtheid',
  'Samenwerken',
];
const SCOPES = [
  'binnen de eigen dienst',
  'voor de hele organisatie',
  'samen met externe partners',
  'in de scholen',
  'in de woonzorgcentra',
  'op de buitendiensten',
];
const VERBS = ['Beheert', 'Plant', 'Controleert', 'Documenteert', 'Verbetert', 'Bewaakt'];
const CLUSTERS = ['PC-vaardigheden', 'Werking en werkmiddelen', 'Management en beleid'];

type Area = { title: string; tasks: string[] };
type Competency = { cluster: string; name: string; required: number; levels: string[][] };

/** The grown content: `units` result areas and twice as many competencies. */
type Content = {
  title: string;
  general: [string, string][];
  purpose: string;
  areas: Area[];
  competencies: Competency[];
};

function grow(seed: string, n: number, units: number): Content {
  // No digits in the content: a line whose shape (digits as #) repeats is a running header.
  const areas: Area[] = Array.from({ length: units }, (_, a) => {
    const scope = SCOPES[Math.floor(a / DOMAINS.length) % SCOPES.length] ?? '';
    return {
      title: `Staat in voor ${DOMAINS[a % DOMAINS.length]} ${scope}.`,
      tasks: Array.from(
        { length: 4 + (a % 3) },
        (_, t) =>
          `${VERBS[t % VERBS.length]} ${DOMAINS[(a + t) % DOMAINS.length]} ${scope}, volgens de afspraken van de dienst, en rapporteert erover aan het diensthoofd.`,
      ),
    };
  });
  const competencies: Competency[] = Array.from({ length: 2 * units }, (_, c) => {
    const skill = SKILLS[c % SKILLS.length] ?? '';
    // Not "Rekenbladen 2": a name ending in a number reads as a level line.
    const name = `${skill} voor ${DOMAINS[Math.floor(c / SKILLS.length) % DOMAINS.length]}`;
    return {
      cluster: CLUSTERS[Math.floor((c * CLUSTERS.length) / (2 * units))] ?? '',
      name,
      required: 1 + ((c + n) % 3),
      levels: [
        ['N.v.t.'],
        [`Heeft elementaire kennis van ${skill.toLowerCase()} en past ze toe met hulp.`],
        [
          `Heeft voldoende kennis van ${skill.toLowerCase()} om zelfstandig te werken.`,
          'Kan de gangbare werkwijzen uitleggen aan collega’s.',
        ],
        [
          'Heeft een grondige kennis (expertkennis).',
          'Heeft voldoende kennis om anderen te helpen.',
          `Doet voorstellen om het gebruik van ${skill.toLowerCase()} in de organisatie te verbeteren.`,
        ],
      ],
    };
  });
  const title = 'Deskundige ICT';
  return {
    title,
    general: seedGeneralData(seed).map(([l, v]) => [l, l === 'Functienaam' ? title : v]),
    purpose: seedPurpose(seed),
    areas,
    competencies,
  };
}

/** One line of the description; `list` is how Word numbers it, `cell` a general-data row. */
type Line = { text: string; list?: 'area' | 'task'; row?: [string, string] };

const UNKNOWN = ['IV. Arbeidsvoorwaarden', 'Voltijds, met glijdende werkuren en telewerk.'];
const APPROVAL = 'Goedkeuring besluit algemeen directeur van 9 februari 2023.';

function linesOf(c: Content): Line[] {
  const out: Line[] = [{ text: `FUNCTIEBESCHRIJVING ${c.title.toUpperCase()}` }];
  out.push({ text: 'I. Algemeen' }, { text: 'Functie' });
  for (const row of c.general) out.push({ text: `${row[0]}: ${row[1]}`, row });
  out.push({ text: 'Doel van de functie' }, { text: c.purpose });
  out.push({ text: 'II. Inhoudelijke taakafspraken' });
  c.areas.forEach((a, i) => {
    out.push({ text: `Taakafspraak ${i + 1}: ${a.title}`, list: 'area' });
    for (const t of a.tasks) out.push({ text: `‒ ${t}`, list: 'task' });
  });
  out.push({ text: 'III. Competenties' }, { text: 'BLOK 1: TECHNISCHE COMPETENTIES' });
  let cluster = '';
  for (const k of c.competencies) {
    if (k.cluster !== cluster)
      out.push({ text: `${(cluster = k.cluster)} Keuze niveau en duiding` });
    out.push({ text: k.name });
    k.levels.forEach((indicators, level) => {
      out.push({ text: String(level) }, { text: level === k.required ? '☒' : '☐' });
      for (const i of indicators) out.push({ text: `‒ ${i}` });
    });
  }
  out.push(...UNKNOWN.map((text) => ({ text })), { text: APPROVAL });
  return out;
}

const txtOf = (lines: readonly Line[]): Buffer =>
  Buffer.from(lines.map((l) => l.text).join('\n'), 'utf8');

/** Word: the general data as a two-column table, areas and tasks as Word's own numbering. */
function docxOf(lines: readonly Line[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const rows: TableRow[] = [];
  const flushTable = (): void => {
    if (rows.length === 0) return;
    children.push(new Table({ width: { size: 9000, type: WidthType.DXA }, rows: rows.splice(0) }));
  };
  for (const l of lines) {
    if (l.row) {
      rows.push(
        new TableRow({
          children: l.row.map((p) => new TableCell({ children: [new Paragraph(p)] })),
        }),
      );
      continue;
    }
    flushTable();
    if (l.list === 'area') {
      const title = l.text.replace(/^Taakafspraak \d+: /, '');
      children.push(new Paragraph({ text: title, numbering: { reference: 'areas', level: 0 } }));
    } else if (l.list === 'task') {
      children.push(new Paragraph({ text: l.text.replace(/^‒ /, ''), bullet: { level: 0 } }));
    } else children.push(new Paragraph(l.text));
  }
  const decimal = {
    level: 0,
    format: LevelFormat.DECIMAL,
    text: '%1.',
    alignment: AlignmentType.START,
  };
  return Packer.toBuffer(
    new Document({
      numbering: { config: [{ reference: 'areas', levels: [decimal] }] },
      sections: [{ children }],
    }),
  );
}

/** PDF: the lines flowing over A4 pages, a running header and a numbered footer on each. */
function pdfOf(lines: readonly Line[], title: string): Promise<{ bytes: Buffer; pages: number }> {
  const font = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: PDF_MARGIN, bufferPages: true });
    const chunks: Buffer[] = [];
    let pages = 0;
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }));
    pdf.on('error', reject);
    pdf.registerFont('body', font);
    pdf.font('body').fontSize(PDF_FONT_SIZE);
    for (const l of lines) pdf.text(l.text);
    const range = pdf.bufferedPageRange();
    pages = range.count;
    const width = pdf.page.width - 2 * PDF_MARGIN;
    for (let i = 0; i < pages; i++) {
      pdf.switchToPage(i);
      // In the margins, as Word's header and footer sit there.
      pdf.page.margins.top = 0;
      pdf.page.margins.bottom = 0;
      pdf.text(`Stad Voorbeeld – functiebeschrijving ${title}`, PDF_MARGIN, 24, {
        width,
        lineBreak: false,
      });
      pdf.text(`Pagina ${i + 1} van ${pages}`, PDF_MARGIN, pdf.page.height - 36, {
        width,
        lineBreak: false,
      });
    }
    pdf.end();
  });
}

const MIN_PAGES = 10;
const MAX_PAGES = 40;

/**
 * Result areas (each with two competencies) for a PDF of `pages` pages, from the pages the PDF
 * above came out at (A4, 10 pt): about 1.2 pages of general data and 0.69 per area. Checked on
 * every document: one outside 10–40 pages stops the bench.
 */
const unitsFor = (pages: number): number => Math.round((pages - 1.2) / 0.69);

/**
 * `count` documents, a third of each format, each content written in all three. Pages run from
 * 10 to 40 over the set; a document's `pages` is its PDF's page count (the .txt and .docx carry
 * the same content, so they would print about as long).
 */
export async function mixedDocuments(count: number): Promise<BenchDocument[]> {
  const seed = readFileSync(join(__dirname, '..', 'samples', SEED), 'utf8');
  const docs: BenchDocument[] = [];
  for (let n = 0; docs.length < count; n++) {
    const wanted = MIN_PAGES + ((n * 13) % (MAX_PAGES - MIN_PAGES + 1));
    const content = grow(seed, n, unitsFor(wanted));
    const lines = linesOf(content);
    const base = `functiebeschrijving-${n + 1}`;
    const pdf = await pdfOf(lines, content.title);
    if (pdf.pages < MIN_PAGES || pdf.pages > MAX_PAGES) {
      throw new Error(
        `${base}: ${pdf.pages} pagina's, niet ${MIN_PAGES}–${MAX_PAGES}; pas unitsFor aan`,
      );
    }
    const same = {
      pages: pdf.pages,
      expected: { resultAreas: content.areas.length, competencies: content.competencies.length },
    };
    const all: BenchDocument[] = [
      { fileName: `${base}.txt`, bytes: txtOf(lines), ...same },
      { fileName: `${base}.docx`, bytes: await docxOf(lines), ...same },
      { fileName: `${base}.pdf`, bytes: pdf.bytes, ...same },
    ];
    docs.push(...all.slice(0, count - docs.length));
  }
  return docs;
}

export async function readMixed(docs: readonly BenchDocument[]): Promise<Record<string, number>> {
  const times: number[] = [];
  const started = performance.now();
  for (const doc of docs) {
    const t0 = performance.now();
    const { text } = await extractDocumentFromBuffer(doc.bytes, doc.fileName);
    const result = parseDocument(text, doc.fileName);
    // Timing a document that fails would measure the error path, not the import.
    if (!result.ok) {
      const first = result.errors[0];
      throw new Error(
        `${doc.fileName} leest niet in (${result.errors.length} fouten, eerste: regel ${first?.line ?? '?'}: ${first?.message ?? '?'}); herstel eerst de inlezer of de generator`,
      );
    }
    const found = {
      resultAreas: result.description.resultAreas.length,
      competencies: result.description.competencies.length,
    };
    if (
      found.resultAreas !== doc.expected.resultAreas ||
      found.competencies !== doc.expected.competencies
    ) {
      throw new Error(
        `${doc.fileName} leest onvolledig in: ${found.resultAreas} van ${doc.expected.resultAreas} resultaatgebieden, ${found.competencies} van ${doc.expected.competencies} competenties`,
      );
    }
    times.push(performance.now() - t0);
  }
  const totalMs = performance.now() - started;
  const pages = docs.map((d) => d.pages);
  const slowest = times.indexOf(Math.max(...times));
  return {
    importMixedDocuments: docs.length,
    importMixedPagesMin: Math.min(...pages),
    importMixedPagesMax: Math.max(...pages),
    importMixedDocsPerSecond: round(docs.length / (totalMs / 1000)),
    importMixedSlowestMs: round(times[slowest] ?? 0),
    importMixedSlowestPages: docs[slowest]?.pages ?? 0,
  };
}

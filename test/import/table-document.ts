import {
  AlignmentType,
  Document,
  Footer,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import { PDF_FONT } from './document-fixtures';

/**
 * One document in a Word table layout, written two ways from the same blocks: as a .docx (real
 * tables, a cell merged over columns, Word's own bullet and decimal numbering, a table header row
 * that Word repeats on every page, a page footer) and as the PDF Word would print from it (text
 * placed cell by cell, long cells wrapped inside their column, the header row again at the top
 * of each page the table continues on, the footer on every page).
 */

export type Cell = { paras: readonly string[]; span?: number };
export type Block =
  | { kind: 'p'; text: string; list?: 'bullet' | 'number' }
  | {
      kind: 'table';
      widths: readonly number[];
      header?: readonly Cell[];
      rows: readonly (readonly Cell[])[];
    };

const cell = (...paras: string[]): Cell => ({ paras });

export function docxOfBlocks(blocks: readonly Block[], footer: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === 'p') {
      children.push(
        new Paragraph({
          text: b.text,
          ...(b.list === 'bullet' ? { bullet: { level: 0 } } : {}),
          ...(b.list === 'number' ? { numbering: { reference: 'areas', level: 0 } } : {}),
        }),
      );
      continue;
    }
    const row = (cells: readonly Cell[], header: boolean): TableRow =>
      new TableRow({
        tableHeader: header,
        children: cells.map(
          (c) =>
            new TableCell({
              children: c.paras.map((p) => new Paragraph(p)),
              ...(c.span !== undefined ? { columnSpan: c.span } : {}),
            }),
        ),
      });
    children.push(
      new Table({
        columnWidths: b.widths.map((w) => w * 20),
        width: { size: b.widths.reduce((a, w) => a + w, 0) * 20, type: WidthType.DXA },
        rows: [...(b.header ? [row(b.header, true)] : []), ...b.rows.map((r) => row(r, false))],
      }),
    );
  }
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'areas',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph(footer)] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const MARGIN = 56;
const FONT_SIZE = 10;
const PAD = 4;

/** The PDF of the same blocks, laid out as Word prints a table layout. */
export function pdfOfBlocks(
  blocks: readonly Block[],
  footer: (page: number, pages: number) => string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('body', PDF_FONT);
    pdf.font('body').fontSize(FONT_SIZE);
    const bottom = pdf.page.height - MARGIN - 30;
    let y = MARGIN;
    const width = pdf.page.width - 2 * MARGIN;
    const newPage = (): void => {
      pdf.addPage();
      y = MARGIN;
    };
    const cellHeight = (c: Cell, w: number): number =>
      c.paras.reduce((h, p) => h + pdf.heightOfString(p, { width: w - 2 * PAD }), 0) + 2 * PAD;
    for (const b of blocks) {
      if (b.kind === 'p') {
        const text = b.list === 'bullet' ? `– ${b.text}` : b.text;
        const h = pdf.heightOfString(text, { width });
        if (y + h > bottom) newPage();
        pdf.text(text, MARGIN, y, { width });
        y += h + 4;
        continue;
      }
      const xs = b.widths.map((_, i) => MARGIN + b.widths.slice(0, i).reduce((a, w) => a + w, 0));
      const drawRow = (cells: readonly Cell[]): void => {
        let col = 0;
        const placed = cells.map((c) => {
          const span = c.span ?? 1;
          const x = xs[col] ?? MARGIN;
          const w = b.widths.slice(col, col + span).reduce((a, v) => a + v, 0);
          col += span;
          return { c, x, w };
        });
        const h = Math.max(...placed.map(({ c, w }) => cellHeight(c, w)));
        if (y + h > bottom) {
          newPage();
          if (b.header) drawRow(b.header);
        }
        for (const { c, x, w } of placed) {
          pdf.rect(x, y, w, h).stroke();
          let cy = y + PAD;
          for (const p of c.paras) {
            pdf.text(p, x + PAD, cy, { width: w - 2 * PAD });
            cy += pdf.heightOfString(p, { width: w - 2 * PAD });
          }
        }
        y += h;
      };
      if (b.header) drawRow(b.header);
      for (const r of b.rows) drawRow(r);
      y += 8;
    }
    const range = pdf.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      pdf.switchToPage(i);
      // Below the bottom margin: lift it for the footer line, as Word's footer sits there.
      pdf.page.margins.bottom = 0;
      pdf.text(footer(i + 1, range.count), MARGIN, pdf.page.height - MARGIN, {
        width,
        lineBreak: false,
      });
    }
    pdf.end();
  });
}

// ── the document ──────────────────────────────────────────────────────────────────────────────

export type LevelledCompetency = {
  name: string;
  required: 0 | 1 | 2 | 3;
  levels: readonly (readonly string[])[];
};

/** Invented competencies: long indicators that wrap inside their cell, enough to fill pages. */
const NAMES = [
  'Bronnenkennis',
  'Ordenen van archief',
  'Beschrijven van bestanden',
  'Conserveren en bewaren',
  'Digitaliseren',
  'Raadpleging begeleiden',
  'Selectie en vernietiging',
  'Kennis van het erfgoedbeleid',
  'Historisch onderzoek',
];

export const COMPETENCIES: readonly LevelledCompetency[] = NAMES.map((name, n) => ({
  name,
  required: ((n % 3) + 1) as 1 | 2 | 3,
  levels: [
    ['N.v.t.'],
    [`Houdt zich aan de afgesproken werkwijze voor bronnen van soort ${n + 1}.`],
    [
      `Beschrijft bronnen volgens de geldende normen en controleert de eigen beschrijvingen op volledigheid en juistheid, ook onder tijdsdruk (${n + 1}).`,
      'Legt uit waarom een beschrijving zo gemaakt is.',
    ],
    [
      'Ontwikkelt nieuwe werkwijzen voor het beschrijven van bronnen en deelt ze met collega’s van andere diensten.',
      `Is het aanspreekpunt voor vragen over bronnen van soort ${n + 1}.`,
    ],
  ],
}));

const levelRows = (c: LevelledCompetency): Cell[][] => [
  [{ paras: [c.name], span: 3 }],
  ...c.levels.map((indicators, level) => [
    cell(String(level)),
    cell(level === c.required ? '☒' : '☐'),
    cell(...indicators.map((i) => `‒ ${i}`)),
  ]),
];

export const TABLE_DOCUMENT: readonly Block[] = [
  { kind: 'p', text: 'FUNCTIEBESCHRIJVING ARCHIVARIS' },
  { kind: 'p', text: '1. IDENTIFICATIEGEGEVENS.' },
  {
    kind: 'table',
    widths: [90, 300],
    rows: [
      [{ paras: ['Gegevens van de functie'], span: 2 }],
      [cell('Functienaam'), cell('Archivaris')],
      [cell('Afdeling / dienst'), cell('Cultuur – Erfgoed')],
      [cell('Graad'), cell('Archivaris')],
      [cell('Functionele loopbaan'), cell('(B1 – B3)')],
      [cell('Standplaats'), cell('Stadhuis')],
    ],
  },
  { kind: 'p', text: '2. DOEL VAN DE FUNCTIE.' },
  {
    kind: 'p',
    text: 'Je beheert het archief van het bestuur en maakt het toegankelijk voor burgers en onderzoekers.',
  },
  { kind: 'p', text: 'Je inventariseert en beschrijft archiefbestanden.', list: 'bullet' },
  {
    kind: 'p',
    text: 'Je adviseert de diensten over het beheer van hun documenten.',
    list: 'bullet',
  },
  { kind: 'p', text: '3. TAKEN EN VERANTWOORDELIJKHEDEN.' },
  { kind: 'p', text: 'Archiefbeheer', list: 'number' },
  { kind: 'p', text: 'Neemt archief van de diensten in ontvangst.', list: 'bullet' },
  { kind: 'p', text: 'Ordent en beschrijft archiefbestanden.', list: 'bullet' },
  { kind: 'p', text: 'Dienstverlening', list: 'number' },
  { kind: 'p', text: 'Helpt bezoekers in de leeszaal.', list: 'bullet' },
  { kind: 'p', text: '4. COMPETENTIES.' },
  { kind: 'p', text: 'BLOK 1: TECHNISCHE COMPETENTIES' },
  {
    kind: 'table',
    widths: [40, 40, 400],
    header: [{ paras: ['Omgaan met bronnen'], span: 2 }, cell('Keuze niveau en duiding')],
    rows: COMPETENCIES.flatMap(levelRows),
  },
];

export const TABLE_FOOTER = 'Archivaris – functiebeschrijving';

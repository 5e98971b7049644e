import type { FunctionDescription } from '../../src/domain/schema';
import { extractDocumentFromBuffer } from '../../src/import/extract';
import { parseDocument } from '../../src/import/parse';
import {
  COMPETENCIES,
  docxOfBlocks,
  pdfOfBlocks,
  TABLE_DOCUMENT,
  TABLE_FOOTER,
} from './table-document';

/**
 * A Word table layout and the PDF printed from it read to the same object, and to the one
 * written here by hand: labels in table cells (one wrapped in its narrow cell), a label holding
 * department and service, a cell merged over the columns, Word's bullets and numbering, a level
 * table whose header row Word repeats on each page, a footer on every page.
 */

const expected: FunctionDescription = {
  schemaVersion: 2,
  key: 'archivaris',
  kind: 'functiebeschrijving',
  title: 'Archivaris',
  organisation: null,
  department: 'Cultuur',
  service: 'Erfgoed',
  grade: 'Archivaris',
  careerPath: 'B1-B3',
  gradeAsWritten: null,
  careerPathAsWritten: null,
  purpose:
    'Je beheert het archief van het bestuur en maakt het toegankelijk voor burgers en onderzoekers.',
  mainTasks: [
    'Je inventariseert en beschrijft archiefbestanden.',
    'Je adviseert de diensten over het beheer van hun documenten.',
  ],
  position: null,
  resultAreas: [
    {
      title: 'Archiefbeheer',
      tasks: [
        'Neemt archief van de diensten in ontvangst.',
        'Ordent en beschrijft archiefbestanden.',
      ],
    },
    { title: 'Dienstverlening', tasks: ['Helpt bezoekers in de leeszaal.'] },
  ],
  competencies: COMPETENCIES.map((c) => ({
    name: c.name,
    block: 'technical',
    cluster: 'Omgaan met bronnen',
    definition: null,
    requiredLevel: c.required,
    levelTitle: null,
    indicators: [...(c.levels[c.required] ?? [])],
    levels: c.levels.map((indicators, level) => ({
      level: level as 0 | 1 | 2 | 3,
      indicators: [...indicators],
    })),
  })),
  levelScale: { lowest: 0, highest: 3, titles: [] },
  technicalKnowledge: [],
  approval: null,
};

const footer = (page: number, pages: number): string =>
  `${TABLE_FOOTER}   Pagina ${page} van ${pages}`;

describe('a Word table layout', () => {
  it('reads from .docx to the hand-written object', async () => {
    const docx = await docxOfBlocks(TABLE_DOCUMENT, TABLE_FOOTER);
    const { text } = await extractDocumentFromBuffer(docx, 'archivaris.docx');
    const result = parseDocument(text, 'archivaris.docx');
    expect(result.ok ? result.description : result.errors).toEqual(expected);
    // A label cell the vocabulary does not know ("Standplaats") is not told from text: no warning.
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('reads from the PDF printed from it to the same object, header rows and footers dropped', async () => {
    const pdf = await pdfOfBlocks(TABLE_DOCUMENT, footer);
    const { text, pageOfLine } = await extractDocumentFromBuffer(pdf, 'archivaris.pdf');
    // The fixture is only worth something if the table really continues on other pages.
    expect(Math.max(...(pageOfLine ?? []))).toBeGreaterThanOrEqual(3);
    expect(text).not.toMatch(/Pagina \d/);
    expect(text.match(/Keuze niveau en duiding/g)).toHaveLength(1);
    const result = parseDocument(text, 'archivaris.pdf');
    expect(result.ok ? result.description : result.errors).toEqual(expected);
    expect(result.ok && result.warnings).toEqual([]);
  });
});

import { extractDocumentFromBuffer } from '../../src/import/extract';
import { normaliseGrade } from '../../src/import/parse-grades';
import { parseDocument } from '../../src/import/parse';
import { FB_SAMPLE, FP_SAMPLE, parseOk, readSample } from './fixtures/parse-helpers';
import { docxOfBlocks, TABLE_DOCUMENT, TABLE_FOOTER, type Block } from './table-document';

/**
 * `gradeAsWritten` (schema v2) by the rule of `careerPathAsWritten`: the graad label's text is
 * kept only when normalising it changed more than spacing, dashes or brackets. Every document
 * is written here; none names a real city.
 */

/** A functieprofiel with the given general data lines. */
function profileDoc(head: readonly string[]): string {
  return [
    'Functieprofiel archivaris',
    'Identificatiegegevens',
    ...head,
    'Doel van de functie',
    'Je beheert het archief van het bestuur.',
    'Resultaatsgebieden',
    '– Archiefbeheer',
    'Competenties',
    '• Samenwerken',
    'Werkt met anderen aan een gezamenlijk resultaat.',
    'Werkt samen:',
    '- Deelt informatie met collega’s',
  ].join('\n');
}

const read = (head: readonly string[]) => parseOk(profileDoc(head), 'graad.txt');

describe('normaliseGrade', () => {
  it.each([
    ['Deskundige', 'Deskundige', null],
    ['  Administratief   medewerker ', 'Administratief medewerker', null],
    ['(Deskundige)', 'Deskundige', null],
    ['Deskundige.', 'Deskundige', null],
    ['Deskundige (B1-B3)', 'Deskundige', 'B1-B3'],
    ['(B1-B3) Deskundige', 'Deskundige', 'B1-B3'],
    ['B1-B3 Deskundige', 'Deskundige', 'B1-B3'],
    ['Deskundige – B1 – B3', 'Deskundige', 'B1 – B3'],
    ['Deskundige, C1-C2 / D1-D3', 'Deskundige', 'C1-C2 / D1-D3'],
    // No range beside it: a name with a bracket, a family level, a name with capitals stay.
    ['Deskundige (tijdelijk)', 'Deskundige (tijdelijk)', null],
    ['B - Deskundige', 'B - Deskundige', null],
    ['Deskundige ICT', 'Deskundige ICT', null],
    ['Decretale graad', 'Decretale graad', null],
    // Only a range under a graad label: kept as the graad, as before.
    ['B1-B3', 'B1-B3', null],
  ])('%j → graad %j, range %j', (text, grade, range) => {
    expect(normaliseGrade(text)).toEqual({ grade, range });
  });
});

describe('gradeAsWritten', () => {
  it('stays null when the graad is written as stored, or differs in spacing or brackets only', () => {
    for (const value of ['Archivaris', 'Archivaris  ', '(Archivaris)', 'Archivaris   archief']) {
      const { description, warnings } = read([`Graadnaam: ${value}`]);
      expect(description.gradeAsWritten).toBeNull();
      expect(warnings.filter((w) => w.message.startsWith('graad '))).toEqual([]);
    }
    expect(read(['Graadnaam: (Archivaris)']).description.grade).toBe('Archivaris');
  });

  it('keeps the text when normalising took a range out of it, and the range becomes the loopbaan', () => {
    const { description, warnings } = read(['Graadnaam: Archivaris (B1 – B3)']);
    expect(description).toMatchObject({
      grade: 'Archivaris',
      gradeAsWritten: 'Archivaris (B1 – B3)',
      careerPath: 'B1-B3',
      // The range itself differed only in spacing and dashes.
      careerPathAsWritten: null,
    });
    expect(warnings).toContainEqual({
      file: 'graad.txt',
      line: 3,
      message: "graad 'Archivaris (B1 – B3)' is overgenomen als 'Archivaris'",
    });
  });

  it('a loopbaan label of its own wins over the range beside the graad, wherever it stands', () => {
    for (const head of [
      ['Graadnaam: Archivaris B1-B3', 'Functionele loopbaan: B4-B5'],
      ['Functionele loopbaan: B4-B5', 'Graadnaam: Archivaris B1-B3'],
    ]) {
      expect(read(head).description).toMatchObject({
        grade: 'Archivaris',
        gradeAsWritten: 'Archivaris B1-B3',
        careerPath: 'B4-B5',
      });
    }
  });

  it('applies to "Graad" and "Niveau" holding a name, and to a trailing full stop', () => {
    expect(read(['Niveau: Archivaris, B1-B2-B3']).description).toMatchObject({
      grade: 'Archivaris',
      gradeAsWritten: 'Archivaris, B1-B2-B3',
      careerPath: 'B1-B3',
      careerPathAsWritten: 'B1-B2-B3',
    });
    expect(read(['Graad: Archivaris.']).description).toMatchObject({
      grade: 'Archivaris',
      gradeAsWritten: 'Archivaris.',
    });
  });

  it('keeps the first graad of a repeated label, with its own text', () => {
    const d = read(['Graadnaam: Archivaris (B1-B3)', 'Graadnaam: Deskundige']).description;
    expect(d).toMatchObject({ grade: 'Archivaris', gradeAsWritten: 'Archivaris (B1-B3)' });
  });

  it('reads the same from a Word table cell', async () => {
    const blocks: Block[] = TABLE_DOCUMENT.map((block) =>
      block.kind === 'table'
        ? {
            ...block,
            rows: block.rows
              .filter((row) => row[0]?.paras[0] !== 'Functionele loopbaan')
              .map((row) =>
                row[0]?.paras[0] === 'Graad' ? [row[0], { paras: ['Archivaris (B1-B3)'] }] : row,
              ),
          }
        : block,
    );
    const docx = await docxOfBlocks(blocks, TABLE_FOOTER);
    const { text } = await extractDocumentFromBuffer(docx, 'archivaris.docx');
    const result = parseDocument(text, 'archivaris.docx');
    expect(result.ok && result.description).toMatchObject({
      grade: 'Archivaris',
      gradeAsWritten: 'Archivaris (B1-B3)',
      careerPath: 'B1-B3',
      careerPathAsWritten: null,
    });
  });

  it('stays null for the two seeds, whose graad is written as stored', () => {
    for (const file of [FB_SAMPLE, FP_SAMPLE]) {
      expect(parseOk(readSample(file), file).description.gradeAsWritten).toBeNull();
    }
  });
});

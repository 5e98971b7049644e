import { mixedDocuments, readMixed } from '../bench-import-mixed';

/**
 * Issue 13's import figure: 100 mixed documents (.txt, .docx, .pdf) read from their bytes as
 * `npm run import` reads them, extraction included (bench-import-mixed.ts).
 */

export const name = 'import-mixed';

export async function run(): Promise<Record<string, number>> {
  return readMixed(await mixedDocuments(100));
}

import { levelTables, profileList } from './competency-formats';
import type { DocumentLayout } from './layout';

/**
 * The *functiebeschrijving* (the Tienen seed, Herent): general data, "Doel van de functie",
 * "Plaats in de organisatie", numbered task agreements, and competency tables with the levels
 * 0..3 and a tick box for the required one.
 */
export const functiebeschrijving: DocumentLayout = {
  name: 'functiebeschrijving',
  kind: 'functiebeschrijving',
  coverWord: 'Functiebeschrijving',
  // Without its cover heading, a document shows this layout by what a functieprofiel never has.
  recognises: (doc) =>
    doc.has('taken') || doc.has('algemeen') || levelTables.recognises(doc.linesOf('competenties')),
  // "Functienaam:" is the field for it; footer and cover heading are the fall-backs.
  titleSources: ['function-name', 'footer', 'cover-heading'],
  expectedSections: [
    { anyOf: ['doel'], name: 'Doel van de functie' },
    { anyOf: ['taken', 'resultaat'], name: 'Inhoudelijke taakafspraken' },
    { anyOf: ['competenties'], name: 'Competenties' },
  ],
  // A competency section without level numbers or boxes is read as named profiles.
  competencyFormats: [levelTables, profileList],
};

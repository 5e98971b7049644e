import { levelTables, profileList } from './competency-formats';
import type { DocumentLayout } from './layout';

/**
 * The *functieprofiel* (the leidinggevende seed, Leuven): "Doel van de functie",
 * "Resultaatsgebieden", and competencies each with a definition, a level title and indicators,
 * but no level scale.
 */
export const functieprofiel: DocumentLayout = {
  name: 'functieprofiel',
  kind: 'functieprofiel',
  coverWord: 'Functieprofiel',
  // The fallback: a document with the headings of a function description that no other layout
  // claims. Its reading asks the least of the document.
  recognises: () => true,
  // The heading names the function ("Functieprofiel leidinggevende"); there is no Functienaam.
  titleSources: ['cover-heading', 'function-name', 'footer'],
  expectedSections: [
    { anyOf: ['doel'], name: 'Doel van de functie' },
    { anyOf: ['resultaat', 'taken'], name: 'Resultaatsgebieden' },
    { anyOf: ['competenties'], name: 'Competenties' },
  ],
  // Templates that call a document with level tables a functieprofiel: the tables are read.
  competencyFormats: [levelTables, profileList],
};

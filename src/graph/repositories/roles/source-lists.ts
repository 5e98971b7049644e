import type { ListName } from '../../lists';

/**
 * The lists a catalogue row is derived from: a change in any of them may change a row. On its
 * own, without the reads, so that the tab's first screen can validate a stored catalogue stamp
 * (src/services/catalogue/version.ts) without loading the Graph client.
 */
export const CATALOGUE_SOURCE_LISTS = [
  'Functies',
  'Taakafspraken',
  'Functiecompetenties',
  'Besluiten',
  'Goedkeuringsaanvragen',
] as const satisfies readonly ListName[];
export type CatalogueSourceList = (typeof CATALOGUE_SOURCE_LISTS)[number];

/**
 * The SharePoint lists of Functiewijzer (DESIGN §3), declared once, one file per list.
 * Provisioning creates them from this; the `$select` of every read, the zod shapes that validate
 * what Graph returns and the length check of single-line text are generated from it
 * (`columns.ts`, `../mapping/fields.ts`); the docs describe them.
 */
import { COMPETENTIES } from './competenties';
import { BESLUITEN } from './besluiten';
import { FUNCTIECOMPETENTIES } from './functiecompetenties';
import { FUNCTIES } from './functies';
import { GOEDKEURINGSAANVRAGEN } from './aanvragen';
import { TAAKAFSPRAKEN } from './taakafspraken';
import type { ListDef, ListName } from './types';

export * from './types';
export * from './columns';
export {
  BESLUITEN,
  COMPETENTIES,
  FUNCTIECOMPETENTIES,
  FUNCTIES,
  GOEDKEURINGSAANVRAGEN,
  TAAKAFSPRAKEN,
};

export const LISTS: readonly ListDef[] = [
  FUNCTIES,
  TAAKAFSPRAKEN,
  COMPETENTIES,
  FUNCTIECOMPETENTIES,
  GOEDKEURINGSAANVRAGEN,
  BESLUITEN,
];

export function listDef(name: ListName): ListDef {
  const def = LISTS.find((l) => l.name === name);
  if (!def) throw new Error(`onbekende lijst ${name}`);
  return def;
}

/** Lists in an order where every lookup target exists before the list that looks it up. */
export function creationOrder(): ListDef[] {
  const ordered: ListDef[] = [];
  const placed = new Set<ListName>();
  while (ordered.length < LISTS.length) {
    const before = ordered.length;
    for (const def of LISTS) {
      if (placed.has(def.name)) continue;
      const targets = def.columns.flatMap((c) => (c.type.kind === 'lookup' ? [c.type.list] : []));
      if (targets.every((t) => t === def.name || placed.has(t))) {
        ordered.push(def);
        placed.add(def.name);
      }
    }
    if (ordered.length === before) throw new Error('kring van lookups in de lijstdefinitie');
  }
  return ordered;
}

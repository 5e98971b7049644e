import type { Level } from '../../../domain/schema';
import { competencyKey } from '../../../domain/text';

/** What the competency page needs of a catalogue entry. */
interface RoleWithCompetencies {
  title: string;
  competencies: readonly { name: string; requiredLevel: Level | null }[];
}

export interface RequiringRole<E> {
  entry: E;
  level: Level | null;
}

/**
 * Roles requiring the competency with `key` (`competencyKey` of its name, as the deep link and
 * the catalogue's competency filter have it), highest level first, then by title.
 */
export function rolesRequiring<E extends RoleWithCompetencies>(
  entries: readonly E[],
  key: string,
): RequiringRole<E>[] {
  const result: RequiringRole<E>[] = [];
  for (const entry of entries) {
    const found = entry.competencies.find((c) => competencyKey(c.name) === key);
    if (found) result.push({ entry, level: found.requiredLevel });
  }
  const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
  return result.sort(
    (a, b) => (b.level ?? -1) - (a.level ?? -1) || collator.compare(a.entry.title, b.entry.title),
  );
}

import { compareScales, sameScale, type ScaleBounds } from '../../../domain/levels';
import type { Level, LevelScale } from '../../../domain/schema';
import { competencyKey } from '../../../domain/text';

/** What the competency page needs of a catalogue entry. */
interface RoleWithCompetencies {
  title: string;
  competencies: readonly { name: string; requiredLevel: Level | null }[];
  /** The scale the levels are on. */
  levelScale: LevelScale;
}

export interface RequiringRole<E> {
  entry: E;
  /** On `entry.levelScale`. */
  level: Level | null;
}

/** The roles requiring a competency whose levels are on one scale. */
export interface ScaleGroup<E> {
  scale: ScaleBounds;
  roles: RequiringRole<E>[];
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/**
 * Roles requiring the competency with `key` (`competencyKey` of its name, as the deep link and
 * the catalogue's competency filter have it), grouped by their level scale: a 3 of 1–5 is never
 * ranked beside a 3 of 0–3 as if it were the same. The group most roles are in comes first (then
 * the lower scale); within a group the highest level first, then by title, roles without
 * numbered levels last. One group when all share a scale, none when no role requires it.
 */
export function rolesRequiringByScale<E extends RoleWithCompetencies>(
  entries: readonly E[],
  key: string,
): ScaleGroup<E>[] {
  const groups: ScaleGroup<E>[] = [];
  for (const entry of entries) {
    const found = entry.competencies.find((c) => competencyKey(c.name) === key);
    if (!found) continue;
    const role = { entry, level: found.requiredLevel };
    const group = groups.find((g) => sameScale(g.scale, entry.levelScale));
    if (group) {
      group.roles.push(role);
    } else {
      const { lowest, highest } = entry.levelScale;
      groups.push({ scale: { lowest, highest }, roles: [role] });
    }
  }
  for (const group of groups) {
    group.roles.sort(
      (a, b) => (b.level ?? -1) - (a.level ?? -1) || collator.compare(a.entry.title, b.entry.title),
    );
  }
  return groups.sort((a, b) => b.roles.length - a.roles.length || compareScales(a.scale, b.scale));
}

/** The same roles in one list, group after group (`rolesRequiringByScale`). */
export function rolesRequiring<E extends RoleWithCompetencies>(
  entries: readonly E[],
  key: string,
): RequiringRole<E>[] {
  return rolesRequiringByScale(entries, key).flatMap((group) => group.roles);
}

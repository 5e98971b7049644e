import { byNumericId } from '../context';
import { NotFoundError } from '../../errors';
import {
  competencyFromItem,
  parseItems,
  RESULT_AREA_SELECT,
  resultAreaFromItem,
  resultAreaItemSchema,
  type ResultAreaItem,
  ROLE_COMPETENCY_SELECT,
  roleCompetencyItemSchema,
  type RoleCompetencyItem,
  roleContentHead,
  type RoleItem,
} from '../../mapping';
import type { DecisionRecord, RequestRecord, RoleContent } from '../../model';
import { itemsQuery, ROW_PROPERTIES, type SiteLists } from '../../site';

/**
 * A role as its rows: the Functies item, its Taakafspraken and Functiecompetenties rows (of
 * every generation, as read), and what turns them into the content of its current generation.
 * Shared by the reads, the write and the summary repair.
 */

/** Inhoudsversie of a Functies item that an import created and has not yet completed. */
export const INCOMPLETE_GENERATION = 0;

export interface RawRole {
  item: RoleItem;
  areas: ResultAreaItem[];
  competencies: RoleCompetencyItem[];
  decisions: DecisionRecord[];
  requests: RequestRecord[];
}

/**
 * A role's task agreements and competencies, filtered on the indexed Functie lookup; `suffix`
 * tells several roles apart in one batch, and `childRows` reads them back with it.
 */
export function childQueries(
  site: SiteLists,
  roleId: string,
  suffix = '',
): { id: string; url: string }[] {
  const byRole = `fields/FunctieLookupId eq ${roleId}`;
  return [
    {
      id: `areas${suffix}`,
      url: itemsQuery(site, 'Taakafspraken', {
        select: RESULT_AREA_SELECT,
        filter: byRole,
        properties: ROW_PROPERTIES,
      }),
    },
    {
      id: `competencies${suffix}`,
      url: itemsQuery(site, 'Functiecompetenties', {
        select: ROLE_COMPETENCY_SELECT,
        filter: byRole,
        properties: ROW_PROPERTIES,
      }),
    },
  ];
}

export function childRows(
  items: ReadonlyMap<string, unknown[]>,
  suffix = '',
): Pick<RawRole, 'areas' | 'competencies'> {
  return {
    areas: parseItems(resultAreaItemSchema, items.get(`areas${suffix}`) ?? [], 'Taakafspraken'),
    competencies: parseItems(
      roleCompetencyItemSchema,
      items.get(`competencies${suffix}`) ?? [],
      'Functiecompetenties',
    ),
  };
}

export function generationOf(value: number | null): number | null {
  return value === null ? null : Math.trunc(value);
}

/** Rows that belong to the role now: of its current generation, or added by hand (no generation). */
export function belongs(
  role: RoleItem,
  row: { fields: { Inhoudsversie: number | null } },
): boolean {
  const g = generationOf(row.fields.Inhoudsversie);
  return g === null || g === generationOf(role.fields.Inhoudsversie);
}

function inOrder<T extends { id: string; fields: { Volgorde: number | null } }>(
  rows: readonly T[],
): T[] {
  return [...rows].sort(
    (a, b) =>
      (a.fields.Volgorde ?? Number.MAX_SAFE_INTEGER) -
        (b.fields.Volgorde ?? Number.MAX_SAFE_INTEGER) || byNumericId(a, b),
  );
}

export function toRoleContent(raw: RawRole): RoleContent {
  const areas = inOrder(raw.areas.filter((r) => belongs(raw.item, r)));
  const competencies = inOrder(raw.competencies.filter((r) => belongs(raw.item, r)));
  return {
    id: raw.item.id,
    eTag: raw.item.eTag,
    webUrl: raw.item.webUrl,
    lastModified: raw.item.lastModifiedDateTime,
    generation: generationOf(raw.item.fields.Inhoudsversie),
    content: {
      ...roleContentHead(raw.item),
      resultAreas: areas.map(resultAreaFromItem),
      competencies: competencies.map(competencyFromItem),
    },
    competencyIds: competencies.map((c) => c.fields.CompetentieLookupId ?? ''),
    decisions: raw.decisions,
    requests: raw.requests,
  };
}

export function notFound(what: string): NotFoundError {
  return new NotFoundError(`De functie '${what}' bestaat niet (meer). Vernieuw de catalogus.`, {
    request: `Functies ${what}`,
  });
}

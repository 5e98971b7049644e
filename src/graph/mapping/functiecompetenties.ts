import type { z } from 'zod';
import type { Competency } from '../../domain/schema';
import { FUNCTIECOMPETENTIES, selectFields } from '../lists';
import { checkTextLengths, fieldsSchema, readLines, writeLines } from './fields';
import {
  blockFromChoice,
  blockToChoice,
  itemSchema,
  levelColumns,
  levelsFrom,
  levelValue,
} from './shared';

/** Functiecompetenties ↔ a role's competencies, each with the role's own copy of its texts. */

export const roleCompetencyFieldsSchema = fieldsSchema(FUNCTIECOMPETENTIES, {
  VereistNiveau: levelValue,
});
export const roleCompetencyItemSchema = itemSchema(roleCompetencyFieldsSchema);
export type RoleCompetencyItem = z.output<typeof roleCompetencyItemSchema>;

export const ROLE_COMPETENCY_SELECT = selectFields(FUNCTIECOMPETENTIES);

export function roleCompetencyFields(
  competency: Competency,
  roleId: string,
  dictionaryId: string,
  order: number,
  generation: number,
): Record<string, unknown> {
  return checkTextLengths(FUNCTIECOMPETENTIES, {
    Title: competency.name,
    FunctieLookupId: roleId,
    CompetentieLookupId: dictionaryId,
    VereistNiveau: competency.requiredLevel,
    NiveauTitel: competency.levelTitle,
    Indicatoren: writeLines(competency.indicators),
    Blok: blockToChoice(competency.block),
    Cluster: competency.cluster,
    Definitie: competency.definition,
    ...levelColumns(competency.levels),
    Volgorde: order,
    Inhoudsversie: generation,
  });
}

export function competencyFromItem(item: RoleCompetencyItem): Competency {
  const f = item.fields;
  return {
    name: f.Title,
    block: blockFromChoice(f.Blok),
    cluster: f.Cluster,
    definition: f.Definitie,
    requiredLevel: f.VereistNiveau,
    levelTitle: f.NiveauTitel,
    indicators: readLines(f.Indicatoren),
    levels: levelsFrom(f),
  };
}

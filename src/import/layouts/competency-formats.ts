import { parseLevelledCompetencies } from '../parse-levelled';
import { looksLevelled } from '../parse-levelled-headers';
import { parseProfileCompetencies } from '../parse-profile';
import type { CompetencyFormat } from './layout';

/** The ways of writing a competency section that layouts can list. */

/** Level tables, recognised by a block or cluster header, a level number or a tick box. */
export const levelTables: CompetencyFormat = {
  recognises: looksLevelled,
  checksLevels: true,
  read: parseLevelledCompetencies,
};

/**
 * Named competencies with a definition, a level title and indicators. It reads any section, so it
 * is the format a layout falls back on.
 */
export const profileList: CompetencyFormat = {
  recognises: () => true,
  // Nothing is cut off when the document stops after the last indicator: there are no levels.
  read: (section, _endsDocument, log, scale) => ({
    competencies: parseProfileCompetencies(section, log, scale),
    titles: [],
  }),
};

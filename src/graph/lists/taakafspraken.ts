import { CONTENT_GRANTS, defineList, GENERATION_COLUMN } from './types';

/** A role's task agreements (functiebeschrijving) or result areas (functieprofiel). */
export const TAAKAFSPRAKEN = defineList({
  name: 'Taakafspraken',
  description:
    'Inhoudelijke taakafspraken (functiebeschrijving) of resultaatsgebieden (functieprofiel).',
  titleDisplayName: 'Taakafspraak',
  titleRequired: true,
  permissions: CONTENT_GRANTS,
  columns: [
    {
      name: 'Functie',
      displayName: 'Functie',
      description: 'De functie waartoe deze taakafspraak behoort.',
      type: { kind: 'lookup', list: 'Functies' },
      required: true,
      indexed: true,
    },
    {
      name: 'Volgorde',
      displayName: 'Volgorde',
      description: 'Volgorde binnen de functie.',
      type: { kind: 'number', minimum: 0 },
      // HR's view sorts on it.
      indexed: true,
    },
    {
      name: 'Taken',
      displayName: 'Taken',
      description: 'De concrete taken, één per regel.',
      type: { kind: 'note' },
    },
    GENERATION_COLUMN,
  ],
  view: {
    fields: ['LinkTitle', 'Volgorde', 'Taken'],
    groupBy: ['Functie'],
    collapsed: true,
    orderBy: [{ field: 'Volgorde' }],
  },
});

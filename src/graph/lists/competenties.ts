import { BLOCK_CHOICES, CONTENT_GRANTS, defineList, levelColumn } from './types';

const levelText = (level: number) => `Gedragsindicatoren van niveau ${level}, één per regel.`;

/** The competency dictionary: the shared reference that imports fill (never overwrite). */
export const COMPETENTIES = defineList({
  name: 'Competenties',
  description: 'Het competentiewoordenboek: definitie en gedragsindicatoren per niveau.',
  titleDisplayName: 'Competentie',
  titleRequired: true,
  permissions: CONTENT_GRANTS,
  columns: [
    {
      name: 'CompetentieKey',
      displayName: 'Competentiesleutel',
      description: 'Vaste sleutel van de competentie, afgeleid van de naam. Niet wijzigen.',
      type: { kind: 'text', maxLength: 255 },
      required: true,
      indexed: true,
      unique: true,
    },
    {
      name: 'Blok',
      displayName: 'Blok',
      description: 'Technische competentie of gedragscompetentie.',
      type: { kind: 'choice', choices: BLOCK_CHOICES },
    },
    {
      name: 'Cluster',
      displayName: 'Cluster',
      description: 'Cluster binnen het blok.',
      type: { kind: 'text' },
      indexed: true,
    },
    {
      name: 'Definitie',
      displayName: 'Definitie',
      description: 'Definitie van de competentie.',
      type: { kind: 'note' },
    },
    levelColumn(0, levelText(0)),
    levelColumn(1, levelText(1)),
    levelColumn(2, levelText(2)),
    levelColumn(3, levelText(3)),
    levelColumn(4, levelText(4)),
    levelColumn(5, levelText(5)),
    levelColumn(6, levelText(6)),
    levelColumn(7, levelText(7)),
    levelColumn(8, levelText(8)),
    levelColumn(9, levelText(9)),
    levelColumn(10, levelText(10)),
  ],
  view: {
    fields: ['LinkTitle', 'Blok', 'Cluster', 'Definitie'],
    groupBy: ['Cluster'],
    orderBy: [{ field: 'CompetentieKey' }],
  },
});

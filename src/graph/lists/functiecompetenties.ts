import { BLOCK_CHOICES, CONTENT_GRANTS, defineList, GENERATION_COLUMN, levelColumn } from './types';

/**
 * The required level as HR reads it in the list: "Niveau 2", with the number in the tooltip;
 * empty stays empty (column formatting schema v2). The scale is the role's (Functies), which a
 * column formatter of this list cannot read, so no dots "of 3" that would be wrong on 1–5.
 */
const LEVEL_DOTS = {
  $schema: 'https://developer.microsoft.com/json-schemas/sp/v2/column-formatting.schema.json',
  elmType: 'span',
  attributes: {
    title: "=if(@currentField == '', '', 'Niveau ' + @currentField)",
  },
  txtContent: "=if(@currentField == '', '', 'Niveau ' + @currentField)",
} as const;

const levelText = (level: number) =>
  `Gedragsindicatoren van niveau ${level} zoals in deze functie, één per regel; leeg als de functie dit niveau niet toont.`;

/** Role × competency: the required level, and the role's own copy of the competency's texts. */
export const FUNCTIECOMPETENTIES = defineList({
  name: 'Functiecompetenties',
  description: 'Welke competentie een functie vraagt, op welk niveau.',
  titleDisplayName: 'Competentie',
  titleRequired: true,
  permissions: CONTENT_GRANTS,
  columns: [
    {
      name: 'Functie',
      displayName: 'Functie',
      description: 'De functie die deze competentie vraagt.',
      type: { kind: 'lookup', list: 'Functies' },
      required: true,
      indexed: true,
    },
    {
      name: 'Competentie',
      displayName: 'Competentie uit het woordenboek',
      description: 'De competentie in het woordenboek.',
      type: { kind: 'lookup', list: 'Competenties' },
      required: true,
      indexed: true,
    },
    {
      name: 'VereistNiveau',
      displayName: 'Vereist niveau',
      description:
        'Het vereiste niveau op de schaal van de functie (Functies: laagste en hoogste niveau; leeg daar is 0 tot 3); leeg als het document geen genummerde niveaus kent.',
      type: { kind: 'number', minimum: 0, maximum: 10 },
      validation: {
        formula:
          '=OR(ISBLANK([VereistNiveau]),AND([VereistNiveau]>=0,[VereistNiveau]<=10,INT([VereistNiveau])=[VereistNiveau]))',
        message:
          'Het vereiste niveau is een geheel getal van 0 tot 10 op de niveauschaal van de functie, of leeg bij een functieprofiel zonder genummerde niveaus.',
      },
      formatter: LEVEL_DOTS,
    },
    {
      name: 'NiveauTitel',
      displayName: 'Titel van het niveau',
      description: 'De titel van het vereiste niveau.',
      type: { kind: 'note' },
    },
    {
      name: 'Indicatoren',
      displayName: 'Indicatoren',
      description:
        'De gedragsindicatoren van het vereiste niveau voor deze functie, één per regel.',
      type: { kind: 'note' },
    },
    // The role keeps its own copy of the texts it was approved with: a later import of another
    // document, or an edit of the dictionary, must not change what an approval covered.
    {
      name: 'Blok',
      displayName: 'Blok',
      description: 'Technische competentie of gedragscompetentie, zoals in deze functie.',
      type: { kind: 'choice', choices: BLOCK_CHOICES },
    },
    {
      name: 'Cluster',
      displayName: 'Cluster',
      description: 'Cluster, zoals in deze functie.',
      type: { kind: 'text' },
    },
    {
      name: 'Definitie',
      displayName: 'Definitie',
      description: 'Definitie, zoals in deze functie.',
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
    {
      name: 'Volgorde',
      displayName: 'Volgorde',
      description: 'Volgorde binnen de functie.',
      type: { kind: 'number', minimum: 0 },
      // HR's view sorts on it, and the list passes 5,000 items.
      indexed: true,
    },
    GENERATION_COLUMN,
  ],
  view: {
    fields: ['LinkTitle', 'VereistNiveau', 'NiveauTitel', 'Blok', 'Cluster', 'Volgorde'],
    groupBy: ['Functie'],
    collapsed: true,
    orderBy: [{ field: 'Volgorde' }],
  },
});

import { CONTENT_GRANTS, defineList, GENERATION_COLUMN, KIND_CHOICES } from './types';

/** One item per role: the general part of its description, and the app's catalogue columns. */
export const FUNCTIES = defineList({
  name: 'Functies',
  description:
    'Eén item per functie: de algemene gegevens van de functiebeschrijving of het functieprofiel.',
  titleDisplayName: 'Functienaam',
  titleRequired: true,
  permissions: CONTENT_GRANTS,
  columns: [
    {
      name: 'FunctieKey',
      displayName: 'Functiesleutel',
      description:
        'Vaste sleutel van de functie (bv. deskundige-ict); koppelt een nieuwe import aan dit item.',
      type: { kind: 'text', maxLength: 255 },
      required: true,
      indexed: true,
      unique: true,
      // What keyFromTitle makes: lower case, no spaces, hyphens only between words.
      validation: {
        formula:
          '=AND(LEN([FunctieKey])>0,EXACT([FunctieKey],LOWER([FunctieKey])),ISERROR(FIND(" ",[FunctieKey])),ISERROR(FIND("--",[FunctieKey])),LEFT([FunctieKey],1)<>"-",RIGHT([FunctieKey],1)<>"-")',
        message:
          'De functiesleutel bestaat uit kleine letters en cijfers met koppeltekens tussen de woorden, zonder spaties (bv. deskundige-ict). Pas hem liefst niet aan: de import vindt de functie erdoor terug.',
      },
    },
    {
      name: 'Soort',
      displayName: 'Soort document',
      description: 'Functiebeschrijving of functieprofiel.',
      type: { kind: 'choice', choices: KIND_CHOICES },
      required: true,
    },
    {
      name: 'Organisatie',
      displayName: 'Organisatie',
      description: 'Het bestuur waarvoor de functie geldt, bv. Stad Tienen.',
      type: { kind: 'text' },
    },
    {
      name: 'Afdeling',
      displayName: 'Afdeling',
      description: 'Afdeling waartoe de functie behoort.',
      type: { kind: 'text' },
      indexed: true,
    },
    {
      name: 'Dienst',
      displayName: 'Dienst',
      description: 'Dienst waartoe de functie behoort.',
      type: { kind: 'text' },
      indexed: true,
    },
    {
      name: 'Graad',
      displayName: 'Graad',
      description: 'De graadnaam zoals in het document, bv. Deskundige.',
      type: { kind: 'text' },
    },
    {
      name: 'Loopbaan',
      displayName: 'Functionele loopbaan',
      description: 'De functionele loopbaan (schalen), bv. B1-B3.',
      type: { kind: 'text' },
      indexed: true,
    },
    {
      name: 'GraadZoalsGeschreven',
      displayName: 'Graad zoals in het document',
      description:
        'De graad zoals het document hem schrijft, als dat anders is dan de kolom Graad; anders leeg.',
      type: { kind: 'text' },
    },
    {
      name: 'LoopbaanZoalsGeschreven',
      displayName: 'Loopbaan zoals in het document',
      description:
        'De functionele loopbaan zoals het document ze schrijft (bv. B1-B2-B3), als dat anders is dan de kolom Functionele loopbaan; anders leeg.',
      type: { kind: 'text' },
    },
    // The document's level scale (schema v2). Both empty: 0 to 3, the scale of every role stored
    // before these columns existed.
    {
      name: 'NiveauLaagste',
      displayName: 'Laagste niveau',
      description:
        'Het laagste niveau van de niveauschaal van het document (bv. 1); leeg samen met Hoogste niveau betekent 0 tot 3.',
      type: { kind: 'number', minimum: 0, maximum: 10 },
    },
    {
      name: 'NiveauHoogste',
      displayName: 'Hoogste niveau',
      description:
        'Het hoogste niveau van de niveauschaal van het document (bv. 5); leeg samen met Laagste niveau betekent 0 tot 3.',
      type: { kind: 'number', minimum: 0, maximum: 10 },
    },
    {
      name: 'NiveauTitels',
      displayName: 'Titels van de niveaus',
      description:
        'De titels die het document zijn niveaus geeft, met hun niveau (JSON, door de import geschreven); leeg als het document ze niet benoemt.',
      type: { kind: 'note' },
    },
    {
      name: 'Doel',
      displayName: 'Doel van de functie',
      description: 'Waarom de functie bestaat, in een paar zinnen (deel I van het document).',
      type: { kind: 'note' },
    },
    {
      name: 'Hoofdtaken',
      displayName: 'Hoofdtaken',
      description: 'De hoofdtaken, één per regel.',
      type: { kind: 'note' },
    },
    {
      name: 'PlaatsInOrganisatie',
      displayName: 'Plaats in de organisatie',
      description: 'Aan wie de functie rapporteert en wie ze aanstuurt.',
      type: { kind: 'note' },
    },
    {
      name: 'Vaktechnisch',
      displayName: 'Vaktechnische competenties',
      description: 'Vaktechnische kennis, één per regel.',
      type: { kind: 'note' },
    },
    {
      name: 'AndereOnderdelen',
      displayName: 'Andere onderdelen',
      description:
        'Onderdelen van het document zonder eigen kolom (bv. de verruimende bepaling), met hun titel en tekst (JSON, door de import geschreven).',
      type: { kind: 'note' },
    },
    {
      ...GENERATION_COLUMN,
      description: 'De import waarvan de taakafspraken en competenties gelden. Niet wijzigen.',
    },
    {
      name: 'InhoudHash',
      displayName: 'Inhoudshash (automatisch)',
      description:
        'Vingerafdruk van de volledige inhoud bij de laatste wijziging via de Functiewijzer. Niet wijzigen.',
      type: { kind: 'text', maxLength: 80 },
      computed: true,
    },
    {
      name: 'Zoektekst',
      displayName: 'Zoektekst (automatisch)',
      description:
        'Hoofdtaken, taakafspraken en hun taken, één per regel, voor het zoeken in de catalogus. Niet wijzigen.',
      type: { kind: 'note' },
      computed: true,
    },
    {
      name: 'Competentieprofiel',
      displayName: 'Competentieprofiel (automatisch)',
      description:
        'Per regel een competentie en het vereiste niveau, voor het vergelijken in de catalogus. Niet wijzigen.',
      type: { kind: 'note' },
      computed: true,
    },
    {
      // With Competentieprofiel (one line per competency) it says how many rows the content had,
      // so the catalogue sees a deleted row: docs/data-layer.md, "Every edit reaches the catalogue".
      name: 'AantalTaakafspraken',
      displayName: 'Aantal taakafspraken (automatisch)',
      description:
        'Hoeveel taakafspraken de functie had bij de laatste wijziging via de Functiewijzer. Niet wijzigen.',
      type: { kind: 'number', minimum: 0 },
      computed: true,
    },
  ],
  view: {
    fields: ['LinkTitle', 'Soort', 'Afdeling', 'Dienst', 'Graad', 'Loopbaan', 'FunctieKey'],
    groupBy: ['Afdeling', 'Dienst'],
    collapsed: true,
    orderBy: [{ field: 'FunctieKey' }],
  },
});

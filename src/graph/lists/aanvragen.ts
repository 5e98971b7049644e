import { defineList, REQUEST_STATUS_CHOICES } from './types';

/** Requests to approve one version (content hash) of a role. */
export const GOEDKEURINGSAANVRAGEN = defineList({
  name: 'Goedkeuringsaanvragen',
  description: 'Aanvragen om een versie van een functie goed te keuren.',
  titleDisplayName: 'Aanvraag',
  titleRequired: false,
  permissions: [
    { principal: 'medewerkers', access: 'read' },
    { principal: 'hr', access: 'contribute' },
    // Approvers close the request they decided on.
    { principal: 'goedkeurders', access: 'contribute' },
    { principal: 'beheerders', access: 'contribute' },
  ],
  columns: [
    {
      name: 'Functie',
      displayName: 'Functie',
      description: 'De functie die ter goedkeuring ligt.',
      type: { kind: 'lookup', list: 'Functies' },
      required: true,
      indexed: true,
    },
    {
      name: 'InhoudHash',
      displayName: 'Inhoudshash',
      description:
        'Vingerafdruk van precies de inhoud die ter goedkeuring werd voorgelegd. Automatisch ingevuld door de Functiewijzer; niet wijzigen.',
      type: { kind: 'text', maxLength: 80 },
      required: true,
    },
    {
      name: 'Status',
      displayName: 'Status',
      description:
        'Open zolang de algemeen directeur niet beslist heeft; daarna Gesloten. Wordt door de Functiewijzer bijgewerkt.',
      type: { kind: 'choice', choices: REQUEST_STATUS_CHOICES },
      required: true,
      indexed: true,
    },
    {
      name: 'Toelichting',
      displayName: 'Toelichting',
      description: 'Toelichting van HR bij de aanvraag.',
      type: { kind: 'note' },
    },
    {
      name: 'TeamId',
      displayName: 'Team-id',
      description:
        'Het Teams-team waarin de aanvraag werd gepost. Automatisch ingevuld door de Functiewijzer; niet wijzigen.',
      type: { kind: 'text' },
    },
    {
      name: 'KanaalId',
      displayName: 'Kanaal-id',
      description:
        'Het Teams-kanaal waarin de aanvraag werd gepost. Automatisch ingevuld door de Functiewijzer; niet wijzigen.',
      type: { kind: 'text' },
    },
    {
      name: 'BerichtId',
      displayName: 'Bericht-id',
      description:
        'Het kanaalbericht met de goedkeuringskaart, voor het antwoord met het besluit. Automatisch ingevuld door de Functiewijzer; niet wijzigen.',
      type: { kind: 'text' },
    },
  ],
  // Newest request first (ID is always indexed).
  view: {
    fields: ['LinkTitle', 'Functie', 'Status', 'Toelichting'],
    orderBy: [{ field: 'ID', descending: true }],
  },
});

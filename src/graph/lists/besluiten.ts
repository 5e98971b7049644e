import { defineList, OUTCOME_CHOICES } from './types';

/** Decisions: append-only, bound to the content hash decided on. */
export const BESLUITEN = defineList({
  name: 'Besluiten',
  description:
    'Besluiten over functies. Alleen goedkeurders voegen toe; niemand wijzigt of verwijdert.',
  titleDisplayName: 'Besluit',
  titleRequired: false,
  permissions: [
    { principal: 'medewerkers', access: 'read' },
    { principal: 'goedkeurders', access: 'add' },
    // IT migrates the approvals stated in existing documents (Geimporteerd); still add-only.
    { principal: 'beheerders', access: 'add' },
  ],
  columns: [
    {
      name: 'Aanvraag',
      displayName: 'Aanvraag',
      description:
        'De aanvraag waarover beslist werd; leeg voor een besluit uit een geïmporteerd document.',
      type: { kind: 'lookup', list: 'Goedkeuringsaanvragen' },
      indexed: true,
    },
    {
      name: 'Functie',
      displayName: 'Functie',
      description: 'De functie waarover beslist werd.',
      type: { kind: 'lookup', list: 'Functies' },
      required: true,
      indexed: true,
    },
    {
      name: 'InhoudHash',
      displayName: 'Inhoudshash',
      description: 'Vingerafdruk van precies de inhoud waarover beslist werd.',
      type: { kind: 'text', maxLength: 80 },
      required: true,
    },
    {
      name: 'Uitkomst',
      displayName: 'Uitkomst',
      description: 'Goedgekeurd of afgewezen.',
      type: { kind: 'choice', choices: OUTCOME_CHOICES },
      required: true,
    },
    {
      name: 'Motivering',
      displayName: 'Motivering',
      description: 'Verplicht bij een afwijzing.',
      type: { kind: 'note' },
    },
    {
      name: 'Besluitdatum',
      displayName: 'Besluitdatum',
      description: 'De datum van het besluit.',
      type: { kind: 'dateOnly' },
      required: true,
      // HR's view sorts on it.
      indexed: true,
    },
    {
      name: 'Momentopname',
      displayName: 'Momentopname',
      description: 'De inhoud waarover beslist werd (JSON), om later te kunnen vergelijken.',
      type: { kind: 'note' },
    },
    {
      name: 'Geimporteerd',
      displayName: 'Geïmporteerd',
      description: 'Ja als het besluit uit de goedkeuringsregel van een bestaand document komt.',
      type: { kind: 'boolean' },
    },
  ],
  // Read-only for everyone but the approvers (add-only): newest decision first.
  view: {
    fields: ['Besluitdatum', 'Functie', 'Uitkomst', 'Motivering', 'Geimporteerd', 'LinkTitle'],
    orderBy: [{ field: 'Besluitdatum', descending: true }],
  },
});

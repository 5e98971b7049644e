import { functionDescriptionSchema, type FunctionDescription } from '../../../src/domain/schema';
import type { RoleStatus } from '../../../src/domain/status';
import type {
  CatalogueEntry,
  DictionaryCompetency,
  RoleDetail,
} from '../../../src/tab/shared/host-context';

/*
 * Interchange objects built by hand from the two sample documents (src/samples/): a subset of
 * their competencies, with the texts as the documents have them, validated with the real schema.
 */

const NVT = { level: 0 as const, indicators: ['N.v.t.'] };

export const deskundigeIct: FunctionDescription = functionDescriptionSchema.parse({
  schemaVersion: 1,
  key: 'deskundige-ict',
  kind: 'functiebeschrijving',
  title: 'Deskundige ICT',
  organisation: 'Stad Tienen',
  department: 'Algemeen beheer',
  service: 'ICT',
  grade: 'Deskundige',
  careerPath: 'B1-B3',
  purpose:
    'Je werkt bij de dienst ICT binnen de cel operations & klantenondersteuning onder leiding van het diensthoofd.',
  mainTasks: [
    'Je geeft ondersteuning bij incidenten (2e lijn) en wijzigingen binnen de afgesproken SLA-tijden.',
    'Je installeert en configureert software en beheert dekstop, laptops, smartphones en tablets binnen de organisatie via centraal gestuurde cloudplatformen.',
    'Je schrijft en onderhoudt handleidingen of procedures voor je collega’s binnen de eerste lijn.',
  ],
  position: 'Werkt onder de directe leiding van en rapporteert aan het diensthoofd ICT.',
  resultAreas: [
    {
      title:
        'Werkt mee aan het beleid en aan de realisatie van de organisatiedoelstellingen m.b.t. het domein ICT.',
      tasks: [
        'Werkt mee aan een geïntegreerd beleid voor de organisatie.',
        'Participeert actief aan overlegmomenten en draagt bij aan een goede informatiedoorstroming.',
      ],
    },
    {
      title: 'Behartigt de werking van de eigen dienst.',
      tasks: [
        'Werkt zelfstandig en is in staat projectmatig te werken.',
        'Organiseert de dagelijkse activiteiten van de dienst en stelt de burger hierbij centraal.',
      ],
    },
  ],
  competencies: [
    {
      name: 'Tekstverwerking',
      block: 'technical',
      cluster: 'PC-vaardigheden',
      definition: null,
      requiredLevel: 2,
      levelTitle: null,
      indicators: [
        'Heeft voldoende kennis van tekstverwerking om een verslag op een gestructureerde wijze weer te geven.',
        'Kan een verslag opmaken (kop- en voettekst, alinea, paginanummering, opsomming,…).',
        'Kan figuren en tabellen invoegen.',
      ],
      levels: [
        NVT,
        {
          level: 1,
          indicators: [
            'Heeft elementaire kennis van de computer en van tekstverwerking.',
            'Kent de basisfuncties van tekstverwerking (knippen, plakken, kopiëren,…).',
          ],
        },
        {
          level: 2,
          indicators: [
            'Heeft voldoende kennis van tekstverwerking om een verslag op een gestructureerde wijze weer te geven.',
            'Kan een verslag opmaken (kop- en voettekst, alinea, paginanummering, opsomming,…).',
            'Kan figuren en tabellen invoegen.',
          ],
        },
        {
          level: 3,
          indicators: [
            'Heeft een grondige kennis (expertkennis).',
            'Kan werken met sjablonen.',
            'Kan werken met de functie samenvoegen.',
          ],
        },
      ],
    },
    {
      name: 'Presentaties',
      block: 'technical',
      cluster: 'PC-vaardigheden',
      definition: null,
      requiredLevel: 1,
      levelTitle: null,
      indicators: ['Heeft elementaire kennis van presentaties.'],
      levels: [
        NVT,
        { level: 1, indicators: ['Heeft elementaire kennis van presentaties.'] },
        { level: 2, indicators: ['Kan een presentatie maken met animatietechnieken.'] },
        { level: 3, indicators: ['Kan een sjabloon maken.'] },
      ],
    },
    {
      name: 'Kennis van de wetgeving m.b.t. de gemeente',
      block: 'technical',
      cluster: 'Wetgeving',
      definition: null,
      requiredLevel: 2,
      levelTitle: null,
      indicators: [
        'Kent de grote lijnen van het Decreet Lokaal Bestuur en heeft basiskennis van het administratief recht.',
      ],
      levels: [
        NVT,
        {
          level: 1,
          indicators: ['Heeft noties van het administratief recht en het Decreet Lokaal bestuur.'],
        },
        {
          level: 2,
          indicators: [
            'Kent de grote lijnen van het Decreet Lokaal Bestuur en heeft basiskennis van het administratief recht.',
          ],
        },
        { level: 3, indicators: ['Heeft een grondige kennis (expertkennis).'] },
      ],
    },
    {
      name: 'Plannen en organiseren',
      block: 'behavioural',
      cluster: 'Beheersmatige vaardigheden',
      definition: null,
      requiredLevel: 3,
      levelTitle: null,
      indicators: ['Anticipeert op het eigen werk en op dat van anderen.'],
      levels: [
        NVT,
        { level: 1, indicators: ['Werkt tijdig en correct af.'] },
        { level: 2, indicators: ['Brengt structuur in het eigen werk en in dat van anderen.'] },
        { level: 3, indicators: ['Anticipeert op het eigen werk en op dat van anderen.'] },
      ],
    },
    {
      name: 'Klantgerichtheid',
      block: 'behavioural',
      cluster: 'Beheersmatige vaardigheden',
      definition: null,
      requiredLevel: 3,
      levelTitle: null,
      indicators: ['Zoekt uit eigen beweging mogelijkheden om de dienstverlening te verbeteren.'],
      levels: [
        NVT,
        { level: 1, indicators: ['Reageert vriendelijk en correct op vragen van klanten.'] },
        { level: 2, indicators: ['Vraagt feedback en zorgt voor opvolging van de klant.'] },
        {
          level: 3,
          indicators: [
            'Zoekt uit eigen beweging mogelijkheden om de dienstverlening te verbeteren.',
          ],
        },
      ],
    },
  ],
  technicalKnowledge: [],
  approval: { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' },
});

export const leidinggevende: FunctionDescription = functionDescriptionSchema.parse({
  schemaVersion: 1,
  key: 'leidinggevende',
  kind: 'functieprofiel',
  title: 'Leidinggevende',
  organisation: null,
  department: null,
  service: null,
  grade: null,
  careerPath: null,
  purpose:
    'Is verantwoordelijk voor (kan aangesproken worden op) de beleidsvoorbereiding en de beleidsuitvoering in een specifiek domein.',
  mainTasks: [],
  position: null,
  resultAreas: [
    {
      title:
        'Coördineren van activiteiten en leiding geven aan medewerkers en/of aan één of meerdere teams',
      tasks: [],
    },
    { title: 'Rapporteren', tasks: [] },
  ],
  competencies: [
    {
      name: 'Klantgerichtheid',
      block: 'behavioural',
      cluster: null,
      definition:
        'Met het oog op het dienen van het algemeen belang, de legitieme behoeften van verschillende soorten (interne en externe) klanten onderkennen en er adequaat op reageren.',
      requiredLevel: null,
      levelTitle:
        'Onderneemt, binnen de mogelijkheden van de eigen functie, acties om de dienstverlening aan klanten te optimaliseren:',
      indicators: ['Formuleert concrete voorstellen om de eigen dienstverlening te verbeteren'],
      levels: [],
    },
    {
      name: 'Samenwerken',
      block: 'behavioural',
      cluster: null,
      definition:
        'Met het oog op het algemeen belang een bijdrage leveren aan een gezamenlijk resultaat op het niveau van een team, entiteit of de organisatie.',
      requiredLevel: null,
      levelTitle:
        'Stimuleert de samenwerking binnen de eigen entiteit, werkgroepen of projectgroepen:',
      indicators: ['Geeft opbouwende kritiek en feedback'],
      levels: [],
    },
  ],
  technicalKnowledge: ['Kennis van de regelgeving van het eigen domein'],
  approval: null,
});

/** A third, invented role so that filters and the comparison have something to tell apart. */
export const administratiefMedewerker: FunctionDescription = functionDescriptionSchema.parse({
  schemaVersion: 1,
  key: 'administratief-medewerker',
  kind: 'functiebeschrijving',
  title: 'Administratief medewerker',
  organisation: 'Stad Tienen',
  department: 'Burgerzaken',
  service: 'Bevolking',
  grade: 'Administratief medewerker',
  careerPath: 'C1-C3',
  purpose: 'Je helpt burgers aan het loket.',
  mainTasks: ['Je helpt burgers aan het loket met hun aanvragen.'],
  position: null,
  resultAreas: [
    {
      title: 'Behartigt de werking van de eigen dienst.',
      tasks: ['Werkt zelfstandig en is in staat projectmatig te werken.'],
    },
  ],
  competencies: [
    {
      ...deskundigeIct.competencies[0]!,
      requiredLevel: 3,
      indicators: ['Kan werken met sjablonen.'],
    },
    {
      ...deskundigeIct.competencies[4]!,
      requiredLevel: 2,
      indicators: ['Vraagt feedback en zorgt voor opvolging van de klant.'],
    },
  ],
  technicalKnowledge: [],
  approval: null,
});

export const approved: RoleStatus = {
  kind: 'approved',
  date: '2023-02-09',
  decisionId: '1',
  imported: true,
};
export const draft: RoleStatus = { kind: 'draft' };
export const pending: RoleStatus = {
  kind: 'pending',
  requestId: '7',
  since: '2024-03-01T10:00:00Z',
  changedSinceApproval: null,
  changedSinceRequest: false,
};

export function roleDetail(
  description: FunctionDescription,
  status: RoleStatus,
  sharePointUrl: string | null = null,
): RoleDetail {
  return { description, status, sharePointUrl };
}

export function catalogueEntry(detail: RoleDetail): CatalogueEntry {
  const d = detail.description;
  return {
    key: d.key,
    kind: d.kind,
    title: d.title,
    department: d.department,
    service: d.service,
    grade: d.grade,
    careerPath: d.careerPath,
    status: detail.status,
    tasks: [...d.mainTasks, ...d.resultAreas.flatMap((a) => [a.title, ...a.tasks])],
    competencies: d.competencies.map((c) => ({ name: c.name, requiredLevel: c.requiredLevel })),
    // As the catalogue read has it: the bounds, no titles.
    levelScale: { lowest: d.levelScale.lowest, highest: d.levelScale.highest, titles: [] },
  };
}

export const sampleRoles: RoleDetail[] = [
  roleDetail(
    deskundigeIct,
    approved,
    'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/DispForm.aspx?ID=1',
  ),
  roleDetail(leidinggevende, draft),
  roleDetail(administratiefMedewerker, pending),
];

export const sampleDictionary: DictionaryCompetency[] = [
  {
    name: 'Klantgerichtheid',
    block: 'behavioural',
    cluster: 'Beheersmatige vaardigheden',
    definition:
      'Met het oog op het dienen van het algemeen belang, de legitieme behoeften van verschillende soorten (interne en externe) klanten onderkennen en er adequaat op reageren.',
    levels: deskundigeIct.competencies[4]!.levels,
  },
  {
    name: 'Tekstverwerking',
    block: 'technical',
    cluster: 'PC-vaardigheden',
    definition: null,
    levels: deskundigeIct.competencies[0]!.levels,
  },
];

/** `count` generated roles for the virtualisation test; role i is titled "Functie i". */
export function generatedCatalogue(count: number): CatalogueEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `functie-${i}`,
    kind: 'functiebeschrijving' as const,
    title: `Functie ${i}`,
    department: `Afdeling ${i % 7}`,
    service: `Dienst ${i % 13}`,
    grade: null,
    careerPath: i % 2 === 0 ? 'B1-B3' : 'C1-C3',
    status: i % 3 === 0 ? approved : draft,
    tasks: [`Taak nummer ${i} van de functie`],
    competencies: [{ name: 'Klantgerichtheid', requiredLevel: ((i % 3) + 1) as 1 | 2 | 3 }],
    levelScale: { lowest: 0, highest: 3, titles: [] },
  }));
}

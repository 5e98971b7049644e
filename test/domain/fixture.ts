import {
  functionDescriptionSchema,
  type Competency,
  type FunctionDescription,
  type Level,
} from '../../src/domain/schema';

/**
 * A small functiebeschrijving in the shape of the Deskundige ICT sample (src/samples): enough
 * competencies and taakafspraken to exercise every branch of the diff and the compare view.
 */

export function competency(
  name: string,
  requiredLevel: Level | null,
  overrides: Partial<Competency> = {},
): Competency {
  const levels =
    requiredLevel === null
      ? []
      : ([0, 1, 2, 3] as const).map((level) => ({
          level,
          indicators: level === 0 ? ['N.v.t.'] : [`${name}: indicator niveau ${level}`],
        }));
  return {
    name,
    block: 'behavioural',
    cluster: null,
    definition: `Definitie van ${name.toLowerCase()}.`,
    requiredLevel,
    levelTitle: null,
    indicators: requiredLevel === null ? [] : (levels[requiredLevel]?.indicators ?? []),
    levels,
    ...overrides,
  };
}

export function deskundigeIct(): FunctionDescription {
  return functionDescriptionSchema.parse({
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
      'Je schrijft en onderhoudt handleidingen of procedures voor je collega’s binnen de eerste lijn.',
      'Je neemt een aantal technische projecten op.',
    ],
    position: 'Werkt onder de directe leiding van en rapporteert aan het diensthoofd ICT.',
    resultAreas: [
      {
        title: 'Staat in voor het operationeel beheer van de ICT-infrastructuur.',
        tasks: [
          'Beheert servers, storage en netwerk.',
          'Volgt de monitoring en de back-ups op.',
          'Stimuleert dienstoverschrijdende samenwerking.',
        ],
      },
      {
        title: 'Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
        tasks: [
          'Werkt mee aan een beleid en een toekomstvisie voor de dienst.',
          'Bereidt het beleid binnen het vakgebied mee voor.',
        ],
      },
      {
        title: 'Behartigt de werking van de eigen dienst.',
        tasks: [
          'Organiseert de dagelijkse activiteiten van de dienst.',
          'Werkt zelfstandig en is in staat projectmatig te werken.',
        ],
      },
    ],
    competencies: [
      competency('Tekstverwerking', 2, { block: 'technical', cluster: 'PC-vaardigheden' }),
      competency('Rekenbladen', 2, { block: 'technical', cluster: 'PC-vaardigheden' }),
      competency('Klantgerichtheid', 2),
      competency('Samenwerken', 3),
    ],
    technicalKnowledge: ['Kennis van Microsoft 365', 'Kennis van netwerkbeveiliging'],
    approval: { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' },
  });
}

/** A deep copy to mutate in a test without touching the original. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

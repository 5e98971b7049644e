import type { Competency, FunctionDescription } from '../../src/domain/schema';

/**
 * Hand-written descriptions in the interchange format, shaped like the two samples: a
 * functiebeschrijving with numbered levels and an approval, and a functieprofiel without levels
 * that shares a competency name with it (as the real samples share "Voortgangscontrole").
 */

export function competency(name: string, overrides: Partial<Competency> = {}): Competency {
  return {
    name,
    block: 'behavioural',
    cluster: 'Beheersmatige vaardigheden',
    definition: null,
    requiredLevel: 2,
    levelTitle: null,
    indicators: [`${name}: volgt het eigen werk op.`, 'Rapporteert spontaan.'],
    levels: [
      { level: 0, indicators: ['N.v.t.'] },
      { level: 1, indicators: [`${name} niveau 1.`] },
      { level: 2, indicators: [`${name}: volgt het eigen werk op.`, 'Rapporteert spontaan.'] },
      { level: 3, indicators: [`${name} niveau 3 & meer.`] },
    ],
    ...overrides,
  };
}

export function functiebeschrijving(
  overrides: Partial<FunctionDescription> = {},
): FunctionDescription {
  return {
    schemaVersion: 2,
    key: 'deskundige-ict',
    kind: 'functiebeschrijving',
    title: 'Deskundige ICT',
    organisation: 'Stad Tienen',
    department: 'Interne zaken',
    service: 'ICT',
    grade: 'Deskundige',
    careerPath: 'B1-B3',
    gradeAsWritten: null,
    careerPathAsWritten: null,
    purpose: 'Zorgt voor een stabiele ICT-omgeving.',
    mainTasks: ['Beheert het netwerk.', "Ondersteunt collega's bij vragen 'ter plaatse'."],
    position: 'Rapporteert aan het diensthoofd ICT.',
    resultAreas: [
      {
        title: 'Taakafspraak 1: netwerkbeheer',
        tasks: ['Volgt het netwerk op.', 'Plant onderhoud.'],
      },
      { title: 'Taakafspraak 2: helpdesk', tasks: ['Beantwoordt vragen.'] },
    ],
    competencies: [
      competency('PC-vaardigheden', {
        block: 'technical',
        cluster: 'PC-vaardigheden',
        requiredLevel: 3,
      }),
      competency('Plannen en organiseren'),
      competency('Voortgangscontrole', { requiredLevel: 2 }),
    ],
    levelScale: { lowest: 0, highest: 3, titles: [] },
    technicalKnowledge: [],
    approval: { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' },
    ...overrides,
  };
}

export function functieprofiel(overrides: Partial<FunctionDescription> = {}): FunctionDescription {
  return {
    schemaVersion: 2,
    key: 'functieprofiel-leidinggevende',
    kind: 'functieprofiel',
    title: 'Functieprofiel leidinggevende',
    organisation: null,
    department: null,
    service: null,
    grade: null,
    careerPath: null,
    gradeAsWritten: null,
    careerPathAsWritten: null,
    purpose: 'Is verantwoordelijk voor de beleidsvoorbereiding en de beleidsuitvoering.',
    mainTasks: [],
    position: null,
    resultAreas: [
      { title: 'Coördineren van activiteiten en leiding geven aan medewerkers', tasks: [] },
      { title: 'Rapporteren', tasks: [] },
    ],
    competencies: [
      {
        name: 'Voortgangscontrole',
        block: null,
        cluster: null,
        definition: 'Zicht houden op de voortgang van taken.',
        requiredLevel: null,
        levelTitle: 'Volgt de voortgang op:',
        indicators: ['Bewaakt de planning.'],
        levels: [],
      },
      {
        name: 'Coachen',
        block: null,
        cluster: null,
        definition: 'Medewerkers begeleiden.',
        requiredLevel: null,
        levelTitle: 'Begeleidt:',
        indicators: ['Geeft feedback.'],
        levels: [],
      },
    ],
    levelScale: { lowest: 0, highest: 3, titles: [] },
    technicalKnowledge: ['Kennis van de wetgeving m.b.t. de gemeente'],
    approval: null,
    ...overrides,
  };
}

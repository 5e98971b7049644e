import { contentOf } from '../../src/domain/content-hash';
import {
  LEVEL_SCALE,
  compareLevels,
  levelLabel,
  type ComparedRoles,
} from '../../src/domain/levels';
import type { Competency, FunctionContent, Level } from '../../src/domain/schema';
import { compareSummary } from '../../src/i18n';
import { clone, competency, deskundigeIct } from './fixture';

function role(
  key: string,
  title: string,
  competencies: Competency[],
  tasks: string[] = [],
): FunctionContent {
  return {
    ...clone(contentOf(deskundigeIct())),
    key,
    title,
    mainTasks: [],
    resultAreas: tasks.length > 0 ? [{ title: 'Taakafspraak', tasks }] : [],
    competencies,
  };
}

const levelled = (entries: [string, Level | null][]): Competency[] =>
  entries.map(([name, level]) => competency(name, level));

describe('the level scale', () => {
  it('names the four levels in Dutch and English', () => {
    expect(LEVEL_SCALE.map((l) => [l.level, l.nl])).toEqual([
      [0, 'Niet van toepassing'],
      [1, 'Basis'],
      [2, 'Gevorderd'],
      [3, 'Expert'],
    ]);
    expect(levelLabel(2, 'nl')).toBe('Gevorderd');
    expect(levelLabel(0, 'en')).toBe('Not applicable');
    expect(levelLabel(3, 'en')).toBe('Expert');
  });

  it('refuses a level outside the scale', () => {
    expect(() => levelLabel(4 as Level, 'nl')).toThrow(RangeError);
  });
});

describe('compareLevels', () => {
  const medewerker = role(
    'medewerker-ict',
    'Medewerker ICT',
    levelled([
      ['Tekstverwerking', 2],
      ['Rekenbladen', 1],
      ['Klantgerichtheid', 2],
      ['Samenwerken', 3],
      ['Nauwkeurigheid', 2],
    ]),
  );
  const deskundige = role(
    'deskundige-ict',
    'Deskundige ICT',
    levelled([
      ['Tekstverwerking', 3],
      ['rekenbladen ', 2],
      ['Klantgerichtheid', 2],
      ['Samenwerken', 2],
      ['Coachen', 2],
      ['Projectmatig werken', 3],
    ]),
  );

  it('puts the levels side by side per competency, matched by name', () => {
    const result = compareLevels([medewerker, deskundige]);
    expect(result.rows.map((r) => r.name)).toEqual([
      'Tekstverwerking',
      'Rekenbladen',
      'Klantgerichtheid',
      'Samenwerken',
      'Nauwkeurigheid',
      'Coachen',
      'Projectmatig werken',
    ]);
    expect(result.rows[1]).toEqual({
      name: 'Rekenbladen',
      cells: [
        { kind: 'present', level: 1 },
        { kind: 'present', level: 2 },
      ],
      relation: 'different',
      highest: [1],
    });
    expect(result.rows[2]).toMatchObject({ relation: 'equal', highest: [] });
    expect(result.rows[3]).toMatchObject({ relation: 'different', highest: [0] });
    expect(result.rows[4]).toMatchObject({
      relation: 'only-one',
      cells: [{ kind: 'present', level: 2 }, { kind: 'absent' }],
    });
  });

  it('counts per role and sums it up in Dutch', () => {
    const result = compareLevels([medewerker, deskundige]);
    expect(result.roles.map(({ key, higher, onlyHere }) => ({ key, higher, onlyHere }))).toEqual([
      { key: 'medewerker-ict', higher: 1, onlyHere: 1 },
      { key: 'deskundige-ict', higher: 2, onlyHere: 2 },
    ]);
    expect(result.sameLevel).toBe(1);
    expect(compareSummary(result, 'nl')).toEqual([
      '1 competentie op een hoger niveau in Medewerker ICT',
      '2 competenties op een hoger niveau in Deskundige ICT',
      '1 competentie enkel in Medewerker ICT',
      '2 competenties enkel in Deskundige ICT',
      '1 competentie op hetzelfde niveau',
    ]);
  });

  it('cannot rank a competency that only one role gives a level', () => {
    const profiel = role(
      'leidinggevende',
      'Leidinggevende',
      levelled([['Klantgerichtheid', null]]),
    );
    const result = compareLevels([profiel, medewerker]);
    expect(result.rows[0]).toMatchObject({
      name: 'Klantgerichtheid',
      relation: 'incomparable',
      highest: [],
    });
    expect(result.roles[1]!.higher).toBe(0);
  });

  it('with three roles, names the roles at the top', () => {
    const diensthoofd = role(
      'diensthoofd-ict',
      'Diensthoofd ICT',
      levelled([
        ['Tekstverwerking', 3],
        ['Rekenbladen', 2],
        ['Klantgerichtheid', 2],
        ['Coachen', 3],
      ]),
    );
    const result = compareLevels([medewerker, deskundige, diensthoofd]);
    const row = (name: string) => result.rows.find((r) => r.name === name)!;
    expect(row('Tekstverwerking')).toMatchObject({ relation: 'different', highest: [1, 2] });
    expect(row('Klantgerichtheid')).toMatchObject({ relation: 'equal' });
    // Two of three roles have Coachen: it is neither "only in" one nor the same everywhere.
    expect(row('Coachen')).toMatchObject({ relation: 'different', highest: [2] });
    expect(result.sameLevel).toBe(1);
    expect(compareSummary(result, 'nl')).toEqual([
      '1 competentie op het hoogste niveau in Medewerker ICT',
      '2 competenties op het hoogste niveau in Deskundige ICT',
      '3 competenties op het hoogste niveau in Diensthoofd ICT',
      '1 competentie enkel in Medewerker ICT',
      '1 competentie enkel in Deskundige ICT',
      '1 competentie op hetzelfde niveau',
    ]);
  });

  it('finds the tasks only one role has, ignoring case, punctuation and typographic quotes', () => {
    const a = role(
      'a',
      'Medewerker ICT',
      [],
      [
        'Beheert de servers.',
        'Schrijft handleidingen voor collega’s.',
        'Beantwoordt tickets van de eerste lijn.',
      ],
    );
    const b = role(
      'b',
      'Deskundige ICT',
      [],
      [
        'beheert de  servers',
        "Schrijft handleidingen voor collega's",
        'Onderhandelt SLA’s met leveranciers.',
        'Volgt projecten op.',
      ],
    );
    const result = compareLevels([a, b]);
    expect(result.roles[0]!.tasksOnlyHere).toEqual(['Beantwoordt tickets van de eerste lijn.']);
    expect(result.roles[1]!.tasksOnlyHere).toEqual([
      'Onderhandelt SLA’s met leveranciers.',
      'Volgt projecten op.',
    ]);
    expect(compareSummary(result, 'nl')).toEqual([
      '1 taak enkel in Medewerker ICT',
      '2 taken enkel in Deskundige ICT',
    ]);
  });

  it('treats the bullets of a functieprofiel (result areas without tasks) and main tasks as tasks', () => {
    const profiel = {
      ...role('p', 'Leidinggevende', []),
      resultAreas: [{ title: 'Rapporteren', tasks: [] }],
    };
    const other = { ...role('q', 'Diensthoofd', []), mainTasks: ['Rapporteren.'] };
    expect(compareLevels([profiel, other]).roles.map((r) => r.tasksOnlyHere)).toEqual([[], []]);
  });

  it('says there are no differences between two equal roles', () => {
    const result = compareLevels([medewerker, { ...clone(medewerker), key: 'kopie' }]);
    expect(compareSummary(result, 'nl')).toEqual([
      'Geen verschillen in competenties en taken',
      '5 competenties op hetzelfde niveau',
    ]);
  });

  it('counts a competency a role lists twice once, with its first level', () => {
    const twice = role(
      't',
      'Twee keer',
      levelled([
        ['Samenwerken', 1],
        ['samenwerken', 3],
      ]),
    );
    const result = compareLevels([twice, medewerker]);
    expect(result.rows.find((r) => r.name === 'Samenwerken')!.cells[0]).toEqual({
      kind: 'present',
      level: 1,
    });
  });

  it('compares two or three roles, not one or four', () => {
    expect(() => compareLevels([medewerker] as unknown as ComparedRoles)).toThrow('twee of drie');
    expect(() =>
      compareLevels([medewerker, deskundige, medewerker, deskundige] as unknown as ComparedRoles),
    ).toThrow('twee of drie');
  });
});

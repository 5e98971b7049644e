import { contentHash, contentOf } from '../../src/domain/content-hash';
import { ValidationError } from '../../src/graph/errors';
import { columnDefinition, creationOrder, fieldName, LISTS, listDef } from '../../src/graph/lists';
import {
  competencyFromItem,
  dateOnlyValue,
  decisionFields,
  decisionFromItem,
  decisionItemSchema,
  parseItems,
  readLines,
  resultAreaFields,
  resultAreaFromItem,
  resultAreaItemSchema,
  roleCompetencyFields,
  roleCompetencyItemSchema,
  roleContentHead,
  roleFields,
  roleItemSchema,
  roleSummary,
  writeLines,
} from '../../src/graph/mapping';
import { functiebeschrijving, functieprofiel } from './fixtures';

const HASH = `sha256:${'a'.repeat(64)}` as const;

/** What Graph returns for an item whose fields we wrote: SharePoint drops empty (null) fields. */
function asItem(id: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
  return {
    id,
    eTag: `"{guid},${id}"`,
    createdDateTime: '2024-01-01T10:00:00Z',
    lastModifiedDateTime: '2024-01-02T10:00:00Z',
    webUrl: `https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/x/${id}`,
    createdBy: { user: { id: 'u-1', displayName: 'Hilde Janssens' } },
    // Graph returns lookup ids as strings and numbers as numbers.
    fields: { ...kept, id },
    ...extra,
  };
}

describe('field mapping round trip', () => {
  it.each([
    ['functiebeschrijving', functiebeschrijving()],
    ['functieprofiel', functieprofiel()],
  ])(
    'a %s written to the lists reads back with the same content hash',
    async (_kind, description) => {
      const content = contentOf(description);
      const role = parseItems(
        roleItemSchema,
        [asItem('7', roleFields(content, { generation: 1, contentHash: HASH }))],
        'Functies',
      )[0]!;
      const areas = parseItems(
        resultAreaItemSchema,
        content.resultAreas.map((a, i) => asItem(String(20 + i), resultAreaFields(a, '7', i, 1))),
        'Taakafspraken',
      );
      const comps = parseItems(
        roleCompetencyItemSchema,
        content.competencies.map((c, i) =>
          asItem(String(40 + i), roleCompetencyFields(c, '7', String(90 + i), i, 1)),
        ),
        'Functiecompetenties',
      );
      const read = {
        ...roleContentHead(role),
        resultAreas: areas.map(resultAreaFromItem),
        competencies: comps.map(competencyFromItem),
      };
      expect(read).toEqual(content);
      expect(await contentHash(read)).toBe(await contentHash(description));
    },
  );

  it('a 1–5 role with level titles and its range as written reads back the same (schema v2)', async () => {
    const base = functiebeschrijving();
    const description = {
      ...base,
      careerPathAsWritten: 'B1-B2-B3',
      levelScale: {
        lowest: 1,
        highest: 5,
        titles: [
          { level: 1, title: 'Basis' },
          { level: 5, title: 'Meester' },
        ],
      },
      competencies: base.competencies.map((c) => ({
        ...c,
        requiredLevel: c.requiredLevel === null ? null : c.requiredLevel + 2,
        levels: [1, 2, 3, 4, 5].map((level) => ({ level, indicators: [`${c.name} ${level}`] })),
      })),
    };
    const content = contentOf(description);
    const fields = roleFields(content, { generation: 1, contentHash: HASH });
    expect(fields).toMatchObject({ NiveauLaagste: 1, NiveauHoogste: 5 });
    const role = parseItems(roleItemSchema, [asItem('7', fields)], 'Functies')[0]!;
    const comps = parseItems(
      roleCompetencyItemSchema,
      content.competencies.map((c, i) =>
        asItem(String(40 + i), roleCompetencyFields(c, '7', String(90 + i), i, 1)),
      ),
      'Functiecompetenties',
    );
    const read = {
      ...roleContentHead(role),
      resultAreas: content.resultAreas,
      competencies: comps.map(competencyFromItem),
    };
    expect(read).toEqual(content);
    expect(await contentHash(read)).toBe(await contentHash(description));
    expect(roleSummary(role).levelScale).toEqual({ lowest: 1, highest: 5, titles: [] });
    expect(roleSummary(role).competencies.map((c) => c.requiredLevel)).toEqual([5, 4, 4]);
  });

  it('leaves the scale columns empty for 0–3, and reads a row without them as 0–3', () => {
    const fields = roleFields(contentOf(functiebeschrijving()), {
      generation: 1,
      contentHash: HASH,
    });
    expect(fields).toMatchObject({ NiveauLaagste: null, NiveauHoogste: null, NiveauTitels: null });
    const role = roleItemSchema.parse(asItem('7', fields));
    expect(roleContentHead(role).levelScale).toEqual({ lowest: 0, highest: 3, titles: [] });
  });

  it('refuses a stored scale that is no scale, naming the item', () => {
    const fields = roleFields(contentOf(functiebeschrijving()), {
      generation: 1,
      contentHash: HASH,
    });
    const role = roleItemSchema.parse(
      asItem('7', { ...fields, NiveauLaagste: 4, NiveauHoogste: 2 }),
    );
    expect(() => roleContentHead(role)).toThrow(/niveauschaal van deze functie is ongeldig/);
  });

  it('fills the catalogue columns: tasks to search and the competency profile', () => {
    const content = contentOf(functiebeschrijving());
    const role = roleItemSchema.parse(
      asItem('7', roleFields(content, { generation: 3, contentHash: HASH })),
    );
    const summary = roleSummary(role);
    expect(summary.tasks).toEqual(
      expect.arrayContaining([
        'Beheert het netwerk.',
        'Taakafspraak 2: helpdesk',
        'Plant onderhoud.',
      ]),
    );
    expect(summary.competencies).toEqual([
      { name: 'PC-vaardigheden', requiredLevel: 3 },
      { name: 'Plannen en organiseren', requiredLevel: 2 },
      { name: 'Voortgangscontrole', requiredLevel: 2 },
    ]);
    expect(summary.contentHash).toBe(HASH);
  });

  it('writes null for empty columns so an update clears them', () => {
    const fields = roleFields(contentOf(functieprofiel()), { generation: 1, contentHash: HASH });
    expect(fields['Afdeling']).toBeNull();
    expect(fields['Hoofdtaken']).toBeNull();
  });

  it('refuses a value longer than a single-line column holds', () => {
    const long = contentOf(functiebeschrijving({ department: 'x'.repeat(256) }));
    expect(() => roleFields(long, { generation: 1, contentHash: HASH })).toThrow(ValidationError);
  });
});

describe('field readers', () => {
  it('splits lines, ignoring blank lines and Windows line ends', () => {
    expect(readLines('a\r\n\r\nb\n  \nc')).toEqual(['a', 'b', 'c']);
    expect(readLines(null)).toEqual([]);
  });

  it('keeps one entry per line even if an entry had a line break', () => {
    expect(readLines(writeLines(['een\ntwee', 'drie']))).toEqual(['een twee', 'drie']);
    expect(writeLines([])).toBeNull();
  });

  it('reads a date-only column as the date meant, whatever time zone SharePoint wrote it in', () => {
    expect(dateOnlyValue.parse('2023-02-09')).toBe('2023-02-09');
    expect(dateOnlyValue.parse('2023-02-09T00:00:00Z')).toBe('2023-02-09');
    // Midnight in Brussels, written in UTC.
    expect(dateOnlyValue.parse('2023-02-08T23:00:00Z')).toBe('2023-02-09');
    expect(dateOnlyValue.parse('2023-07-08T22:00:00Z')).toBe('2023-07-09');
  });

  it('accepts a lookup id as string or number and a number column as string', () => {
    const item = asItem('5', { Title: 'x', FunctieLookupId: 7, Volgorde: '2', Taken: 'a' });
    const parsed = resultAreaItemSchema.parse(item);
    expect(parsed.fields.FunctieLookupId).toBe('7');
    expect(parsed.fields.Volgorde).toBe(2);
  });

  it('rejects an item that does not fit, naming the list and the item', () => {
    // Beyond any scale (0 to 10): not a level.
    const bad = asItem('12', { Title: 'x', VereistNiveau: 11 });
    expect(() => parseItems(roleCompetencyItemSchema, [bad], 'Functiecompetenties')).toThrow(
      /Functiecompetenties \(id 12\)/,
    );
  });
});

describe('decisions', () => {
  it('maps a decision with its creator, and an imported flag', () => {
    const fields = decisionFields({
      roleId: '7',
      roleTitle: 'Deskundige ICT',
      requestId: null,
      outcome: 'approved',
      decisionDate: '2023-02-09',
      contentHash: HASH,
      reason: null,
      snapshot: '{}',
      imported: true,
    });
    const record = decisionFromItem(decisionItemSchema.parse(asItem('3', fields)));
    expect(record).toMatchObject({
      id: '3',
      roleId: '7',
      requestId: null,
      outcome: 'approved',
      decisionDate: '2023-02-09',
      decidedAt: '2024-01-01T10:00:00Z',
      contentHash: HASH,
      imported: true,
      createdBy: { id: 'u-1', displayName: 'Hilde Janssens' },
      snapshot: '{}',
    });
  });

  it('refuses a rejection without a reason', () => {
    expect(() =>
      decisionFields({
        roleId: '7',
        roleTitle: 'x',
        requestId: '1',
        outcome: 'rejected',
        decisionDate: '2024-01-01',
        contentHash: HASH,
        reason: ' ',
        snapshot: null,
        imported: false,
      }),
    ).toThrow(ValidationError);
  });
});

describe('list declaration', () => {
  it('indexes every column a query filters on', () => {
    const filtered: [string, string][] = [
      ['Functies', 'FunctieKey'],
      ['Taakafspraken', 'Functie'],
      ['Functiecompetenties', 'Functie'],
      ['Functiecompetenties', 'Competentie'],
      ['Competenties', 'CompetentieKey'],
      ['Goedkeuringsaanvragen', 'Functie'],
      ['Goedkeuringsaanvragen', 'Status'],
      ['Besluiten', 'Functie'],
      ['Besluiten', 'Aanvraag'],
    ];
    for (const [list, column] of filtered) {
      const def = LISTS.find((l) => l.name === list)!.columns.find((c) => c.name === column);
      expect(def?.indexed).toBe(true);
    }
    expect(listDef('Functies').columns.find((c) => c.name === 'FunctieKey')?.unique).toBe(true);
  });

  it('lets nobody edit or delete decisions, and only approvers and IT add them', () => {
    const grants = listDef('Besluiten').permissions;
    expect(grants.filter((g) => g.access === 'contribute')).toEqual([]);
    expect(
      grants
        .filter((g) => g.access === 'add')
        .map((g) => g.principal)
        .sort(),
    ).toEqual(['beheerders', 'goedkeurders']);
    expect(listDef('Goedkeuringsaanvragen').permissions).toEqual(
      expect.arrayContaining([
        { principal: 'hr', access: 'contribute' },
        { principal: 'goedkeurders', access: 'contribute' },
      ]),
    );
  });

  it('creates lookup targets before the lists that look them up', () => {
    const order = creationOrder().map((l) => l.name);
    expect(order.indexOf('Functies')).toBeLessThan(order.indexOf('Taakafspraken'));
    expect(order.indexOf('Competenties')).toBeLessThan(order.indexOf('Functiecompetenties'));
    expect(order.indexOf('Goedkeuringsaanvragen')).toBeLessThan(order.indexOf('Besluiten'));
  });

  it('describes columns the way Graph expects', () => {
    const ids = new Map([['Functies', 'list-f']] as const);
    const lookup = listDef('Taakafspraken').columns.find((c) => c.name === 'Functie')!;
    expect(columnDefinition(lookup, ids)).toMatchObject({
      name: 'Functie',
      indexed: true,
      lookup: { listId: 'list-f', columnName: 'Title' },
    });
    expect(fieldName(lookup)).toBe('FunctieLookupId');
    const choice = listDef('Besluiten').columns.find((c) => c.name === 'Uitkomst')!;
    expect(columnDefinition(choice, ids)).toMatchObject({
      choice: { choices: ['Goedgekeurd', 'Afgewezen'] },
    });
  });
});

import { z } from 'zod';
import { ValidationError } from '../../src/graph/errors';
import {
  type ColumnDef,
  fieldName,
  fieldNames,
  type ListDef,
  LISTS,
  listDef,
  textLimit,
} from '../../src/graph/lists';
import {
  CATALOGUE_SELECT,
  checkTextLengths,
  DECISION_SELECT,
  DECISION_SUMMARY_SELECT,
  decisionFieldsSchema,
  DICTIONARY_SELECT,
  dictionaryFieldsSchema,
  fieldsSchema,
  REQUEST_SELECT,
  requestFieldsSchema,
  RESULT_AREA_SELECT,
  resultAreaFieldsSchema,
  ROLE_COMPETENCY_SELECT,
  ROLE_SELECT,
  roleCompetencyFieldsSchema,
  roleFieldsSchema,
} from '../../src/graph/mapping';

/**
 * The list declaration is the one description of the columns: the `$select` each repository
 * sends and the zod shape that validates Graph's `fields` are generated from it, so they cannot
 * drift apart from it (or from each other).
 */

const HASH = `sha256:${'b'.repeat(64)}`;

const generated: { list: ListDef; select: string; schema: z.ZodObject }[] = [
  { list: listDef('Functies'), select: ROLE_SELECT, schema: roleFieldsSchema },
  { list: listDef('Taakafspraken'), select: RESULT_AREA_SELECT, schema: resultAreaFieldsSchema },
  { list: listDef('Competenties'), select: DICTIONARY_SELECT, schema: dictionaryFieldsSchema },
  {
    list: listDef('Functiecompetenties'),
    select: ROLE_COMPETENCY_SELECT,
    schema: roleCompetencyFieldsSchema,
  },
  { list: listDef('Goedkeuringsaanvragen'), select: REQUEST_SELECT, schema: requestFieldsSchema },
  { list: listDef('Besluiten'), select: DECISION_SELECT, schema: decisionFieldsSchema },
];

/** A value Graph could return for the column, as the declaration describes it. */
function validValue(column: ColumnDef): unknown {
  const t = column.type;
  switch (t.kind) {
    case 'text':
      // The hash columns are text to SharePoint and a content hash to the app.
      return column.name === 'InhoudHash' ? HASH : 'Stad Tienen';
    case 'note':
      return 'eerste regel\ntweede regel';
    case 'number':
      return t.maximum ?? 4;
    case 'boolean':
      return true;
    case 'dateOnly':
      return '2024-03-01T00:00:00Z';
    case 'choice':
      return t.choices[0];
    case 'lookup':
      return 7;
  }
}

function validFields(list: ListDef): Record<string, unknown> {
  return Object.fromEntries([
    ['Title', 'Deskundige ICT'],
    ...list.columns.map((c) => [fieldName(c), validValue(c)]),
  ]);
}

describe('list declaration → $select and field shapes', () => {
  it('covers every declared list', () => {
    expect(generated.map((g) => g.list.name).sort()).toEqual(LISTS.map((l) => l.name).sort());
  });

  describe.each(generated.map((g) => [g.list.name, g] as const))(
    '%s',
    (_name, { list, select, schema }) => {
      it('selects and validates exactly Title and every declared column, lookups as …LookupId', () => {
        const declared = [
          'Title',
          ...list.columns.map((c) => (c.type.kind === 'lookup' ? `${c.name}LookupId` : c.name)),
        ];
        expect(select.split(',')).toEqual(declared);
        expect(Object.keys(schema.shape)).toEqual(declared);
        expect(fieldNames(list)).toEqual(declared);
      });

      it('accepts an item as the declaration describes it, and keeps only declared fields', () => {
        const parsed = schema.parse({ ...validFields(list), id: '3', '@odata.etag': '"x,1"' });
        expect(Object.keys(parsed)).toEqual(Object.keys(schema.shape));
        for (const value of Object.values(parsed)) expect(value).not.toBeNull();
      });

      it('rejects a value of the wrong type in any field, naming the field', () => {
        for (const field of Object.keys(schema.shape)) {
          const result = schema.safeParse({ ...validFields(list), [field]: { nested: true } });
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
        }
      });

      it('rejects an item without a required column, and reads an optional one as null', () => {
        const untitled = validFields(list);
        delete untitled['Title'];
        expect(schema.safeParse(untitled).success).toBe(!list.titleRequired);
        for (const column of list.columns) {
          const fields = validFields(list);
          delete fields[fieldName(column)];
          const result = schema.safeParse(fields);
          // A lookup reads as null even when required: the mapping names the list and item.
          if (column.required && column.type.kind !== 'lookup') {
            expect(result.success).toBe(false);
          } else {
            expect(result.success).toBe(true);
            expect(result.data?.[fieldName(column)]).toBe(
              column.type.kind === 'boolean' ? false : null,
            );
          }
        }
      });

      it('refuses, on write, a value longer than its single-line column holds', () => {
        const limited: [string, number][] = [
          ['Title', 255],
          ...list.columns.flatMap((c): [string, number][] => {
            const limit = textLimit(c);
            return limit === null ? [] : [[fieldName(c), limit]];
          }),
        ];
        for (const [field, limit] of limited) {
          expect(() => checkTextLengths(list, { [field]: 'x'.repeat(limit) })).not.toThrow();
          expect(() => checkTextLengths(list, { [field]: 'x'.repeat(limit + 1) })).toThrow(
            ValidationError,
          );
        }
        // Multi-line text has no such limit.
        for (const c of list.columns.filter((c) => c.type.kind === 'note')) {
          expect(() => checkTextLengths(list, { [fieldName(c)]: 'x'.repeat(5000) })).not.toThrow();
        }
      });
    },
  );

  it('rejects values of the declared kind that do not fit: a number, a lookup id, a choice', () => {
    const competency = validFields(listDef('Functiecompetenties'));
    expect(roleCompetencyFieldsSchema.safeParse({ ...competency, Volgorde: 'twee' }).success).toBe(
      false,
    );
    expect(
      roleCompetencyFieldsSchema.safeParse({ ...competency, FunctieLookupId: 'abc' }).success,
    ).toBe(false);
    const decision = validFields(listDef('Besluiten'));
    expect(decisionFieldsSchema.safeParse({ ...decision, Uitkomst: 'Misschien' }).success).toBe(
      false,
    );
    // An optional choice that is not (or no longer) one of the choices reads as empty.
    expect(roleCompetencyFieldsSchema.parse({ ...competency, Blok: 'Anders' }).Blok).toBeNull();
  });

  it('leaves the long texts out of the catalogue and the snapshot out of the decision summaries', () => {
    expect(CATALOGUE_SELECT.split(',')).toEqual(
      ROLE_SELECT.split(',').filter(
        (f) =>
          ![
            'Organisatie',
            'Doel',
            'Hoofdtaken',
            'PlaatsInOrganisatie',
            'Vaktechnisch',
            'AndereOnderdelen',
            'NiveauTitels',
          ].includes(f),
      ),
    );
    expect(DECISION_SUMMARY_SELECT.split(',')).toEqual(
      DECISION_SELECT.split(',').filter((f) => f !== 'Momentopname'),
    );
  });

  it('refuses to override a field the list does not declare', () => {
    expect(() =>
      fieldsSchema(listDef('Taakafspraken'), { Bestaatniet: z.string() } as never),
    ).toThrow(/Bestaatniet/);
  });
});

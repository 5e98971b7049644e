import { FilterSyntaxError, filterPaths, parseFilter } from '../../src/emulator/odata-filter';

describe('OData $filter parser', () => {
  it('parses a comparison of a field with a string literal, doubled quotes included', () => {
    expect(parseFilter("fields/Title eq 'Kennis van ''t reglement'")).toEqual({
      kind: 'compare',
      op: 'eq',
      path: ['fields', 'Title'],
      value: { type: 'string', value: "Kennis van 't reglement" },
    });
  });

  it.each([
    ['ne', 'ne'],
    ['lt', 'lt'],
    ['GT', 'gt'],
    ['le', 'le'],
    ['ge', 'ge'],
  ])('reads the operator %s', (written, op) => {
    expect(parseFilter(`fields/VereistNiveau ${written} 2`)).toMatchObject({
      kind: 'compare',
      op,
      value: { type: 'number', value: 2 },
    });
  });

  it('binds and tighter than or, and honours parentheses', () => {
    const loose = parseFilter("fields/A eq 'x' or fields/B eq 'y' and fields/C eq 'z'");
    expect(loose).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    const grouped = parseFilter("(fields/A eq 'x' or fields/B eq 'y') and fields/C eq 'z'");
    expect(grouped).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('reads not, booleans, null, negative and decimal numbers', () => {
    expect(parseFilter('not fields/Actief eq true')).toEqual({
      kind: 'not',
      operand: {
        kind: 'compare',
        op: 'eq',
        path: ['fields', 'Actief'],
        value: { type: 'boolean', value: true },
      },
    });
    expect(parseFilter('fields/X eq null')).toMatchObject({ value: { type: 'null' } });
    expect(parseFilter('fields/X gt -1.5')).toMatchObject({
      value: { type: 'number', value: -1.5 },
    });
  });

  it('reads unquoted dates and date-times as date literals, a bare year as a number', () => {
    expect(parseFilter('lastModifiedDateTime ge 2024-03-01T10:00:00Z')).toMatchObject({
      path: ['lastModifiedDateTime'],
      value: { type: 'datetime', value: '2024-03-01T10:00:00Z' },
    });
    expect(parseFilter('fields/Besluitdatum eq 2023-02-09')).toMatchObject({
      value: { type: 'datetime', value: '2023-02-09' },
    });
    expect(parseFilter('fields/Jaar eq 2024')).toMatchObject({
      value: { type: 'number', value: 2024 },
    });
  });

  it('reads startswith and nested item properties', () => {
    expect(parseFilter("startswith(fields/Title,'Kennis')")).toEqual({
      kind: 'startswith',
      path: ['fields', 'Title'],
      value: 'Kennis',
    });
    expect(parseFilter("createdBy/user/id eq 'abc'")).toMatchObject({
      path: ['createdBy', 'user', 'id'],
    });
  });

  it('lists every property path it refers to', () => {
    const tree = parseFilter("fields/A eq 1 and (startswith(fields/B,'x') or not id gt 3)");
    expect(filterPaths(tree)).toEqual([['fields', 'A'], ['fields', 'B'], ['id']]);
  });

  it.each([
    ["fields/Title eq 'open", 'unterminated string literal'],
    ['fields/Title eq', 'expected a literal value'],
    ['fields/Title like 3', 'expected a comparison operator'],
    ["contains(fields/Title,'x')", "the function 'contains' is not supported"],
    ['fields/A eq fields/B', 'comparing two properties is not supported'],
    ["(fields/A eq 'x'", "expected ')'"],
    ["fields/A eq 'x' fields/B", 'unexpected text after the expression'],
    ['fields/A eq #', "unexpected character '#'"],
    ['startswith(fields/A,3)', 'startswith needs a string'],
  ])('refuses %p with a message naming the problem', (input, message) => {
    expect(() => parseFilter(input)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(input)).toThrow(message);
  });

  it('reports where the problem is', () => {
    try {
      parseFilter('fields/Title eq');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(FilterSyntaxError);
      expect((err as FilterSyntaxError).position).toBe(15);
    }
  });
});

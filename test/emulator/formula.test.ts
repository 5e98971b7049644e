import fc from 'fast-check';
import { keyFromTitle } from '../../src/domain/key';
import { compileFormula, FormulaSyntaxError, type FormulaValue } from '../../src/emulator/formula';
import { FUNCTIECOMPETENTIES, FUNCTIES } from '../../src/graph/lists';

/**
 * The formula subset the emulator evaluates, and the product's own validations against what the
 * product writes: every key keyFromTitle makes must pass FunctieKey's formula, every level of the
 * scale VereistNiveau's — or HR's list and the import would refuse the app's own values.
 */

const formulaOf = (
  columns: readonly { name: string; validation?: { formula: string } }[],
  name: string,
) => {
  const formula = columns.find((c) => c.name === name)?.validation?.formula;
  if (!formula) throw new Error(`${name} heeft geen validatie`);
  return compileFormula(formula);
};
const run = (formula: string, value: FormulaValue, column = 'X'): FormulaValue =>
  compileFormula(formula).evaluate((name) => (name === column ? value : null));

describe('column validation formulas', () => {
  it('evaluates like SharePoint: blanks, text functions, errors', () => {
    expect(run('=ISBLANK([X])', null)).toBe(true);
    expect(run('=LEN([X])=0', null)).toBe(true);
    expect(run('=[X]>=0', null)).toBe(true); // a blank number is 0
    expect(run('=ISERROR(FIND(" ",[X]))', 'geen-spatie')).toBe(true);
    expect(run('=ISERROR(FIND(" ",[X]))', 'wel spatie')).toBe(false);
    expect(run('=EXACT([X],LOWER([X]))', 'Hoofdletter')).toBe(false);
    expect(run('=[X]="ABC"', 'abc')).toBe(true); // = ignores case, EXACT does not
    expect(run('=AND(LEFT([X],1)<>"-",RIGHT([X],2)="ct")', 'deskundige-ict')).toBe(true);
    expect(run('=INT([X])=[X]', 2.5)).toBe(false);
    expect(run('=IF([X]>2,"hoog","laag")&"!"', 3)).toBe('hoog!');
    expect(run('=1/[X]', 0)).not.toBe(true);
  });

  it('refuses what it cannot evaluate instead of passing it', () => {
    expect(() => compileFormula('[X]>0')).toThrow(FormulaSyntaxError);
    expect(() => compileFormula('=REGEX([X],"a")')).toThrow(/niet ondersteund/);
    expect(() => compileFormula('=AND([X]>0')).toThrow(FormulaSyntaxError);
    expect(() => compileFormula('="open')).toThrow(FormulaSyntaxError);
  });

  it("FunctieKey's validation accepts every key keyFromTitle makes, and refuses typed ones", () => {
    const key = formulaOf(FUNCTIES.columns, 'FunctieKey');
    const check = (v: string) => key.evaluate((n) => (n === 'FunctieKey' ? v : null));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (title) => {
        const k = keyFromTitle(title);
        fc.pre(k !== '');
        expect(check(k)).toBe(true);
      }),
    );
    for (const bad of ['Deskundige ICT', 'deskundige--ict', '-ict', 'ict-', ''])
      expect(check(bad)).not.toBe(true);
  });

  it("VereistNiveau's validation accepts a level of any scale (0 to 10) and an empty level only", () => {
    const level = formulaOf(FUNCTIECOMPETENTIES.columns, 'VereistNiveau');
    const check = (v: FormulaValue) => level.evaluate((n) => (n === 'VereistNiveau' ? v : null));
    // Schema 2: a document's scale may run to 5 (or further); the role's own scale bounds it.
    for (const ok of [0, 1, 3, 4, 5, 10, null]) expect(check(ok)).toBe(true);
    for (const bad of [-1, 11, 1.5]) expect(check(bad)).not.toBe(true);
  });
});

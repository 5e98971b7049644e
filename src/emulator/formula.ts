/**
 * SharePoint's column validation formulas (the `validation.formula` of a Graph columnDefinition),
 * for the subset of the formula language the emulator evaluates: literals, `[Column]`,
 * comparison (= <> < > <= >=), `&`, arithmetic, and the functions in FUNCTIONS. A formula using
 * anything else is refused when the column is created, as unsupported *by the emulator* (never
 * silently accepted), so a new formula gets evaluated here before it reaches a tenant.
 *
 * Semantics follow Excel/SharePoint: a blank value is "" for text functions and 0 in arithmetic
 * and comparisons with numbers; FIND returns #VALUE! when the text is absent (ISERROR catches
 * it); text comparison with `=` ignores case (EXACT does not). A formula that ends in an error
 * or anything but TRUE fails validation.
 */

export type FormulaValue = number | string | boolean | null | FormulaErrorValue;

export class FormulaErrorValue {
  constructor(readonly code: '#VALUE!' | '#DIV/0!') {}
}

export class FormulaSyntaxError extends Error {}

type Node =
  | { t: 'lit'; v: number | string | boolean }
  | { t: 'ref'; name: string }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; fn: string; args: Node[] };

type Token =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; v: string }
  | { k: 'id'; v: string }
  | { k: 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i));
      if (!m) throw new FormulaSyntaxError(`onverwacht teken '${c}'`);
      out.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw new FormulaSyntaxError('tekst zonder afsluitend "');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += src[j];
        j++;
      }
      out.push({ k: 'str', v: text });
      i = j + 1;
    } else if (c === '[') {
      const end = src.indexOf(']', i);
      if (end === -1) throw new FormulaSyntaxError('kolomnaam zonder ]');
      out.push({ k: 'ref', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ k: 'id', v: m[0].toUpperCase() });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (two === '<>' || two === '<=' || two === '>=') {
        out.push({ k: 'op', v: two });
        i += 2;
      } else if ('=<>&+-*/(),'.includes(c)) {
        out.push({ k: 'op', v: c });
        i++;
      } else {
        throw new FormulaSyntaxError(`onverwacht teken '${c}'`);
      }
    }
  }
  return out;
}

const FUNCTIONS: Record<string, { min: number; max: number }> = {
  AND: { min: 1, max: 30 },
  OR: { min: 1, max: 30 },
  NOT: { min: 1, max: 1 },
  IF: { min: 2, max: 3 },
  ISBLANK: { min: 1, max: 1 },
  ISERROR: { min: 1, max: 1 },
  ISNUMBER: { min: 1, max: 1 },
  LEN: { min: 1, max: 1 },
  LOWER: { min: 1, max: 1 },
  UPPER: { min: 1, max: 1 },
  TRIM: { min: 1, max: 1 },
  EXACT: { min: 2, max: 2 },
  FIND: { min: 2, max: 3 },
  LEFT: { min: 1, max: 2 },
  RIGHT: { min: 1, max: 2 },
  INT: { min: 1, max: 1 },
  SUBSTITUTE: { min: 3, max: 3 },
};

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.comparison();
    if (this.pos < this.tokens.length)
      throw new FormulaSyntaxError('onverwacht einde van de formule');
    return node;
  }

  private peekOp(...ops: string[]): string | null {
    const t = this.tokens[this.pos];
    return t && t.k === 'op' && ops.includes(t.v) ? t.v : null;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let left = next();
    for (let op = this.peekOp(...ops); op !== null; op = this.peekOp(...ops)) {
      this.pos++;
      left = { t: 'bin', op, l: left, r: next() };
    }
    return left;
  }

  private comparison = (): Node => this.binary(this.concat, ['=', '<>', '<', '>', '<=', '>=']);
  private concat = (): Node => this.binary(this.additive, ['&']);
  private additive = (): Node => this.binary(this.term, ['+', '-']);
  private term = (): Node => this.binary(this.unary, ['*', '/']);

  private unary = (): Node => {
    if (this.peekOp('-')) {
      this.pos++;
      return { t: 'neg', e: this.unary() };
    }
    return this.primary();
  };

  private primary(): Node {
    const t = this.tokens[this.pos++];
    if (!t) throw new FormulaSyntaxError('onvolledige formule');
    if (t.k === 'num' || t.k === 'str') return { t: 'lit', v: t.v };
    if (t.k === 'ref') return { t: 'ref', name: t.v };
    if (t.k === 'op' && t.v === '(') {
      const inner = this.comparison();
      this.expect(')');
      return inner;
    }
    if (t.k === 'id') {
      if (t.v === 'TRUE' || t.v === 'FALSE') {
        if (this.peekOp('(')) {
          this.pos++;
          this.expect(')');
        }
        return { t: 'lit', v: t.v === 'TRUE' };
      }
      const spec = FUNCTIONS[t.v];
      if (!spec)
        throw new FormulaSyntaxError(`functie ${t.v} wordt door de emulator niet ondersteund`);
      this.expect('(');
      const args: Node[] = [];
      if (!this.peekOp(')')) {
        args.push(this.comparison());
        while (this.peekOp(',')) {
          this.pos++;
          args.push(this.comparison());
        }
      }
      this.expect(')');
      if (args.length < spec.min || args.length > spec.max) {
        throw new FormulaSyntaxError(`${t.v} met ${args.length} argument(en)`);
      }
      return { t: 'call', fn: t.v, args };
    }
    throw new FormulaSyntaxError(`onverwacht '${t.v}'`);
  }

  private expect(op: string): void {
    const t = this.tokens[this.pos++];
    if (!t || t.k !== 'op' || t.v !== op) throw new FormulaSyntaxError(`'${op}' verwacht`);
  }
}

export interface CompiledFormula {
  /** The columns the formula refers to, as written between brackets. */
  references: string[];
  evaluate(values: (column: string) => FormulaValue): FormulaValue;
}

export function compileFormula(formula: string): CompiledFormula {
  const src = formula.trim();
  if (!src.startsWith('=')) throw new FormulaSyntaxError('een formule begint met =');
  const ast = new Parser(tokenize(src.slice(1))).parse();
  const references = new Set<string>();
  const walk = (n: Node): void => {
    if (n.t === 'ref') references.add(n.name);
    else if (n.t === 'neg') walk(n.e);
    else if (n.t === 'bin') {
      walk(n.l);
      walk(n.r);
    } else if (n.t === 'call') n.args.forEach(walk);
  };
  walk(ast);
  return {
    references: [...references],
    evaluate: (values) => evaluate(ast, values),
  };
}

const isError = (v: FormulaValue): v is FormulaErrorValue => v instanceof FormulaErrorValue;
const VALUE = new FormulaErrorValue('#VALUE!');

function text(v: Exclude<FormulaValue, FormulaErrorValue>): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function num(v: Exclude<FormulaValue, FormulaErrorValue>): number | FormulaErrorValue {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : VALUE;
}

function bool(v: Exclude<FormulaValue, FormulaErrorValue>): boolean | FormulaErrorValue {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const u = v.toUpperCase();
  return u === 'TRUE' ? true : u === 'FALSE' ? false : VALUE;
}

function compare(op: string, a: FormulaValue, b: FormulaValue): FormulaValue {
  if (isError(a)) return a;
  if (isError(b)) return b;
  let c: number;
  if ((typeof a === 'number' || a === null) && (typeof b === 'number' || b === null)) {
    c = (a ?? 0) - (b ?? 0);
  } else if (typeof a === 'number' || typeof b === 'number') {
    // Excel: a number is smaller than any text; blank next to text is "".
    if (a === null || b === null) c = text(a ?? '').localeCompare(text(b ?? ''));
    else c = typeof a === 'number' ? -1 : 1;
  } else {
    const x = text(a).toLowerCase();
    const y = text(b).toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

function evaluate(n: Node, values: (column: string) => FormulaValue): FormulaValue {
  const ev = (x: Node): FormulaValue => evaluate(x, values);
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'ref':
      return values(n.name);
    case 'neg': {
      const v = ev(n.e);
      if (isError(v)) return v;
      const x = num(v);
      return isError(x) ? x : -x;
    }
    case 'bin': {
      const l = ev(n.l);
      const r = ev(n.r);
      if (['=', '<>', '<', '>', '<=', '>='].includes(n.op)) return compare(n.op, l, r);
      if (isError(l)) return l;
      if (isError(r)) return r;
      if (n.op === '&') return text(l) + text(r);
      const a = num(l);
      const b = num(r);
      if (isError(a)) return a;
      if (isError(b)) return b;
      if (n.op === '+') return a + b;
      if (n.op === '-') return a - b;
      if (n.op === '*') return a * b;
      return b === 0 ? new FormulaErrorValue('#DIV/0!') : a / b;
    }
    case 'call':
      return call(n.fn, n.args, ev);
  }
}

function call(fn: string, args: Node[], ev: (x: Node) => FormulaValue): FormulaValue {
  if (fn === 'ISERROR') return isError(ev(args[0] as Node));
  if (fn === 'IF') {
    const c = ev(args[0] as Node);
    if (isError(c)) return c;
    const b = bool(c);
    if (isError(b)) return b;
    return b ? ev(args[1] as Node) : args[2] ? ev(args[2]) : false;
  }
  const vals = args.map(ev);
  const err = vals.find(isError);
  if (err) return err;
  const v = vals as Array<Exclude<FormulaValue, FormulaErrorValue>>;
  const a0 = v[0] ?? null;
  switch (fn) {
    case 'AND':
    case 'OR': {
      const bs = v.map(bool);
      const e = bs.find(isError);
      if (e) return e;
      return fn === 'AND' ? bs.every((b) => b === true) : bs.some((b) => b === true);
    }
    case 'NOT': {
      const b = bool(a0);
      return isError(b) ? b : !b;
    }
    case 'ISBLANK':
      return a0 === null || a0 === '';
    case 'ISNUMBER':
      return typeof a0 === 'number';
    case 'LEN':
      return text(a0).length;
    case 'LOWER':
      return text(a0).toLowerCase();
    case 'UPPER':
      return text(a0).toUpperCase();
    case 'TRIM':
      return text(a0).trim().replace(/ {2,}/g, ' ');
    case 'EXACT':
      return text(a0) === text(v[1] ?? null);
    case 'FIND': {
      const start = v[2] === undefined ? 1 : num(v[2]);
      if (isError(start)) return start;
      const at = text(v[1] ?? null).indexOf(text(a0), start - 1);
      return at === -1 ? VALUE : at + 1;
    }
    case 'LEFT':
    case 'RIGHT': {
      const count = v[1] === undefined ? 1 : num(v[1]);
      if (isError(count)) return count;
      if (count < 0) return VALUE;
      const s = text(a0);
      return fn === 'LEFT' ? s.slice(0, count) : count === 0 ? '' : s.slice(-count);
    }
    case 'INT': {
      const x = num(a0);
      return isError(x) ? x : Math.floor(x);
    }
    case 'SUBSTITUTE': {
      // Excel leaves the text as it is when there is nothing to replace.
      const from = text(v[1] ?? null);
      return from === ''
        ? text(a0)
        : text(a0)
            .split(from)
            .join(text(v[2] ?? null));
    }
  }
  return VALUE;
}

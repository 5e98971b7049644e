/**
 * The subset of OData `$filter` that SharePoint list items answer through Graph: comparisons
 * (eq ne lt gt le ge) of a property path with a literal, `and`/`or`/`not`, parentheses and
 * `startswith(path,'text')`. Parsing is separate from evaluation so the grammar can be tested
 * on its own and the query compiler only sees a checked tree.
 */

export type CompareOp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  /** An unquoted ISO date or date-time (`2024-01-31T10:00:00Z`), as OData writes them. */
  | { type: 'datetime'; value: string };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; path: string[]; value: Literal }
  | { kind: 'startswith'; path: string[]; value: string };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: number; at: number }
  | { t: 'datetime'; v: string; at: number }
  | { t: 'punct'; v: '(' | ')' | ',' | '/'; at: number }
  | { t: 'end'; at: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === '/') {
      tokens.push({ t: 'punct', v: ch, at: i });
      i++;
      continue;
    }
    if (ch === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError('unterminated string literal', start);
        const c = input[i] as string;
        if (c === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ t: 'string', v: value, at: start });
      continue;
    }
    const rest = input.slice(i);
    const dt = DATETIME.exec(rest);
    // A bare year-month-day is a date literal; "2024" alone stays a number.
    if (dt && dt[0].length >= 10) {
      tokens.push({ t: 'datetime', v: dt[0], at: i });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ t: 'number', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      tokens.push({ t: 'ident', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${ch}'`, i);
  }
  tokens.push({ t: 'end', at: input.length });
  return tokens;
}

const COMPARE_OPS = new Set<CompareOp>(['eq', 'ne', 'lt', 'gt', 'le', 'ge']);

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const isWord = (tok: Token, word: string): boolean =>
    tok.t === 'ident' && tok.v.toLowerCase() === word;
  const expectPunct = (v: string): void => {
    const tok = next();
    if (tok.t !== 'punct' || tok.v !== v) {
      throw new FilterSyntaxError(`expected '${v}'`, tok.at);
    }
  };

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): FilterNode {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): FilterNode {
    if (isWord(peek(), 'not')) {
      next();
      return { kind: 'not', operand: parseUnary() };
    }
    return parsePrimary();
  }

  function parsePath(): string[] {
    const first = next();
    if (first.t !== 'ident') throw new FilterSyntaxError('expected a property name', first.at);
    const path = [first.v];
    while (peek().t === 'punct' && (peek() as { v: string }).v === '/') {
      next();
      const seg = next();
      if (seg.t !== 'ident')
        throw new FilterSyntaxError('expected a property name after /', seg.at);
      path.push(seg.v);
    }
    return path;
  }

  function parseLiteral(): Literal {
    const tok = next();
    switch (tok.t) {
      case 'string':
        return { type: 'string', value: tok.v };
      case 'number':
        return { type: 'number', value: tok.v };
      case 'datetime':
        return { type: 'datetime', value: tok.v };
      case 'ident': {
        const w = tok.v.toLowerCase();
        if (w === 'true' || w === 'false') return { type: 'boolean', value: w === 'true' };
        if (w === 'null') return { type: 'null' };
        throw new FilterSyntaxError(
          `expected a literal value, found '${tok.v}' (comparing two properties is not supported)`,
          tok.at,
        );
      }
      default:
        throw new FilterSyntaxError('expected a literal value', tok.at);
    }
  }

  function parsePrimary(): FilterNode {
    const tok = peek();
    if (tok.t === 'punct' && tok.v === '(') {
      next();
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (
      tok.t === 'ident' &&
      tokens[pos + 1]?.t === 'punct' &&
      (tokens[pos + 1] as { v: string }).v === '('
    ) {
      const fn = tok.v.toLowerCase();
      if (fn !== 'startswith') {
        throw new FilterSyntaxError(`the function '${tok.v}' is not supported`, tok.at);
      }
      next();
      next();
      const path = parsePath();
      expectPunct(',');
      const lit = parseLiteral();
      if (lit.type !== 'string') throw new FilterSyntaxError('startswith needs a string', tok.at);
      expectPunct(')');
      return { kind: 'startswith', path, value: lit.value };
    }
    if (tok.t !== 'ident') throw new FilterSyntaxError('expected a property name', tok.at);
    const path = parsePath();
    const opTok = next();
    if (opTok.t !== 'ident' || !COMPARE_OPS.has(opTok.v.toLowerCase() as CompareOp)) {
      throw new FilterSyntaxError(
        'expected a comparison operator (eq, ne, lt, gt, le, ge)',
        opTok.at,
      );
    }
    const value = parseLiteral();
    return { kind: 'compare', op: opTok.v.toLowerCase() as CompareOp, path, value };
  }

  const tree = parseOr();
  const end = peek();
  if (end.t !== 'end') throw new FilterSyntaxError('unexpected text after the expression', end.at);
  return tree;
}

/** Every property path the filter refers to (for the index rule). */
export function filterPaths(node: FilterNode): string[][] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterPaths(node.left), ...filterPaths(node.right)];
    case 'not':
      return filterPaths(node.operand);
    case 'compare':
    case 'startswith':
      return [node.path];
  }
}

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  CONTENT_HASH_PATTERN,
  canonicalContentJson,
  canonicalJson,
  contentHash,
  contentOf,
} from '../../src/domain/content-hash';
import { functionDescriptionSchema, type FunctionDescription } from '../../src/domain/schema';
import { clone, deskundigeIct } from './fixture';

const nodeHash = (text: string): string =>
  `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** Same members, every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: 'x y' } })).toBe(
      '{"a":{"c":"x y","d":[3,1,2]},"b":1}',
    );
  });

  it('drops undefined properties but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('writes numbers as JSON numbers', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, -3, 2])).toBe('[0,0,1.5,1e+21,-3,2]');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "quoted" \\ tab\t' })).toBe(
      '{"k\\"":"line\\nbreak \\"quoted\\" \\\\ tab\\t"}',
    );
  });

  it.each([
    ['NaN', { level: NaN }, '$.level'],
    ['Infinity', [1, Infinity], '$[1]'],
    ['-Infinity', { a: { b: -Infinity } }, '$.a.b'],
  ])('rejects %s and says where it is', (_name, value, path) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(path);
  });

  it.each([
    ['undefined at the top', undefined],
    ['undefined in an array', [1, undefined]],
    ['a hole in an array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('x') }],
    ['a bigint', { n: 1n }],
    ['a Date', { d: new Date(0) }],
    ['a Map', { m: new Map() }],
  ])('rejects %s instead of silently changing it', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('rejects cycles but accepts a shared, acyclic value', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow('verwijst naar zichzelf');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"z":1}');
  });

  it('is valid JSON for the same value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('contentOf', () => {
  it('leaves out the approval and nothing else', () => {
    const d = deskundigeIct();
    const content = contentOf(d);
    expect(content).not.toHaveProperty('approval');
    expect(content).toEqual(
      Object.fromEntries(Object.entries(d).filter(([field]) => field !== 'approval')),
    );
  });

  it('leaves out properties the schema does not know', () => {
    const d = { ...deskundigeIct(), itemId: '17', eTag: '"abc,3"' } as FunctionDescription;
    expect(Object.keys(contentOf(d))).not.toContain('itemId');
  });
});

describe('contentHash', () => {
  it('is "sha256:" and 64 hex digits, the SHA-256 of the canonical content JSON', async () => {
    const d = deskundigeIct();
    const hash = await contentHash(d);
    expect(hash).toMatch(CONTENT_HASH_PATTERN);
    expect(hash).toBe(nodeHash(canonicalContentJson(d)));
  });

  it('is pinned: the canonical form of stored approvals must never drift', async () => {
    const d = functionDescriptionSchema.parse({
      schemaVersion: 1,
      key: 'x',
      kind: 'functieprofiel',
      title: 'Café',
      organisation: null,
      department: null,
      service: null,
      grade: null,
      careerPath: null,
      purpose: null,
      mainTasks: [],
      position: null,
      resultAreas: [{ title: 'Rapporteren', tasks: [] }],
      competencies: [],
      technicalKnowledge: ['Excel'],
      approval: { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' },
    });
    const expected =
      '{"careerPath":null,"competencies":[],"department":null,"grade":null,"key":"x",' +
      '"kind":"functieprofiel","mainTasks":[],"organisation":null,"position":null,"purpose":null,' +
      '"resultAreas":[{"tasks":[],"title":"Rapporteren"}],"schemaVersion":1,"service":null,' +
      '"technicalKnowledge":["Excel"],"title":"Café"}';
    expect(canonicalContentJson(d)).toBe(expected);
    expect(await contentHash(d)).toBe(nodeHash(expected));
  });

  it('ignores the approval: approved and unapproved copies hash the same', async () => {
    const d = deskundigeIct();
    const other = {
      ...clone(d),
      approval: { approvedBy: 'iemand anders', decisionDate: '2024-01-01' },
    };
    const none = { ...clone(d), approval: null };
    const hash = await contentHash(d);
    expect(await contentHash(other)).toBe(hash);
    expect(await contentHash(none)).toBe(hash);
    expect(await contentHash(contentOf(d))).toBe(hash);
  });

  it('does not depend on the order of the fields', async () => {
    const d = deskundigeIct();
    expect(await contentHash(reverseKeys(d) as FunctionDescription)).toBe(await contentHash(d));
  });

  it('changes when one level changes', async () => {
    const d = deskundigeIct();
    const changed = clone(d);
    changed.competencies[2]!.requiredLevel = 3;
    expect(await contentHash(changed)).not.toBe(await contentHash(d));
  });

  it('changes when only white space changes: the approved text is the exact text', async () => {
    const d = deskundigeIct();
    const changed = clone(d);
    changed.resultAreas[0]!.tasks[0] += ' ';
    expect(await contentHash(changed)).not.toBe(await contentHash(d));
  });

  it('changes when two tasks swap places', async () => {
    const d = deskundigeIct();
    const changed = clone(d);
    changed.mainTasks.reverse();
    expect(await contentHash(changed)).not.toBe(await contentHash(d));
  });

  it('treats composed and decomposed accents as the same text (NFC)', async () => {
    const composed = { ...deskundigeIct(), title: 'Coördinator café' };
    const decomposed = { ...deskundigeIct(), title: 'Coördinator café'.normalize('NFD') };
    expect(decomposed.title).not.toBe(composed.title);
    expect(await contentHash(decomposed)).toBe(await contentHash(composed));
    expect(canonicalContentJson(decomposed)).toContain('Coördinator café');
  });

  describe('without crypto.subtle', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    afterEach(() => {
      if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor);
    });

    it('falls back to the pure SHA-256 and gives the same hash', async () => {
      const d = deskundigeIct();
      const expected = nodeHash(canonicalContentJson(d));
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
      expect(await contentHash(d)).toBe(expected);
      Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
      expect(await contentHash(d)).toBe(expected);
    });

    it('falls back when crypto.subtle refuses to digest', async () => {
      const d = deskundigeIct();
      const digest = jest.fn(() => Promise.reject(new Error('NotSupportedError')));
      Object.defineProperty(globalThis, 'crypto', {
        value: { subtle: { digest } },
        configurable: true,
      });
      expect(await contentHash(d)).toBe(nodeHash(canonicalContentJson(d)));
      expect(digest).toHaveBeenCalled();
    });
  });
});

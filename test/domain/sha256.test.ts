import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, utf8Encode } from '../../src/domain/sha256';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const nodeSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex(utf8(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(utf8('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes one million "a"s (a 1 MB string) as the standard says', () => {
    expect(sha256Hex(utf8('a'.repeat(1_000_000)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with Node on a 1 MB string of mixed Dutch text', () => {
    const text = 'Goedkeuring besluit algemeen directeur — “één” ☒ ‒ Kan … '
      .repeat(20_000)
      .slice(0, 1_000_000);
    const bytes = utf8(text);
    expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
  });

  it('agrees with Node at every length around the 64-byte block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
    }
  });

  it('agrees with Node on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on where the bytes sit in their buffer', () => {
    const backing = utf8('xxabcxx');
    expect(sha256Hex(backing.subarray(2, 5))).toBe(sha256Hex(utf8('abc')));
  });
});

describe('utf8Encode', () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'TextEncoder');
  afterEach(() => {
    if (descriptor) Object.defineProperty(globalThis, 'TextEncoder', descriptor);
  });
  const withoutTextEncoder = (text: string): Uint8Array => {
    Object.defineProperty(globalThis, 'TextEncoder', { value: undefined, configurable: true });
    try {
      return utf8Encode(text);
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'TextEncoder', descriptor);
    }
  };

  it('encodes like TextEncoder when TextEncoder is missing, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(Array.from(withoutTextEncoder(text))).toEqual(
          Array.from(new TextEncoder().encode(text)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('replaces lone surrogates with U+FFFD, as TextEncoder does', () => {
    for (const text of ['a\ud800', '\udc00b', '\ud800\ud800\udc00', 'é€😀']) {
      expect(Array.from(withoutTextEncoder(text))).toEqual(
        Array.from(new TextEncoder().encode(text)),
      );
    }
  });
});

import type { FunctionContent, FunctionDescription } from './schema';
import { sha256Hex, utf8Encode } from './sha256';
import { nfc } from './text';

/**
 * The content hash binds an approval to exactly the content that was approved (DESIGN §3). It
 * must come out the same in the Teams tab (browser) and in Node (CLI, emulator), and the same
 * whatever order SharePoint or the importer happened to put the fields in.
 */

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does) at
 * every depth, no white space, arrays in order, `undefined` properties dropped, numbers as
 * JavaScript prints them. Close to RFC 8785 (JCS), which also leaves strings as they are.
 *
 * Anything JSON cannot carry faithfully is rejected rather than silently changed, because a value
 * that serialises the same as another would hash the same: NaN/Infinity, `undefined` in an array
 * or at the top, functions, symbols, bigints, class instances (Date, Map, …) and cycles.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', (s) => s, new Set());
}

/**
 * The exact text that `contentHash` digests: the canonical JSON of the content (approval left
 * out, unknown properties left out) with every string in NFC. Store this as the snapshot of an
 * approved version, so the snapshot can be checked against the decision's hash later.
 *
 * Why NFC: the same word can arrive precomposed ("ë") or decomposed ("e" + U+0308) depending on
 * whether it came from a PDF, Word, macOS or a browser form; it looks identical to every reader,
 * so it must not make a role "gewijzigd sinds goedkeuring". NFC of assigned characters is stable
 * across Unicode versions, so browser and Node agree.
 */
export function canonicalContentJson(d: FunctionDescription | FunctionContent): string {
  return serialise(contentOf(d), '$', nfc, new Set());
}

/** `"sha256:"` followed by 64 lower-case hex digits. */
export type ContentHash = `sha256:${string}`;

export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The hash of a role's content; a description that differs only in `approval` hashes the same. */
export async function contentHash(d: FunctionDescription | FunctionContent): Promise<ContentHash> {
  const bytes = utf8Encode(canonicalContentJson(d));
  return `sha256:${await digestHex(bytes)}`;
}

// Exhaustive at compile time: adding a field to the schema without deciding here is an error.
const CONTENT_FIELDS = {
  schemaVersion: true,
  key: true,
  kind: true,
  title: true,
  organisation: true,
  department: true,
  service: true,
  grade: true,
  careerPath: true,
  purpose: true,
  mainTasks: true,
  position: true,
  resultAreas: true,
  competencies: true,
  technicalKnowledge: true,
} as const satisfies Record<keyof FunctionContent, true>;

/**
 * The content an approval is bound to. Fields are picked, not copied wholesale, so that metadata
 * a caller hangs on the object (a list item id, an eTag) cannot change the hash.
 */
export function contentOf(d: FunctionDescription | FunctionContent): FunctionContent {
  const picked: Partial<Record<keyof FunctionContent, unknown>> = {};
  for (const field of Object.keys(CONTENT_FIELDS) as (keyof FunctionContent)[]) {
    picked[field] = d[field];
  }
  return picked as FunctionContent;
}

async function digestHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle) {
    try {
      const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    } catch {
      // A present but unusable SubtleCrypto (seen in some test DOMs): the fallback gives the same digest.
    }
  }
  return sha256Hex(bytes);
}

function serialise(
  value: unknown,
  path: string,
  mapString: (s: string) => string,
  ancestors: Set<object>,
): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(mapString(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`Canonieke JSON: ${path} is geen eindig getal (${String(value)}).`);
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(
        `Canonieke JSON: ${path} heeft een type dat JSON niet kent (${typeof value}).`,
      );
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) {
    throw new TypeError(`Canonieke JSON: ${path} verwijst naar zichzelf.`);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) {
          throw new TypeError(`Canonieke JSON: ${path}[${i}] is undefined.`);
        }
        items.push(serialise(item, `${path}[${i}]`, mapString, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    if (!isPlainObject(value)) {
      throw new TypeError(`Canonieke JSON: ${path} is geen gewoon object.`);
    }
    const record = value as Record<string, unknown>;
    // Sort by the key as written out, so that NFC cannot reorder members behind our back.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .map((key) => ({ key, written: mapString(key) }))
      .sort((a, b) => (a.written < b.written ? -1 : a.written > b.written ? 1 : 0));
    const members: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const { key, written } = keys[i]!;
      if (i > 0 && keys[i - 1]!.written === written) {
        throw new TypeError(`Canonieke JSON: ${path} heeft de sleutel "${written}" twee keer.`);
      }
      members.push(
        `${JSON.stringify(written)}:${serialise(record[key], `${path}.${key}`, mapString, ancestors)}`,
      );
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * A plain object from any realm: a structured clone, an iframe or a test VM has its own
 * `Object.prototype`, so compare shapes rather than identities. Dates, Maps and class instances
 * have a prototype chain one step longer and are rejected.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    (Object.getPrototypeOf(proto) === null &&
      Object.prototype.toString.call(value) === '[object Object]')
  );
}

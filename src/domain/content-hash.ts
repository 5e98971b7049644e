import { CONTENT_FIELDS, type FieldSince, type ShapeRules } from './content-fields';
import { isDefaultLevelScale, type FunctionContent, type FunctionDescription } from './schema';
import { sha256Hex, utf8Encode } from './sha256';
import { nfc } from './text';

export * from './content-fields';

/**
 * The content hash binds an approval to exactly the content that was approved (DESIGN §3). It
 * must come out the same in the Teams tab (browser) and in Node (CLI, emulator), and the same
 * whatever order SharePoint or the importer happened to put the fields in.
 *
 * It must also survive a growing model. Hashes are stored, not recomputed: in every decision
 * (Besluiten.InhoudHash, beside its snapshot), every request, and Functies.InhoudHash, which the
 * catalogue compares with the decisions without reading the content again. A new field that is
 * simply serialised — `competencies[].code: null` on every competency — would change the hash of
 * every role, and every approval would read "gewijzigd sinds goedkeuring". Rewriting the stored
 * columns is no way out: a decision is the director's word on a hash, not ours to re-issue.
 *
 * So the canonical form is defined by a field registry (content-fields.ts), shape by shape:
 * - fields of the version-1 model (`'v1'`) are written exactly as they always were, nulls and
 *   empty lists included; today's content hashes exactly as before, so no stored hash moves;
 * - fields added later (`'added'`) are written only when they hold something, at every depth;
 *   content that leaves them empty — every role stored before they existed, and every snapshot,
 *   which parses with the new field empty — writes the same text and keeps its hash; filling
 *   one changes the hash, as any edit of approved content must;
 * - anything the registry does not name (an item id, an eTag hung on the object) is left out.
 * An added field must therefore mean "not stated" when empty: a new yes/no question is a
 * nullable choice, not a boolean defaulting to false (false is a value and is written).
 *
 * Schema version 2 (level scales, grade text as written) follows the same rule with one step
 * before it, `canonicalVersionForm`: content that version 1 could express (scale 0–3 without
 * titles, no grade text as written) is written as version 1 — `"schemaVersion":1`, no scale —
 * so every role of before keeps its hash, and its snapshot still reads as a version-1 document.
 * Content with anything version 2 alone can say is written with `"schemaVersion":2` and its
 * scale, so a 1–5 document never hashes like the same words on 0–3.
 *
 * `sha256:` names this form (canonical form 1 with the rule above). Should the rule itself ever
 * have to change, the new form gets its own tag (e.g. `sha256-2:`) in the hash string, and every
 * verifier recomputes a stored hash in the form its tag names; until then there is one form and
 * comparing hash strings is enough. docs/approval.md, "Wanneer het model groeit".
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

/** `"sha256:"` followed by 64 lower-case hex digits. */
export type ContentHash = `sha256:${string}`;

export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The content functions for one field registry; the product's are exported below. */
export interface ContentHasher<C extends object> {
  /**
   * The content an approval is bound to: the registry's fields at every depth (objects rebuilt,
   * other values shared). Fields are picked, not copied wholesale, so that metadata a caller
   * hangs on the object (a list item id, an eTag, the approval) cannot change the hash.
   */
  contentOf(d: C): C;
  /**
   * The exact text that `contentHash` digests: the canonical JSON of the content (approval left
   * out, unknown properties left out, added fields only when filled) with every string in NFC.
   * Store this as the snapshot of an approved version, so the snapshot can be checked against the
   * decision's hash later.
   *
   * Why NFC: the same word can arrive precomposed ("ë") or decomposed ("e" + U+0308) depending on
   * whether it came from a PDF, Word, macOS or a browser form; it looks identical to every reader,
   * so it must not make a role "gewijzigd sinds goedkeuring". NFC of assigned characters is stable
   * across Unicode versions, so browser and Node agree.
   */
  canonicalContentJson(d: C): string;
  /** The hash of a role's content; a description that differs only in `approval` hashes the same. */
  contentHash(d: C): Promise<ContentHash>;
}

/**
 * A hasher over `fields`. The product uses `CONTENT_FIELDS`; a test extends the schema and the
 * registry together to check that a new, empty field leaves every existing hash alone.
 */
export function createContentHasher<C extends object>(
  fields: ShapeRules<C>,
  options: {
    /** Rewrites the content before the fields are picked for the canonical form (not for `contentOf`). */
    canonicalForm?: (d: C) => object;
  } = {},
): ContentHasher<C> {
  // The mapped type proves every field has a rule; walking the rules needs only their shape.
  const shape = fields as unknown as Shape;
  const inForm = options.canonicalForm ?? ((d: C): object => d);
  const canonicalContentJson = (d: C): string =>
    serialise(pickFields(inForm(d), shape, true), '$', nfc, new Set());
  return {
    contentOf: (d) => pickFields(d, shape, false) as C,
    canonicalContentJson,
    async contentHash(d) {
      return `sha256:${await digestHex(utf8Encode(canonicalContentJson(d)))}`;
    },
  };
}

/**
 * Can version 1 of the format say all of this? Then the canonical form is version 1's: the scale
 * left out, `schemaVersion` 1 (see the comment at the top). The version-2 fields are 'added', so
 * empty ones are left out anyway; only the scale, never empty, needs this step.
 */
export function isExpressibleInVersion1(d: FunctionContent): boolean {
  return (
    (d.levelScale === undefined || isDefaultLevelScale(d.levelScale)) &&
    (d.gradeAsWritten ?? null) === null &&
    (d.careerPathAsWritten ?? null) === null
  );
}

/** The product's step before the canonical form; a test extending the model reuses it. */
export function canonicalVersionForm<C extends FunctionContent>(d: C): object {
  if (!isExpressibleInVersion1(d)) return { ...d, schemaVersion: 2 };
  return { ...d, schemaVersion: 1, levelScale: undefined };
}

const productHasher = createContentHasher<FunctionContent>(CONTENT_FIELDS, {
  canonicalForm: canonicalVersionForm,
});

/** See `ContentHasher.canonicalContentJson`. */
export function canonicalContentJson(d: FunctionDescription | FunctionContent): string {
  return productHasher.canonicalContentJson(d);
}

/** See `ContentHasher.contentHash`. */
export function contentHash(d: FunctionDescription | FunctionContent): Promise<ContentHash> {
  return productHasher.contentHash(d);
}

/** See `ContentHasher.contentOf`. */
export function contentOf(d: FunctionDescription | FunctionContent): FunctionContent {
  return productHasher.contentOf(d);
}

interface Shape {
  readonly [field: string]: FieldSince | { readonly since: FieldSince; readonly shape: Shape };
}

/**
 * The registry's fields of `record`, nested shapes picked in turn. `undefined` is left out (as
 * canonical JSON always did); with `dropEmptyAdded`, so is an added field that holds nothing.
 */
function pickFields(record: object, shape: Shape, dropEmptyAdded: boolean): object {
  const source = record as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(shape)) {
    const since = typeof rule === 'string' ? rule : rule.since;
    let value = source[field];
    if (typeof rule !== 'string') value = pickNested(value, rule.shape, dropEmptyAdded);
    if (value === undefined || (dropEmptyAdded && since === 'added' && isEmpty(value))) continue;
    picked[field] = value;
  }
  return picked;
}

function pickNested(value: unknown, shape: Shape, dropEmptyAdded: boolean): unknown {
  // Anything but a plain object is left for `serialise` to accept (null) or reject (a Date, …).
  const pick = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && isPlainObject(v)
      ? pickFields(v, shape, dropEmptyAdded)
      : v;
  // `map` keeps holes, which `serialise` then rejects as it always did.
  return Array.isArray(value) ? value.map(pick) : pick(value);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return (
    typeof value === 'object' &&
    isPlainObject(value) &&
    Object.values(value).every((v) => v === undefined)
  );
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

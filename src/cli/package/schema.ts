import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * The official Teams app manifest schemas, as bundled in `@microsoft/app-manifest`.
 *
 * `AppManifestUtils.validateAgainstSchema(manifest)` without a schema resolves `$schema`: it
 * looks for a bundled copy first but falls back to fetching the URL, so a typo in `$schema`
 * would silently make packaging depend on the network. We always load the bundled file
 * ourselves and pass it in, so validation is offline by construction.
 */

export type SchemaKind = 'manifest' | 'localization';

const SCHEMA_FILES: Record<SchemaKind, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

export const SCHEMA_URL_PREFIX = 'https://developer.microsoft.com/json-schemas/teams/';

function teamsSchemaRoot(): string {
  // The package's main is build/index.js; its schemas live beside it.
  const main = require.resolve('@microsoft/app-manifest');
  return path.join(path.dirname(main), 'json-schemas', 'teams');
}

function parseVersion(version: string): [number, number] | null {
  const match = /^v?(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Released manifest versions bundled with the installed package, oldest first (no devPreview). */
export function bundledManifestVersions(): string[] {
  return readdirSync(teamsSchemaRoot())
    .map((entry) => ({ entry, version: parseVersion(entry) }))
    .filter(
      (item): item is { entry: string; version: [number, number] } =>
        item.version !== null &&
        existsSync(path.join(teamsSchemaRoot(), item.entry, SCHEMA_FILES.manifest)),
    )
    .sort((a, b) => a.version[0] - b.version[0] || a.version[1] - b.version[1])
    .map((item) => `${item.version[0]}.${item.version[1]}`);
}

export function newestBundledManifestVersion(): string {
  const versions = bundledManifestVersions();
  const newest = versions[versions.length - 1];
  if (!newest) throw new Error('@microsoft/app-manifest bevat geen Teams-schema’s.');
  return newest;
}

export function schemaUrl(kind: SchemaKind, version: string): string {
  return `${SCHEMA_URL_PREFIX}v${version}/${SCHEMA_FILES[kind]}`;
}

/**
 * Escapes a `]` that closes no character class. Browsers read such a bracket as a literal, but
 * ajv compiles patterns with the `u` flag, where it is a syntax error: the localisation schema
 * (`activities.activityTypes\\[\\b(…)\\b]\\.description`) cannot be compiled as published.
 * Escaping it keeps the meaning the schema's authors intended.
 */
export function escapeLoneClosingBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char === '\\') {
      out += char + (pattern[i + 1] ?? '');
      i += 1;
    } else if (char === '[' && !inClass) {
      inClass = true;
      out += char;
    } else if (char === ']') {
      out += inClass ? char : '\\]';
      inClass = false;
    } else {
      out += char;
    }
  }
  return out;
}

function repairPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatterns);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') {
      out[key] = escapeLoneClosingBrackets(value);
    } else if (key === 'patternProperties' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([pattern, schema]) => [
          escapeLoneClosingBrackets(pattern),
          repairPatterns(schema),
        ]),
      );
    } else {
      out[key] = repairPatterns(value);
    }
  }
  return out;
}

/** The bundled schema, or null when this manifest version is not bundled. */
export function loadBundledSchema(kind: SchemaKind, version: string): object | null {
  if (!parseVersion(version)) return null;
  const file = path.join(teamsSchemaRoot(), `v${version}`, SCHEMA_FILES[kind]);
  if (!existsSync(file)) return null;
  return repairPatterns(JSON.parse(readFileSync(file, 'utf8'))) as object;
}

type BundledSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

export interface SchemaViolation {
  /** JSON pointer into the document, `/` for the document itself. */
  pointer: string;
  message: string;
}

/**
 * Validates with the library's own validator (ajv, as Teams' tooling configures it) against
 * an explicitly passed, bundled schema.
 */
export async function validateAgainstBundledSchema(
  document: unknown,
  schema: object,
): Promise<SchemaViolation[]> {
  // The library is typed for manifests; the localisation files go through the same validator.
  const errors = await AppManifestUtils.validateAgainstSchema(
    document as AppManifest,
    schema as BundledSchema,
  );
  // Each error reads "<instancePath> <message>. Details: {...}"; instancePath is a JSON
  // pointer, empty for the root, and never contains a space in a Teams manifest.
  return errors.map((line) => {
    const space = line.indexOf(' ');
    const pointer = space === -1 ? line : line.slice(0, space);
    const message = space === -1 ? '' : line.slice(space + 1);
    return { pointer: pointer === '' ? '/' : pointer, message: message.trim() };
  });
}

import { z } from 'zod';
import { GRAPH_SCOPES } from '../../auth/msal-scopes';
import type { PackageProblem } from './problems';
import {
  loadBundledSchema,
  schemaUrl,
  validateAgainstBundledSchema,
  type SchemaKind,
} from './schema';
import type { JsonValue } from './template';

/**
 * The checks of a filled manifest that its JSON schema does not make: what Teams refuses on
 * upload or at run time although the schema allows it (https, validDomains, nested app auth),
 * and the bundled schema itself for the manifest and its language files.
 */

/** What the checks below read of a manifest; lenient, because the schema has judged it already. */
export const manifestShape = z.object({
  manifestVersion: z.string(),
  $schema: z.string().optional(),
  version: z.string(),
  icons: z.object({ color: z.string(), outline: z.string(), color32x32: z.string().optional() }),
  localizationInfo: z
    .object({
      defaultLanguageFile: z.string().optional(),
      additionalLanguages: z
        .array(z.object({ languageTag: z.string(), file: z.string() }))
        .optional(),
    })
    .optional(),
  staticTabs: z
    .array(z.object({ contentUrl: z.string().optional(), websiteUrl: z.string().optional() }))
    .optional(),
  configurableTabs: z.array(z.object({ configurationUrl: z.string() })).optional(),
  validDomains: z.array(z.string()).optional(),
  webApplicationInfo: z
    .object({
      id: z.string(),
      nestedAppAuthInfo: z
        .array(z.object({ redirectUri: z.string(), scopes: z.array(z.string()) }))
        .optional(),
    })
    .optional(),
});
export type ManifestShape = z.infer<typeof manifestShape>;

export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function hostMatches(host: string, domain: string): boolean {
  const wanted = domain.toLowerCase();
  const actual = host.toLowerCase();
  return wanted.startsWith('*.') ? actual.endsWith(wanted.slice(1)) : actual === wanted;
}

/** Every URL Teams loads into the tab must be on a domain listed in `validDomains`. */
export function checkDomains(
  manifest: ManifestShape,
  file: string,
  problems: PackageProblem[],
): void {
  const domains = manifest.validDomains ?? [];
  const urls: Array<{ pointer: string; url: string }> = [];
  manifest.staticTabs?.forEach((tab, index) => {
    if (tab.contentUrl)
      urls.push({ pointer: `/staticTabs/${index}/contentUrl`, url: tab.contentUrl });
    if (tab.websiteUrl)
      urls.push({ pointer: `/staticTabs/${index}/websiteUrl`, url: tab.websiteUrl });
  });
  manifest.configurableTabs?.forEach((tab, index) => {
    urls.push({
      pointer: `/configurableTabs/${index}/configurationUrl`,
      url: tab.configurationUrl,
    });
  });
  for (const { pointer, url } of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push({ file, pointer, message: `"${url}" is geen geldig adres` });
      continue;
    }
    if (parsed.protocol !== 'https:') {
      problems.push({
        file,
        pointer,
        message: `"${url}" moet met https:// beginnen; Teams laadt niets anders`,
      });
    }
    if (!domains.some((domain) => hostMatches(parsed.host, domain))) {
      problems.push({
        file,
        pointer,
        message: `het domein ${parsed.host} staat niet in validDomains (${domains.join(', ') || 'leeg'}); controleer TAB_DOMAIN en TAB_ENDPOINT`,
      });
    }
  }
  domains.forEach((domain, index) => {
    if (/^[a-z]+:\/\//i.test(domain) || domain.includes('/')) {
      problems.push({
        file,
        pointer: `/validDomains/${index}`,
        message: `"${domain}" moet een domeinnaam zijn, zonder https:// en zonder pad`,
      });
    }
  });
}

/** Nested app auth: the prefetched token is only reused when the scopes match the tab's request. */
export function checkNestedAppAuth(
  manifest: ManifestShape,
  file: string,
  problems: PackageProblem[],
): void {
  manifest.webApplicationInfo?.nestedAppAuthInfo?.forEach((entry, index) => {
    const base = `/webApplicationInfo/nestedAppAuthInfo/${index}`;
    if (!/^brk-multihub:\/\/[^/\s]+$/.test(entry.redirectUri)) {
      problems.push({
        file,
        pointer: `${base}/redirectUri`,
        message: `"${entry.redirectUri}" moet brk-multihub://<domein van het tabblad> zijn, zonder pad`,
      });
    }
    if (entry.scopes.join(' ') !== GRAPH_SCOPES.join(' ')) {
      problems.push({
        file,
        pointer: `${base}/scopes`,
        message: `moet exact ${JSON.stringify(GRAPH_SCOPES)} zijn (zelfde volgorde als de aanvraag van het tabblad in src/auth/msal-scopes.ts), is ${JSON.stringify(entry.scopes)}`,
      });
    }
  });
}

export async function schemaProblems(
  kind: SchemaKind,
  version: string,
  document: JsonValue,
  file: string,
  problems: PackageProblem[],
): Promise<void> {
  const schema = loadBundledSchema(kind, version);
  if (!schema) return;
  for (const violation of await validateAgainstBundledSchema(document, schema)) {
    problems.push({ file, pointer: violation.pointer, message: violation.message });
  }
  if (
    document !== null &&
    typeof document === 'object' &&
    !Array.isArray(document) &&
    document.$schema !== undefined &&
    document.$schema !== schemaUrl(kind, version)
  ) {
    problems.push({
      file,
      pointer: '/$schema',
      message: `moet ${schemaUrl(kind, version)} zijn, zodat editors en Teams hetzelfde schema gebruiken als deze controle`,
    });
  }
}

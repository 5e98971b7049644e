// See build-package.test.ts: strip-bom is ESM-only and unused by packaging.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { GRAPH_SCOPES } from '../../src/auth/msal-scopes';
import { ACCENT_COLOR, renderColorIcon, renderOutlineIcon } from '../../src/cli/package/icon-art';
import { checkIcon } from '../../src/cli/package/icons';
import {
  bundledManifestVersions,
  escapeLoneClosingBrackets,
  loadBundledSchema,
  newestBundledManifestVersion,
  schemaUrl,
  validateAgainstBundledSchema,
} from '../../src/cli/package/schema';
import { fillTemplate, type JsonValue } from '../../src/cli/package/template';
import { REPO_ROOT } from './helpers';

const manifestDir = path.join(REPO_ROOT, 'manifest');
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(manifestDir, name), 'utf8'));

/** The parts of the template these tests read. */
interface Template {
  $schema: string;
  manifestVersion: string;
  accentColor: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  localizationInfo: { defaultLanguageTag: string };
  staticTabs: Array<{ name?: string; contentUrl?: string; websiteUrl?: string }>;
  configurableTabs: Array<{ configurationUrl: string }>;
  validDomains: string[];
  webApplicationInfo: { nestedAppAuthInfo: unknown[] };
  activities: { activityTypes: Array<{ description: string; templateText: string }> };
}
const readTemplate = () => readJson('manifest.template.json') as Template;
const readStrings = (name: string) => readJson(name) as Record<string, string>;

describe('the manifest template', () => {
  const template = readTemplate();

  it('is on the newest schema bundled in @microsoft/app-manifest, at least 1.22', () => {
    const newest = newestBundledManifestVersion();
    expect(template.manifestVersion).toBe(newest);
    expect(template.$schema).toBe(schemaUrl('manifest', newest));
    const [major, minor] = newest.split('.').map(Number);
    expect(major! > 1 || minor! >= 22).toBe(true);
    expect(bundledManifestVersions()).toContain('1.22');
  });

  it('has a personal static tab and a configurable channel tab', () => {
    expect(template.staticTabs[0]).toMatchObject({
      entityId: 'functiewijzer',
      scopes: ['personal'],
      contentUrl: '${{TAB_ENDPOINT}}/',
    });
    expect(template.configurableTabs).toEqual([
      expect.objectContaining({ scopes: ['team'], context: ['channelTab'] }),
    ]);
  });

  it('loads every tab page from the site root, so a plain static host needs no rewrite rules', () => {
    const filled = fillTemplate(readJson('manifest.template.json') as JsonValue, {
      TAB_ENDPOINT: 'https://functiewijzer.stad.be',
    }).value as unknown as Template;
    const urls = [
      ...filled.staticTabs.flatMap((tab) =>
        [tab.contentUrl, tab.websiteUrl].filter((u) => u !== undefined),
      ),
      ...filled.configurableTabs.map((tab) => tab.configurationUrl),
    ];
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(new URL(url).pathname).toBe('/');
  });

  it('asks nested app auth for exactly the scopes the tab requests', () => {
    expect(template.webApplicationInfo.nestedAppAuthInfo).toEqual([
      { redirectUri: 'brk-multihub://${{TAB_DOMAIN}}', scopes: [...GRAPH_SCOPES] },
    ]);
    expect(template.validDomains).toEqual(['${{TAB_DOMAIN}}']);
  });

  it('uses the icons’ colour as accent colour', () => {
    expect(template.accentColor).toBe(ACCENT_COLOR);
  });
});

describe('localisation files', () => {
  const template = readTemplate();
  const nl = readStrings('nl.json');
  const en = readStrings('en.json');

  it('translate the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('nl.json, the default language file, says what the manifest says', () => {
    expect(template.localizationInfo.defaultLanguageTag).toBe('nl-be');
    expect(nl['name.short']).toBe(template.name.short);
    expect(nl['name.full']).toBe(template.name.full);
    expect(nl['description.short']).toBe(template.description.short);
    expect(nl['description.full']).toBe(template.description.full);
    expect(nl['staticTabs[0].name']).toBe(template.staticTabs[0]?.name);
    const [activity] = template.activities.activityTypes;
    expect(nl['activities.activityTypes[0].description']).toBe(activity?.description);
    expect(nl['activities.activityTypes[0].templateText']).toBe(activity?.templateText);
  });

  it('declare the approval activity in both languages with the same parameters', () => {
    const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(nl['activities.activityTypes[0].templateText']).toBe(
      '{actor} vraagt goedkeuring voor {functie}',
    );
    expect(parameters(en['activities.activityTypes[0].templateText'] ?? '')).toEqual([
      'actor',
      'functie',
    ]);
  });

  it('validate against the bundled localisation schema once filled', async () => {
    const schema = loadBundledSchema('localization', newestBundledManifestVersion());
    expect(schema).not.toBeNull();
    for (const file of [nl, en]) {
      const filled = fillTemplate(file, { APP_NAME_SUFFIX: ' (lokaal)' });
      expect(filled.missing).toEqual([]);
      expect(await validateAgainstBundledSchema(filled.value, schema!)).toEqual([]);
    }
  });
});

describe('validation is offline', () => {
  const originalFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it('never fetches, even when $schema points somewhere unknown', async () => {
    const fetchSpy = jest.fn(() => Promise.reject(new Error('no network in this test')));
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
    const schema = loadBundledSchema('manifest', newestBundledManifestVersion())!;
    const violations = await validateAgainstBundledSchema(
      { $schema: 'https://example.invalid/schema.json', manifestVersion: '1.30', id: 'x' },
      schema,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(violations.map((v) => v.pointer)).toContain('/id');
    expect(violations.some((v) => v.pointer === '/' && v.message.includes("'version'"))).toBe(true);
  });
});

describe('icons', () => {
  it('are exactly what icon-art draws, so they can be regenerated', () => {
    for (const [name, rendered] of [
      ['color.png', renderColorIcon()],
      ['outline.png', renderOutlineIcon()],
    ] as const) {
      const committed = PNG.sync.read(readFileSync(path.join(manifestDir, name)));
      expect([committed.width, committed.height]).toEqual([rendered.width, rendered.height]);
      expect(committed.data.equals(rendered.data)).toBe(true);
    }
  });

  it('pass the checks Teams applies', () => {
    expect(checkIcon('color', readFileSync(path.join(manifestDir, 'color.png')))).toEqual([]);
    expect(checkIcon('outline', readFileSync(path.join(manifestDir, 'outline.png')))).toEqual([]);
  });

  it('reject an empty outline', () => {
    const empty = new PNG({ width: 32, height: 32 });
    expect(checkIcon('outline', PNG.sync.write(empty))).toEqual([
      'is volledig transparant: er staat niets op',
    ]);
  });
});

describe('escapeLoneClosingBrackets', () => {
  it('escapes only brackets that close no class', () => {
    expect(escapeLoneClosingBrackets('^a\\[\\b([0-9]|1[0-5])\\b]\\.x$')).toBe(
      '^a\\[\\b([0-9]|1[0-5])\\b\\]\\.x$',
    );
    expect(escapeLoneClosingBrackets('[a\\]b]')).toBe('[a\\]b]');
    expect(() => new RegExp(escapeLoneClosingBrackets('x\\b]y'), 'u')).not.toThrow();
  });
});

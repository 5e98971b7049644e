import { contentHash, contentOf } from '../../src/domain/content-hash';
import { ValidationError } from '../../src/graph/errors';
import { roleContentHead, roleFields, roleItemSchema } from '../../src/graph/mapping';
import { parseOk, readSample, FB_SAMPLE } from './fixtures/parse-helpers';

/**
 * The kept sections (otherSections, added after schemaVersion 1) go to Functies and come back
 * the same; a role without them reads as before and keeps its hash.
 */

const HASH = `sha256:${'a'.repeat(64)}` as const;

function asItem(fields: Record<string, unknown>) {
  // SharePoint leaves empty fields out of `fields`.
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
  return {
    id: '7',
    eTag: '"{guid},7"',
    createdDateTime: '2024-01-01T10:00:00Z',
    lastModifiedDateTime: '2024-01-02T10:00:00Z',
    webUrl: 'https://contoso.sharepoint.com/sites/functiewijzer/Lists/Functies/7',
    createdBy: { user: { id: 'u-1', displayName: 'HR' } },
    fields: { ...kept, id: '7' },
  };
}

const seed = parseOk(readSample(FB_SAMPLE), FB_SAMPLE).description;

describe('other sections on Functies', () => {
  it('are written to AndereOnderdelen and read back unchanged', () => {
    const content = contentOf(seed);
    const fields = roleFields(content, { generation: 1, contentHash: HASH });
    expect(JSON.parse(String(fields.AndereOnderdelen))).toEqual(seed.otherSections);
    const head = roleContentHead(roleItemSchema.parse(asItem(fields)));
    expect(head.otherSections).toEqual(seed.otherSections);
  });

  it('are left out for a role without them, whose hash stays what it was', async () => {
    const without = contentOf(seed);
    expect(without.otherSections).toHaveLength(1);
    delete without.otherSections;
    const fields = roleFields(without, { generation: 1, contentHash: HASH });
    expect(fields.AndereOnderdelen).toBeNull();
    const head = roleContentHead(roleItemSchema.parse(asItem(fields)));
    expect(head).not.toHaveProperty('otherSections');
    expect(await contentHash({ ...without, otherSections: [] })).toBe(await contentHash(without));
  });

  it('refuses a column edited into something that is not a list of sections', () => {
    const fields = roleFields(contentOf(seed), { generation: 1, contentHash: HASH });
    const item = roleItemSchema.parse(asItem({ ...fields, AndereOnderdelen: '{kapot' }));
    expect(() => roleContentHead(item)).toThrow(ValidationError);
  });
});

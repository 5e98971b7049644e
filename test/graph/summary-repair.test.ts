import { contentHash } from '../../src/domain/content-hash';
import type { FunctionContent, FunctionDescription } from '../../src/domain/schema';
import { roleFields, roleItemSchema } from '../../src/graph/mapping';
import type { RoleContent } from '../../src/graph/model';
import type { RepositoryContext } from '../../src/graph/repositories/context';
import { SummaryRepair } from '../../src/graph/repositories/roles/summary';
import { functiebeschrijving } from './fixtures';

/*
 * The repair of the app-maintained columns (HR's open) and AantalTaakafspraken, the newest of
 * them: a role written before the column existed is not repaired for the count alone — that
 * PATCH would move an approved, unchanged item after its approval and make it a suspect that
 * every catalogue re-reads — but a due repair fills it.
 */

function contentOf(d: FunctionDescription): FunctionContent {
  const copy: Partial<FunctionDescription> = { ...d };
  delete copy.approval;
  return copy as FunctionContent;
}
const doc = contentOf(functiebeschrijving());

async function stored(overrides: Record<string, unknown>): Promise<RoleContent> {
  const fields = roleFields(doc, { generation: 1, contentHash: await contentHash(doc) });
  const item = roleItemSchema.parse({
    id: '7',
    eTag: '"e,1"',
    createdDateTime: '2026-01-01T00:00:00Z',
    lastModifiedDateTime: '2026-01-01T00:00:00Z',
    createdBy: { user: { id: 'hr', displayName: 'HR' } },
    fields: { ...fields, ...overrides },
  });
  const repair = new SummaryRepair({} as RepositoryContext);
  repair.note(item);
  return {
    id: '7',
    eTag: '"e,1"',
    webUrl: null,
    lastModified: item.lastModifiedDateTime,
    content: doc,
    generation: 1,
    competencyIds: [],
    decisions: [],
    requests: [],
    summaries: repair,
  } as RoleContent & { summaries: SummaryRepair };
}

async function isStale(overrides: Record<string, unknown>): Promise<boolean> {
  const role = (await stored(overrides)) as RoleContent & { summaries: SummaryRepair };
  return role.summaries.isStale(role);
}

describe('SummaryRepair and AantalTaakafspraken', () => {
  test('columns as the app writes them: nothing to repair', async () => {
    expect(await isStale({})).toBe(false);
  });

  test('no count (written before the column existed) is not a repair on its own', async () => {
    expect(await isStale({ AantalTaakafspraken: undefined })).toBe(false);
  });

  test('a wrong count is repaired', async () => {
    expect(await isStale({ AantalTaakafspraken: doc.resultAreas.length + 1 })).toBe(true);
  });

  test('a repair that is due anyway still is one (and writes the count with it)', async () => {
    expect(await isStale({ AantalTaakafspraken: undefined, Zoektekst: 'oud' })).toBe(true);
  });
});

import { PERSONAS, emulatorTokens } from '../../src/cli/local-stack';
import { canonicalContentJson, contentHash } from '../../src/domain/content-hash';
import type { FunctionDescription } from '../../src/domain/schema';
import { ApprovalService } from '../../src/services/approval';
import { ForbiddenError } from '../../src/graph/errors';
import { writeDescriptions } from '../../src/graph/import-writer';
import { decisionFields } from '../../src/graph/mapping';
import type { NewDecision } from '../../src/graph/repositories/decisions';
import { listPath } from '../../src/graph/site';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  type Persona,
  type Target,
  startEmulatorTarget,
  tabRepositoriesAs,
  uniqueKey,
  writeAsHr,
} from '../integration/harness';

/**
 * A decision forged by someone who is not an approver. The list refuses it to HR and staff on
 * every path (item POST, `$batch`, edit of an existing decision); where the list lets one in
 * (IT, who may add to Besluiten to migrate imported approvals), the status derivation flags it
 * and it does not count — in the role's history and in the catalogue. Claiming to be imported
 * from a document does not help: only an approver's decision counts (docs/approval.md).
 */

let target: Target;
let doc: FunctionDescription;
let roleId: string;

beforeAll(async () => {
  target = await startEmulatorTarget();
  doc = functiebeschrijving({ key: uniqueKey('vervalst'), approval: null });
  await writeAsHr(target, [doc]);
  roleId = (await target.repos('hr').roles.getByKey(doc.key)).id;
}, 60_000);
afterAll(async () => {
  await target.close();
});

async function forged(overrides: Partial<NewDecision> = {}): Promise<NewDecision> {
  return {
    roleId,
    roleTitle: doc.title,
    requestId: null,
    outcome: 'approved',
    decisionDate: '2025-03-14',
    contentHash: await contentHash(doc),
    reason: null,
    snapshot: canonicalContentJson(doc),
    imported: false,
    ...overrides,
  };
}

function service(persona: Persona): ApprovalService {
  return approvalServiceAs(target, persona, { today: '2025-03-14' });
}

/** A raw `$batch` as the persona, bypassing the product's own client. */
async function rawBatch(persona: Persona, body: unknown): Promise<{ status: number }[]> {
  const control = target.control;
  if (!control) throw new Error('alleen tegen de emulator');
  const token = await emulatorTokens(control.url, PERSONAS[persona])();
  const response = await fetch(`${control.url}/v1.0/$batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  const parsed = (await response.json()) as { responses: { status: number }[] };
  return parsed.responses;
}

describe('a forged decision', () => {
  test.each(['staff', 'hr'] as const)('%s cannot add a decision (403)', async (persona) => {
    await expect(target.repos(persona).decisions.create(await forged())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // Not even one that claims to come from a document's approval line.
    await expect(
      target.repos(persona).decisions.create(await forged({ imported: true })),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  test.each(['staff', 'hr'] as const)(
    '%s cannot slip a decision in through $batch (403 inside the batch)',
    async (persona) => {
      const responses = await rawBatch(persona, {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `${listPath(target.site, 'Besluiten')}/items`,
            headers: { 'Content-Type': 'application/json' },
            body: { fields: decisionFields(await forged()) },
          },
        ],
      });
      expect(responses.map((r) => r.status)).toEqual([403]);
      const history = await service('staff').history(doc.key);
      expect(history.decisions).toEqual([]);
    },
  );

  test("HR cannot turn an approver's rejection into an approval by editing it", async () => {
    const rejection = await target
      .repos('approver')
      .decisions.create(await forged({ outcome: 'rejected', reason: 'Onvolledig' }));
    const edit = target
      .client('hr')
      .expectOk('PATCH', `${listPath(target.site, 'Besluiten')}/items/${rejection.id}/fields`, {
        body: { Uitkomst: 'Goedgekeurd' },
      });
    await expect(edit).rejects.toBeInstanceOf(ForbiddenError);
    const history = await service('staff').history(doc.key);
    expect(history.status.kind).toBe('rejected');
  });

  test('one written by IT (allowed to add) is flagged as invalid and does not count anywhere', async () => {
    // IT approves the current content, newer than the approver's rejection above.
    const it = await target.repos('admin').decisions.create(await forged({ outcome: 'approved' }));
    const history = await service('staff').history(doc.key);
    expect(history.decisions.find((d) => d.decision.id === it.id)?.invalid).toBe('not-approver');
    // The approver's rejection still stands: the forged approval did not override it.
    expect(history.status.kind).toBe('rejected');

    // The catalogue, through the tab's own port as a member of staff, agrees.
    const tab = tabRepositoriesAs(target, 'staff');
    const entry = (await tab.listCatalogue()).find((e) => e.key === doc.key);
    expect(entry?.status.kind).toBe('rejected');
    expect((await tab.getRole(doc.key)).status.kind).toBe('rejected');
  });

  function tabAs(persona: Persona) {
    return tabRepositoriesAs(target, persona);
  }

  test("one written by IT as 'imported' does not override an approver's rejection", async () => {
    const it = await target
      .repos('admin')
      .decisions.create(await forged({ outcome: 'approved', imported: true }));
    const history = await service('staff').history(doc.key);
    expect(history.decisions.find((d) => d.decision.id === it.id)?.invalid).toBe('imported');
    expect(history.status.kind).toBe('rejected');
    const entry = (await tabAs('staff').listCatalogue()).find((e) => e.key === doc.key);
    expect(entry?.status.kind).toBe('rejected');
  });

  test("IT cannot approve a never-submitted role by writing an 'imported' decision: historical only", async () => {
    const fresh = functiebeschrijving({ key: uniqueKey('vervalst-import'), approval: null });
    const hr = target.repos('hr');
    const report = await writeDescriptions([fresh], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    expect(report.failed).toBe(false);
    const freshId = (await hr.roles.getByKey(fresh.key)).id;
    await target.repos('admin').decisions.create({
      roleId: freshId,
      roleTitle: fresh.title,
      requestId: null,
      outcome: 'approved',
      decisionDate: '2023-02-09',
      contentHash: await contentHash(fresh),
      reason: null,
      snapshot: canonicalContentJson(fresh),
      imported: true,
    });
    const history = await service('staff').history(fresh.key);
    expect(history.status).toEqual({ kind: 'draft', historicalDate: '2023-02-09' });
    expect(history.decisions.map((d) => d.invalid)).toEqual(['imported']);
    const tab = tabAs('staff');
    const entry = (await tab.listCatalogue()).find((e) => e.key === fresh.key);
    expect(entry?.status).toEqual({ kind: 'draft', historicalDate: '2023-02-09' });
    const role = await tab.getRole(fresh.key);
    expect(role.status.kind).toBe('draft');
    // The role page shows no approval line for it: nothing an approver vouched for.
    expect(role.description.approval).toBeNull();
  });
});

import { ApprovalConflictError, ApprovalService } from '../../src/services/approval';
import type { GraphClientOptions } from '../../src/graph/client';
import { NetworkError } from '../../src/graph/errors';
import { formatReport, notLanded, writeDescriptions } from '../../src/graph/import-writer';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  instantRetries,
  type Persona,
  startEmulatorTarget,
  type Target,
  uniqueKey,
} from './harness';

/**
 * Issue #7: a write whose connection is lost may or may not have landed. The importer and the
 * approval service must find out which, so that a retry neither loses nor doubles a decision.
 * "Delivered, answer lost" is made with a fetch that sends the request and then throws, as a
 * connection reset after the server committed does; "not delivered" with the emulator's `drop`.
 */

let t: Target;

beforeAll(async () => {
  t = await startEmulatorTarget();
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await t.control?.clearFaults();
});

/** A fetch that delivers the first POST to `list` and then loses its answer. */
function loseAnswerOfFirstPost(listId: string): { fetch: typeof fetch; lost: () => number } {
  let lost = 0;
  const lossy: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (lost === 0 && init?.method === 'POST' && url.includes(`/lists/${listId}/items`)) {
      lost++;
      await response.body?.cancel();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  return { fetch: lossy, lost: () => lost };
}

const noWait = { attempts: 3, sleep: () => Promise.resolve() };

function approval(persona: Persona, extra: Partial<GraphClientOptions> = {}): ApprovalService {
  return approvalServiceAs(t, persona, { today: '2025-06-02', channel: null, client: extra });
}

async function seeded(approval: boolean): Promise<ReturnType<typeof functiebeschrijving>> {
  const doc = functiebeschrijving({
    key: uniqueKey('fout'),
    ...(approval ? {} : { approval: null }),
  });
  const hr = t.repos('hr');
  const report = await writeDescriptions([doc], {
    roles: hr.roles,
    competencies: hr.competencies,
    decisions: null,
  });
  expect(report.documents[0]?.ok).toBe(true);
  return doc;
}

describe('import: a lost connection neither loses nor doubles [emulator]', () => {
  it('registers the approval line once when the decision was written but its answer was lost', async () => {
    const doc = functiebeschrijving({ key: uniqueKey('antwoord-kwijt') });
    const besluiten = t.site.listIds.get('Besluiten') as string;
    const lossy = loseAnswerOfFirstPost(besluiten);
    const hr = t.repos('hr', instantRetries());
    const report = await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: t.repos('admin', { fetch: lossy.fetch }).decisions,
      ...noWait,
    });
    expect(lossy.lost()).toBe(1);
    expect(report.failed).toBe(false);
    // The second attempt found the decision the first one wrote.
    expect(report.documents[0]).toMatchObject({ ok: true, decision: { kind: 'present' } });
    const role = await t.repos('staff').roles.getByKey(doc.key);
    expect(role.decisions.filter((d) => d.imported)).toHaveLength(1);
  });

  it('writes the approval line on the next attempt when the connection dropped before it landed', async () => {
    const doc = functiebeschrijving({ key: uniqueKey('verbinding-weg') });
    const besluiten = t.site.listIds.get('Besluiten') as string;
    await t.control?.addFaults([
      {
        match: { method: 'POST', path: `/lists/${besluiten}/items$` },
        fault: { type: 'drop' },
        times: 1,
      },
    ]);
    const hr = t.repos('hr', instantRetries());
    const report = await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: t.repos('admin', instantRetries()).decisions,
      ...noWait,
    });
    expect((await t.control?.faults())?.map((r) => r.fired)).toEqual([1]);
    expect(report.documents[0]).toMatchObject({ ok: true, decision: { kind: 'created' } });
    const role = await t.repos('staff').roles.getByKey(doc.key);
    expect(role.decisions.filter((d) => d.imported)).toHaveLength(1);
  });

  it('stops at an outage and names every document that did not land, the untried ones too', async () => {
    const docs = [1, 2, 3].map((i) =>
      functiebeschrijving({ key: uniqueKey(`storing-${i}`), approval: null }),
    );
    const hr = t.repos('hr', {
      ...instantRetries(),
      retry: { maxAttempts: 2, sleep: () => Promise.resolve() },
    });
    // The dictionary goes through; then every role write meets a dead service.
    const functies = t.site.listIds.get('Functies') as string;
    await t.control?.addFaults([
      { match: { path: `/lists/${functies}/items` }, fault: { type: 'timeout' } },
    ]);
    const report = await writeDescriptions(docs, {
      roles: hr.roles,
      competencies: t.repos('hr').competencies,
      decisions: null,
      ...noWait,
    });
    await t.control?.clearFaults();
    expect(report.failed).toBe(true);
    expect(notLanded(report)).toEqual(docs.map((d) => d.key));
    const text = formatReport(report);
    expect(text).toContain(`(${docs[0]?.key}): niet weggeschreven`);
    expect(text).toMatch(new RegExp(`\\(${docs[2]?.key}\\): niet weggeschreven — niet geprobeerd`));
    // Nothing half-written is visible: the roles do not exist for readers.
    for (const d of docs) {
      await expect(t.repos('staff').roles.getByKey(d.key)).rejects.toMatchObject({
        kind: 'notFound',
      });
    }
  });
});

describe('approval: a lost connection neither loses nor doubles the decision [emulator]', () => {
  it('returns the decision that landed when only its answer was lost', async () => {
    const doc = await seeded(false);
    const { request } = await approval('hr').submit({ roleKey: doc.key, note: null });
    const besluiten = t.site.listIds.get('Besluiten') as string;
    const lossy = loseAnswerOfFirstPost(besluiten);
    const result = await approval('approver', { fetch: lossy.fetch }).decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: null,
    });
    expect(lossy.lost()).toBe(1);
    expect(result.decision.outcome).toBe('approved');
    const decisions = await t.repos('staff').decisions.listForRequest(request.id);
    expect(decisions).toHaveLength(1);
    expect((await t.repos('staff').requests.get(request.id)).status).toBe('closed');
  });

  it('reopens the request when the decision did not land, so deciding again works once', async () => {
    const doc = await seeded(false);
    const { request } = await approval('hr').submit({ roleKey: doc.key, note: null });
    const besluiten = t.site.listIds.get('Besluiten') as string;
    await t.control?.addFaults([
      {
        match: { method: 'POST', path: `/lists/${besluiten}/items$` },
        fault: { type: 'drop' },
        times: 1,
      },
    ]);
    const director = approval('approver', instantRetries());
    const input = {
      requestId: request.id,
      outcome: 'approved' as const,
      reason: null,
      seenHash: null,
    };
    await expect(director.decide(input)).rejects.toBeInstanceOf(NetworkError);
    expect((await t.repos('staff').requests.get(request.id)).status).toBe('open');
    expect(await t.repos('staff').decisions.listForRequest(request.id)).toHaveLength(0);
    await director.decide(input);
    expect(await t.repos('staff').decisions.listForRequest(request.id)).toHaveLength(1);
    expect((await t.repos('staff').requests.get(request.id)).status).toBe('closed');
  });

  it('the close landed but its answer was lost: the same decision goes on, not "someone else decided"', async () => {
    const doc = await seeded(false);
    const { request, warnings } = await approval('hr').submit({ roleKey: doc.key, note: null });
    // This service has no channel configured: the request is saved, and the warning says why no card.
    expect(warnings).toEqual([{ kind: 'no-channel' }]);
    const aanvragen = t.site.listIds.get('Goedkeuringsaanvragen') as string;
    let lost = 0;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (lost === 0 && init?.method === 'PATCH' && url.includes(`/lists/${aanvragen}/items/`)) {
        lost++;
        await response.body?.cancel();
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    };
    const result = await approval('approver', { fetch: lossy, retry: noWait }).decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: null,
    });
    expect(lost).toBe(1);
    expect(result.decision.outcome).toBe('approved');
    expect(await t.repos('staff').decisions.listForRequest(request.id)).toHaveLength(1);
  });

  it('a close of mine with no decision after it (a crash between the two) is finished by me, refused to others', async () => {
    const doc = await seeded(false);
    const { request } = await approval('hr').submit({ roleKey: doc.key, note: null });
    // The first step of a decision landed; the process died before the decision was written.
    await t.repos('approver').requests.close(request.id, request.eTag);

    const mine = await approval('approver').view(request.id);
    expect(mine.request.status).toBe('closed');
    expect(mine.unfinishedByMe).toBe(true);
    expect((await approval('approver2').view(request.id)).unfinishedByMe).toBe(false);

    const input = {
      requestId: request.id,
      outcome: 'approved' as const,
      reason: null,
      seenHash: null,
    };
    await expect(approval('approver2').decide(input)).rejects.toBeInstanceOf(ApprovalConflictError);
    const result = await approval('approver').decide(input);
    expect(result.decision.outcome).toBe('approved');
    expect(await t.repos('staff').decisions.listForRequest(request.id)).toHaveLength(1);
    // Finished: a second attempt is refused as decided, and nothing is written twice.
    await expect(approval('approver').decide(input)).rejects.toMatchObject({
      reason: 'already-decided',
    });
    expect(await t.repos('staff').decisions.listForRequest(request.id)).toHaveLength(1);
  });
});

import { z } from 'zod';
import { canonicalContentJson, contentHash } from '../../src/domain/content-hash';
import type { FunctionDescription } from '../../src/domain/schema';
import { statusLabel } from '../../src/i18n';
import { ApprovalConflictError, ApprovalService } from '../../src/services/approval';
import { ForbiddenError, ValidationError } from '../../src/graph/errors';
import { writeDescriptions } from '../../src/graph/import-writer';
import { LOCAL_APPROVAL_CHANNEL } from '../../src/teams/approval-card';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  type Persona,
  type Target,
  startEmulatorTarget,
  uniqueKey,
  writeAsHr,
} from './harness';

/*
 * The approval flow against the in-process emulator with the real graph client: every persona
 * acts with its own token, so the list permissions (not the service) decide who may write.
 */

const TODAY = '2025-03-14';

const messageShape = z.object({
  id: z.string(),
  body: z.object({ content: z.string() }),
  attachments: z.array(z.object({ contentType: z.string(), content: z.string().nullable() })),
  replies: z.array(z.object({ body: z.object({ content: z.string() }) })).optional(),
});

let target: Target;

beforeAll(async () => {
  target = await startEmulatorTarget();
});
afterAll(async () => {
  await target.close();
});

function service(persona: Persona): ApprovalService {
  return approvalServiceAs(target, persona, { today: TODAY });
}

async function seedRole(
  overrides: Partial<FunctionDescription> = {},
): Promise<FunctionDescription> {
  const doc = functiebeschrijving({ key: uniqueKey('goedkeuring'), approval: null, ...overrides });
  await writeAsHr(target, [doc]);
  return doc;
}

async function editAsHr(doc: FunctionDescription): Promise<void> {
  const hr = target.repos('hr');
  const report = await writeDescriptions([doc], {
    roles: hr.roles,
    competencies: hr.competencies,
    decisions: null,
  });
  expect(report.failed).toBe(false);
}

async function channelMessages(): Promise<z.infer<typeof messageShape>[]> {
  const { teamId, channelId } = LOCAL_APPROVAL_CHANNEL;
  return target
    .client('staff')
    .getAll(
      `/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages?$expand=replies`,
      messageShape,
    );
}

describe('approval flow [emulator]', () => {
  it('HR submits: an open request bound to the content hash, a card in the channel, approvers notified', async () => {
    const doc = await seedRole();
    const result = await service('hr').submit({ roleKey: doc.key, note: 'Nieuwe taakafspraak' });

    expect(result.warnings).toEqual([]);
    expect(result.cardPosted).toBe(true);
    expect(result.request.status).toBe('open');
    expect(result.request.contentHash).toBe(await contentHash(doc));
    expect(result.request.note).toBe('Nieuwe taakafspraak');
    expect(result.request.teamId).toBe(LOCAL_APPROVAL_CHANNEL.teamId);
    expect(result.request.channelId).toBe(LOCAL_APPROVAL_CHANNEL.channelId);

    const posted = (await channelMessages()).find((m) => m.id === result.request.messageId);
    expect(posted).toBeDefined();
    const card = JSON.parse(posted?.attachments[0]?.content ?? '{}') as {
      body: { text?: string }[];
      actions: { url: string }[];
    };
    const texts = card.body.map((b) => b.text).filter(Boolean);
    expect(texts).toContain(doc.title);
    expect(texts).toContain('Nieuwe taakafspraak');
    const url = new URL(card.actions[0]?.url ?? '');
    expect(JSON.parse(url.searchParams.get('context') ?? '{}')).toMatchObject({
      subEntityId: `approval/${result.request.id}`,
    });

    expect(result.notifiedApprovers).toBe(2);
    const notifications = (await (
      await fetch(`${target.control?.url}/_emulator/notifications`)
    ).json()) as {
      value: { activityType: string; recipient: { userPrincipalName: string } }[];
    };
    expect(
      notifications.value
        .filter((n) => n.activityType === 'approvalRequested')
        .map((n) => n.recipient.userPrincipalName),
    ).toEqual(
      expect.arrayContaining([
        'jan.peeters@stadtienen.onmicrosoft.com',
        'els.wouters@stadtienen.onmicrosoft.com',
      ]),
    );
  });

  it('staff may not submit', async () => {
    const doc = await seedRole();
    await expect(service('staff').submit({ roleKey: doc.key, note: null })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('an approver approves: decision with snapshot and hash, request closed, reply in the thread, status approved', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    const view = await service('approver').view(request.id);
    expect(view.status.kind).toBe('pending');
    expect(view.changes).toBeNull();

    const result = await service('approver').decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: view.currentHash,
    });
    expect(result.warnings).toEqual([]);
    expect(result.request.status).toBe('closed');
    expect(result.decision).toMatchObject({
      outcome: 'approved',
      decisionDate: TODAY,
      requestId: request.id,
      contentHash: await contentHash(doc),
      snapshot: canonicalContentJson(doc),
    });

    const thread = (await channelMessages()).find((m) => m.id === request.messageId);
    expect(thread?.replies?.map((r) => r.body.content)).toEqual([
      '<p><strong>Goedgekeurd</strong> door Jan Peeters op 14 maart 2025.</p>',
    ]);

    const history = await service('staff').history(doc.key);
    expect(statusLabel(history.status, 'nl')).toBe('Goedgekeurd op 14 maart 2025');

    // An edit through Graph after the approval: "gewijzigd sinds goedkeuring" with the diff.
    await editAsHr({ ...doc, purpose: 'Zorgt voor een veilige ICT-omgeving.' });
    const after = await service('staff').history(doc.key);
    expect(statusLabel(after.status, 'nl')).toBe('Gewijzigd sinds goedkeuring van 14 maart 2025');
    expect(after.changesSinceApproval?.map((c) => c.kind)).toEqual(['field']);
  });

  it('a rejection needs a reason and is posted with it', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    await expect(
      service('approver').decide({
        requestId: request.id,
        outcome: 'rejected',
        reason: '  ',
        seenHash: null,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const result = await service('approver2').decide({
      requestId: request.id,
      outcome: 'rejected',
      reason: 'Loopbaan <klopt> niet',
      seenHash: null,
    });
    expect(result.decision.reason).toBe('Loopbaan <klopt> niet');
    const thread = (await channelMessages()).find((m) => m.id === request.messageId);
    expect(thread?.replies?.[0]?.body.content).toBe(
      '<p><strong>Afgewezen</strong> door Els Wouters op 14 maart 2025.</p><p>Motivering: Loopbaan &lt;klopt&gt; niet</p>',
    );
    const history = await service('hr').history(doc.key);
    expect(history.status.kind).toBe('rejected');
  });

  it.each(['staff', 'hr'] as const)(
    '%s cannot write a decision: Forbidden, and the request stays open',
    async (persona) => {
      const doc = await seedRole();
      const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
      const attempt = service(persona).decide({
        requestId: request.id,
        outcome: 'approved',
        reason: null,
        seenHash: null,
      });
      await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      await expect(attempt).rejects.toThrow(/algemeen directeur/);
      const after = await target.repos('staff').requests.get(request.id);
      expect(after.status).toBe('open');
      expect(await target.repos('staff').decisions.listForRequest(request.id)).toEqual([]);
      // The request can still be decided by an approver: nothing was lost.
      await expect(
        service('approver').decide({
          requestId: request.id,
          outcome: 'approved',
          reason: null,
          seenHash: null,
        }),
      ).resolves.toMatchObject({ decision: { outcome: 'approved' } });
    },
  );

  it('two approvers at once: exactly one decision, the other is told it was already decided', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    const results = await Promise.allSettled([
      service('approver').decide({
        requestId: request.id,
        outcome: 'approved',
        reason: null,
        seenHash: null,
      }),
      service('approver2').decide({
        requestId: request.id,
        outcome: 'rejected',
        reason: 'Te vaag',
        seenHash: null,
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ApprovalConflictError);
    expect(loser?.status === 'rejected' && (loser.reason as ApprovalConflictError).reason).toBe(
      'already-decided',
    );

    const decisions = await target.repos('staff').decisions.listForRequest(request.id);
    expect(decisions).toHaveLength(1);
    const history = await service('staff').history(doc.key);
    expect(history.decisions.filter((d) => d.invalid === null)).toHaveLength(1);
    expect((await target.repos('staff').requests.get(request.id)).status).toBe('closed');
  });

  it('a decision on content changed after the request is refused with a clear message', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    await editAsHr({ ...doc, mainTasks: [...doc.mainTasks, 'Beheert de licenties.'] });
    const attempt = service('approver').decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: null,
    });
    await expect(attempt).rejects.toMatchObject({ reason: 'content-changed' });
    await expect(attempt).rejects.toThrow(/opnieuw voorleggen/);
    expect(await target.repos('staff').decisions.listForRequest(request.id)).toEqual([]);
    expect((await target.repos('staff').requests.get(request.id)).status).toBe('open');
  });

  it('a decision on what the director did not see (stale page) is refused', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    const stale = await contentHash({ ...doc, purpose: 'Een oudere versie.' });
    await expect(
      service('approver').decide({
        requestId: request.id,
        outcome: 'approved',
        reason: null,
        seenHash: stale,
      }),
    ).rejects.toMatchObject({ reason: 'content-changed' });
  });

  it('a second decision on a closed request is refused and names the first', async () => {
    const doc = await seedRole();
    const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
    await service('approver').decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: null,
    });
    const second = service('approver2').decide({
      requestId: request.id,
      outcome: 'rejected',
      reason: 'Toch niet',
      seenHash: null,
    });
    await expect(second).rejects.toMatchObject({ reason: 'already-decided' });
    await expect(second).rejects.toThrow(/goedgekeurd door Jan Peeters op 14 maart 2025/);
    expect(await target.repos('staff').decisions.listForRequest(request.id)).toHaveLength(1);
  });

  it('a resubmission replaces the older open request; the queue lists only the newest', async () => {
    const doc = await seedRole();
    const first = await service('hr').submit({ roleKey: doc.key, note: null });
    const second = await service('hr').submit({ roleKey: doc.key, note: 'tweede' });
    expect((await target.repos('staff').requests.get(first.request.id)).status).toBe('closed');
    const queue = await service('approver').queue();
    const ours = queue.filter((q) => q.roleKey === doc.key);
    expect(ours.map((q) => q.request.id)).toEqual([second.request.id]);
    await expect(
      service('approver').decide({
        requestId: first.request.id,
        outcome: 'approved',
        reason: null,
        seenHash: null,
      }),
    ).rejects.toMatchObject({ reason: 'request-closed' });
  });

  it('a decision by someone outside the approver group is shown as invalid and does not count', async () => {
    const doc = await seedRole();
    const hash = await contentHash(doc);
    const role = await target.repos('hr').roles.getByKey(doc.key);
    // IT may add to Besluiten (for the migration of imported approvals); a non-imported decision
    // by IT is not an approver's and must not count.
    await target.repos('admin').decisions.create({
      roleId: role.id,
      roleTitle: doc.title,
      requestId: null,
      outcome: 'approved',
      decisionDate: TODAY,
      contentHash: hash,
      reason: null,
      snapshot: canonicalContentJson(doc),
      imported: false,
    });
    const history = await service('staff').history(doc.key);
    expect(history.status.kind).toBe('draft');
    expect(history.decisions.map((d) => d.invalid)).toEqual(['not-approver']);
  });

  it('an imported approval counts only when an approver wrote it; by IT it is historical', async () => {
    const byIt = await seedRole();
    const byApprover = await seedRole();
    for (const [doc, persona] of [
      [byIt, 'admin'],
      [byApprover, 'approver'],
    ] as const) {
      const role = await target.repos('hr').roles.getByKey(doc.key);
      await target.repos(persona).decisions.create({
        roleId: role.id,
        roleTitle: doc.title,
        requestId: null,
        outcome: 'approved',
        decisionDate: '2023-02-09',
        contentHash: await contentHash(doc),
        reason: null,
        snapshot: canonicalContentJson(doc),
        imported: true,
      });
    }
    const historical = await service('staff').history(byIt.key);
    expect(statusLabel(historical.status, 'nl')).toBe(
      'Historisch besluit van 9 februari 2023 (geïmporteerd)',
    );
    expect(historical.decisions.map((d) => d.invalid)).toEqual(['imported']);
    const vouched = await service('staff').history(byApprover.key);
    expect(vouched.status).toMatchObject({ kind: 'approved', date: '2023-02-09', imported: true });
    expect(vouched.decisions.map((d) => d.invalid)).toEqual([null]);
  });
});

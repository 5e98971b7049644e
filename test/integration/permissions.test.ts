import { z } from 'zod';
import { contentHash } from '../../src/domain/content-hash';
import { ConflictError, ForbiddenError } from '../../src/graph/errors';
import type { RoleContent } from '../../src/graph/model';
import { listPath } from '../../src/graph/site';
import { LOCAL_GROUPS } from '../../src/services/identity';
import { functiebeschrijving } from '../graph/fixtures';
import { describeTargets, uniqueKey, writeAsHr } from './harness';

describeTargets('who may write what', (target) => {
  let role: RoleContent;

  beforeAll(async () => {
    const t = target();
    const doc = functiebeschrijving({ key: uniqueKey('rechten'), approval: null });
    await writeAsHr(t, [doc]);
    role = await t.repos('hr').roles.getByKey(doc.key);
  });

  const decision = async (requestId: string | null = null) => ({
    roleId: role.id,
    roleTitle: role.content.title,
    requestId,
    outcome: 'approved' as const,
    decisionDate: '2024-06-01',
    contentHash: await contentHash(role.content),
    reason: null,
    snapshot: null,
    imported: false,
  });

  it('staff may read but not write content', async () => {
    const t = target();
    await expect(t.repos('staff').roles.getById(role.id)).resolves.toMatchObject({ id: role.id });
    const write = t
      .client('staff')
      .expectOk('PATCH', `${listPath(t.site, 'Functies')}/items/${role.id}/fields`, {
        body: { Doel: 'gekaapt' },
      });
    await expect(write).rejects.toBeInstanceOf(ForbiddenError);
    const create = t
      .client('staff')
      .expectOk('POST', `${listPath(t.site, 'Taakafspraken')}/items`, {
        body: { fields: { Title: 'x', FunctieLookupId: role.id } },
      });
    await expect(create).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('HR may not write a decision', async () => {
    const t = target();
    await expect(t.repos('hr').decisions.create(await decision())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('an approver may add a decision, and records who made it', async () => {
    const t = target();
    const created = await t.repos('approver').decisions.create(await decision());
    const me = await t.repos('approver').directory.me();
    expect(created.createdBy.id.toLowerCase()).toBe(me.id.toLowerCase());
    expect(created.imported).toBe(false);
  });

  it('nobody edits or deletes a decision, not even the approver who made it', async () => {
    const t = target();
    const [first] = await t.repos('staff').decisions.listForRole(role.id);
    const path = `${listPath(t.site, 'Besluiten')}/items/${first?.id}`;
    for (const persona of ['approver', 'hr', 'admin'] as const) {
      await expect(
        t.client(persona).expectOk('PATCH', `${path}/fields`, {
          body: { Uitkomst: 'Afgewezen', Motivering: 'x' },
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(t.client(persona).expectOk('DELETE', path)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });

  it('the approver group is readable, with the approvers in it', async () => {
    const t = target();
    const approvers = await t.repos('staff').directory.groupMembers(LOCAL_GROUPS.approvers);
    const me = await t.repos('approver').directory.me();
    expect(approvers.map((p) => p.id)).toContain(me.id);
  });

  it('closing a request with a stale eTag is a Conflict; exactly one of two closers wins', async () => {
    const t = target();
    const hash = await contentHash(role.content);
    const created = await t.repos('hr').requests.create({
      roleId: role.id,
      roleTitle: role.content.title,
      contentHash: hash,
      note: null,
    });
    expect(created.status).toBe('open');
    const results = await Promise.allSettled([
      t.repos('approver').requests.close(created.id, created.eTag),
      t.repos('approver2').requests.close(created.id, created.eTag),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    const closed = await t.repos('staff').requests.get(created.id);
    expect(closed.status).toBe('closed');
  });

  it('a decision refers to its request, found through the indexed lookup', async () => {
    const t = target();
    const hash = await contentHash(role.content);
    const request = await t.repos('hr').requests.create({
      roleId: role.id,
      roleTitle: role.content.title,
      contentHash: hash,
      note: 'graag',
    });
    await t.repos('approver').decisions.create(await decision(request.id));
    const onRequest = await t.repos('staff').decisions.listForRequest(request.id);
    expect(onRequest.map((d) => d.requestId)).toEqual([request.id]);
    const raw = await t
      .client('staff')
      .get(
        `${listPath(t.site, 'Goedkeuringsaanvragen')}/items/${request.id}`,
        z.object({ id: z.string() }).loose(),
      );
    expect(raw.id).toBe(request.id);
  });
});

import { DirectoryRepository } from '../../src/graph/repositories/directory';
import { json, testClient } from './fake-fetch';

const member = { '@odata.type': '#microsoft.graph.user', id: 'u-1', displayName: 'Directeur' };

describe('DirectoryRepository.approvers', () => {
  it('reads the configured approver group by id, without looking its name up', async () => {
    const { http, calls } = testClient(() => json(200, { value: [member] }));
    const directory = new DirectoryRepository(http, 'group-approvers');
    const approvers = await directory.approvers();
    expect(approvers.map((p) => p.id)).toEqual(['u-1']);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/v1.0/groups/group-approvers/members',
    ]);
  });

  it('without a configured id, finds the group by its name once and then reads its members', async () => {
    const { http, calls } = testClient((call) =>
      new URL(call.url).pathname === '/v1.0/groups'
        ? json(200, { value: [{ id: 'g-9', displayName: 'Functiewijzer Goedkeurders' }] })
        : json(200, { value: [member] }),
    );
    const directory = new DirectoryRepository(http);
    await directory.approvers();
    await directory.approvers();
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/v1.0/groups',
      '/v1.0/groups/g-9/members',
      '/v1.0/groups/g-9/members',
    ]);
  });
});

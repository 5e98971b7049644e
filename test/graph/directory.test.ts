import { DirectoryRepository } from '../../src/graph/repositories/directory';
import { json, testClient } from './fake-fetch';

const member = { '@odata.type': '#microsoft.graph.user', id: 'u-1', displayName: 'Directeur' };

describe('DirectoryRepository', () => {
  it('reads a group by its id, without looking its name up, with nested groups flattened', async () => {
    const { http, calls } = testClient(() => json(200, { value: [member] }));
    const directory = new DirectoryRepository(http);
    const approvers = await directory.groupMembers('group-approvers');
    expect(approvers.map((p) => p.id)).toEqual(['u-1']);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/v1.0/groups/group-approvers/transitiveMembers/microsoft.graph.user',
    ]);
  });

  it("lists the user's groups transitively, by id in lower case", async () => {
    const { http, calls } = testClient(() =>
      json(200, { value: [{ '@odata.type': '#microsoft.graph.group', id: 'AB-12' }] }),
    );
    const ids = await new DirectoryRepository(http).memberOfIds();
    expect([...ids]).toEqual(['ab-12']);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(['/v1.0/me/transitiveMemberOf']);
  });
});

import { z } from 'zod';
import { LISTS } from '../../src/graph/lists';
import { provision } from '../../src/graph/provision';
import { describeTargets } from './harness';

describeTargets('provisioning', (target, kind) => {
  it('is idempotent: a second run on a provisioned site changes nothing', async () => {
    const t = target();
    const changes = await provision(
      t.client('admin'),
      t.siteId,
      t.permissions ? { permissions: t.permissions } : {},
    );
    expect(changes.filter((c) => c.kind !== 'manual')).toEqual([]);
  });

  it('creates every declared list with its columns, indexes and unique key', async () => {
    const t = target();
    const http = t.client('admin');
    for (const def of LISTS) {
      const listId = t.site.listIds.get(def.name);
      expect(listId).toBeDefined();
      const columns = await http.getAll(
        `/sites/${t.siteId}/lists/${listId}/columns`,
        z
          .object({
            name: z.string(),
            indexed: z.boolean().nullish(),
            enforceUniqueValues: z.boolean().nullish(),
          })
          .loose(),
      );
      for (const column of def.columns) {
        const found = columns.find((c) => c.name === column.name);
        expect(found).toBeDefined();
        expect(found?.indexed ?? false).toBe(column.indexed ?? false);
        expect(found?.enforceUniqueValues ?? false).toBe(column.unique ?? false);
      }
    }
  });

  // Never delete columns on a real site.
  if (kind === 'emulator') {
    it('puts back a column setting changed by hand, and reports it', async () => {
      const t = target();
      const http = t.client('admin');
      const listId = t.site.listIds.get('Besluiten') as string;
      const columns = await http.getAll(
        `/sites/${t.siteId}/lists/${listId}/columns`,
        z.object({ id: z.string(), name: z.string() }).loose(),
      );
      const motivering = columns.find((c) => c.name === 'Motivering');
      await http.expectOk('PATCH', `/sites/${t.siteId}/lists/${listId}/columns/${motivering?.id}`, {
        body: { displayName: 'Waarom' },
      });
      const options = t.permissions ? { permissions: t.permissions } : {};
      const changes = await provision(http, t.siteId, options);
      expect(changes).toEqual([
        {
          kind: 'column-updated',
          list: 'Besluiten',
          column: 'Motivering',
          properties: ['displayName'],
        },
      ]);
      expect(await provision(http, t.siteId, options)).toEqual([]);
    });

    it('sets list permissions again when someone changed them', async () => {
      const t = target();
      const permissions = t.permissions;
      if (!permissions) throw new Error('emulator zonder machtigingen');
      const listId = t.site.listIds.get('Besluiten') as string;
      await permissions.write(t.siteId, listId, [{ principal: 'hr', access: 'contribute' }]);
      const changes = await provision(t.client('admin'), t.siteId, { permissions });
      expect(changes.map((c) => `${c.kind} ${c.list}`)).toEqual(['permissions-set Besluiten']);
    });
  }
});

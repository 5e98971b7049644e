import { loadSiteLists, resolveSiteLists } from '../../src/graph/site';
import { describeTargets } from './harness';

/*
 * The tab resolves its site and lists at start-up, before any view reads data: over a city's
 * network each round trip there is 100 ms more before the first screen (issue 15).
 */
describeTargets('site and lists at start-up', (target) => {
  it('finds the same site and lists by path as by id, with both requests under way at once', async () => {
    const t = target();
    let inFlight = 0;
    let most = 0;
    const http = t.client('staff', {
      fetch: async (input, init) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight -= 1;
        }
      },
    });
    const byPath = await resolveSiteLists(http, t.siteRef);
    const byId = await loadSiteLists(http, t.siteId);
    expect(byPath.siteId).toBe(t.siteId);
    expect([...byPath.listIds]).toEqual([...byId.listIds]);
    expect([...byPath.listUrls]).toEqual([...byId.listUrls]);
    // The lists did not wait for the site's id: one round trip, not two.
    expect(most).toBe(2);
  });

  it("reads each list's modified time with the lists, the catalogue stamp's own times", async () => {
    const t = target();
    const before = Date.now();
    const site = await resolveSiteLists(t.client('staff'), t.siteRef);
    expect(site.listTimes).toBeDefined();
    expect(site.listTimes!.readAt).toBeGreaterThanOrEqual(before);
    expect([...site.listTimes!.modified.keys()].sort()).toEqual([...site.listIds.keys()].sort());
    // The same times the catalogue's own stamp request reads (src/graph/repositories/roles).
    const stamp = await t.repos('staff').roles.listVersions();
    for (const [name, time] of Object.entries(stamp)) {
      expect(site.listTimes!.modified.get(name as keyof typeof stamp)).toBe(time);
    }
  });
});

import { type TestEmulator, startTestEmulator } from '../emulator/helpers';
import { LOCAL_APP_ID, LOCAL_MANIFEST_APP_ID } from '../../src/teams/protocol';

/**
 * The emulator's app catalog answers what IT looks up for TEAMS_CATALOG_APP_ID (docs/deploy.md):
 * the org-catalog id of the app with the manifest id as its externalId — the id the local Teams
 * host reports as `context.app.appId` and the only one it follows deep links with.
 */

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});

describe('GET /appCatalogs/teamsApps', () => {
  it("gives the catalog id for $filter=externalId eq '<manifest id>'", async () => {
    const filter = encodeURIComponent(`externalId eq '${LOCAL_MANIFEST_APP_ID}'`);
    const res = await t.graph('sofie', 'GET', `/appCatalogs/teamsApps?$filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({
        id: LOCAL_APP_ID,
        externalId: LOCAL_MANIFEST_APP_ID,
        distributionMethod: 'organization',
      }),
    ]);
    expect(res.body.value[0].id).not.toBe(LOCAL_MANIFEST_APP_ID);
  });

  it('answers an unknown manifest id with an empty list and an unreadable filter with 400', async () => {
    const none = await t.graph(
      'sofie',
      'GET',
      `/appCatalogs/teamsApps?$filter=${encodeURIComponent("externalId eq 'onbekend'")}`,
    );
    expect(none.body.value).toEqual([]);
    const bad = await t.graph(
      'sofie',
      'GET',
      `/appCatalogs/teamsApps?$filter=${encodeURIComponent('startswith(displayName,1)')}`,
    );
    expect(bad.status).toBe(400);
  });
});

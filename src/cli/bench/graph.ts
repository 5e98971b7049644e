import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { startEmulator } from '../../emulator/server';
import { createGraphClient, type Exchange, type GraphHttp } from '../../graph/client';
import { writeDescriptions } from '../../graph/import-writer';
import { provision } from '../../graph/provision';
import { createRepositories } from '../../graph/repositories';
import { listPath, loadSiteLists, resolveSiteId, type SiteLists } from '../../graph/site';
import { type BenchOptions, measure, median, round, trafficOf, withResources } from '../bench-kit';
import { benchDataset, COMPETENCIES_PER_ROLE } from '../bench-dataset';
import { emulatorPermissions, emulatorTokens, LOCAL_SITE, PERSONAS } from '../local-stack';

/**
 * The data layer at the city's scale: 2,000 generated roles × 35 competencies (70,000
 * role-competency rows) loaded through Graph into a fresh emulator, then the two reads the tab
 * makes most — the catalogue and one role — counted in round trips, requests and bytes, and the
 * emulator's single-item GET timed. The generated set is cached under .cache/ (deterministic).
 *
 * `--roles N` sets the number of roles (a quick local run); the figures in docs/data-layer.md
 * are for the full 2,000. It loads its own fresh emulator, because the load is what it times.
 */

export const name = 'graph';

export const budget = {
  graphRoleRoundTrips: 1,
  graphCatalogueRoundTrips: 2,
  graphItemGetMedianMs: 5,
};

export async function run(options: BenchOptions): Promise<Record<string, number>> {
  const descriptions = benchDataset(options.roles);
  return withResources(async (defer) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-bench-'));
    defer(() => rm(dataDir, { recursive: true, force: true }));
    const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    defer(() => emulator.close());

    const exchanges: Exchange[] = [];
    const client = (upn: string, observe = false): GraphHttp =>
      createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, upn),
        ...(observe ? { onExchange: (e: Exchange) => exchanges.push(e) } : {}),
      });
    const admin = client(PERSONAS.admin);
    const siteId = await resolveSiteId(admin, LOCAL_SITE);
    await provision(admin, siteId, {
      permissions: emulatorPermissions(
        emulator.url,
        admin,
        emulatorTokens(emulator.url, PERSONAS.admin),
      ),
    });
    const site = await loadSiteLists(admin, siteId);

    const hr = createRepositories(client(PERSONAS.hr), site);
    const loadStart = performance.now();
    const report = await writeDescriptions(descriptions, {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: createRepositories(admin, site).decisions,
      concurrency: 4,
    });
    const loadMs = performance.now() - loadStart;
    const failed = report.documents.filter((d) => !d.ok);
    if (failed.length > 0)
      throw new Error(`${failed.length} rollen niet geladen: ${JSON.stringify(failed[0])}`);

    // The catalogue, cold, as the tab opens.
    const staff = createRepositories(client(PERSONAS.staff, true), site);
    exchanges.length = 0;
    const catalogueStart = performance.now();
    const catalogue = await staff.roles.catalogue();
    const catalogueMs = performance.now() - catalogueStart;
    const catalogueFigures = trafficOf(exchanges);
    if (catalogue.roles.length !== descriptions.length) {
      throw new Error(
        `catalogus heeft ${catalogue.roles.length} rollen, verwacht ${descriptions.length}`,
      );
    }

    exchanges.length = 0;
    await staff.roles.catalogue({ withTasks: false });
    const catalogueWithoutTasks = trafficOf(exchanges);

    // The catalogue cold again after 50 rows were edited in SharePoint (issue 14).
    const edited = await catalogueAfterEdits(client(PERSONAS.hr), site, staff, exchanges, 50);

    // One role, after the catalogue (the id is known), as the tab navigates to it.
    const key = descriptions[Math.floor(descriptions.length / 2)]?.key as string;
    exchanges.length = 0;
    const roleStart = performance.now();
    const role = await staff.roles.getByKey(key);
    const roleMs = performance.now() - roleStart;
    const roleFigures = trafficOf(exchanges);
    if (role.content.competencies.length !== COMPETENCIES_PER_ROLE)
      throw new Error('rol onvolledig gelezen');

    // The emulator's single-item GET, the unit every read is made of.
    const plain = client(PERSONAS.staff);
    const itemPath = `${listPath(site, 'Functies')}/items/${role.id}?$expand=fields`;
    const shape = z.object({ id: z.string() }).loose();
    const { ms } = await measure(() => plain.get(itemPath, shape), { warmup: 20, iterations: 200 });

    return {
      graphLoadRoles: descriptions.length,
      graphLoadRoleCompetencyRows: descriptions.length * COMPETENCIES_PER_ROLE,
      graphLoadSeconds: round(loadMs / 1000),
      graphLoadRolesPerSecond: round(descriptions.length / (loadMs / 1000)),
      graphCatalogueRoundTrips: catalogueFigures.roundTrips,
      graphCatalogueBytes: catalogueFigures.bytes,
      graphCatalogueMs: round(catalogueMs),
      graphCatalogueWithoutTasksBytes: catalogueWithoutTasks.bytes,
      graphCatalogueRequests: catalogueFigures.requests,
      graphCatalogueRu: catalogueFigures.ru,
      graphCatalogueEdited50RoundTrips: edited.traffic.roundTrips,
      graphCatalogueEdited50Requests: edited.traffic.requests,
      graphCatalogueEdited50Bytes: edited.traffic.bytes,
      graphCatalogueEdited50Ru: edited.traffic.ru,
      graphCatalogueEdited50Ms: round(edited.ms),
      graphCatalogueEdited50ChangedRoles: edited.changedRoles,
      graphRoleRoundTrips: roleFigures.roundTrips,
      graphRoleRequests: roleFigures.requests,
      graphRoleBytes: roleFigures.bytes,
      graphRoleMs: round(roleMs),
      graphItemGetMedianMs: round(median(ms)),
    };
  });
}

/**
 * Edits the required level of `count` Functiecompetenties rows, spread over as many roles, the
 * way SharePoint's list UI writes them (one PATCH of the column, no If-Match), then reads the
 * catalogue cold: what it costs when rows changed since the approvals (issue 14).
 */
async function catalogueAfterEdits(
  hr: GraphHttp,
  site: SiteLists,
  staff: ReturnType<typeof createRepositories>,
  exchanges: Exchange[],
  count: number,
): Promise<{ traffic: ReturnType<typeof trafficOf>; ms: number; changedRoles: number }> {
  const before = await staff.roles.catalogue({ withTasks: false });
  const withApproval = new Set(
    before.decisions.filter((d) => d.outcome === 'approved').map((d) => d.roleId),
  );
  const approved = before.roles.filter((r) => withApproval.has(r.id)).slice(0, count);
  const rowShape = z.object({ value: z.array(z.object({ id: z.string() })) });
  const path = `${listPath(site, 'Functiecompetenties')}/items`;
  // SharePoint keeps times to the second: an edit in the approval's own second is not "after".
  await new Promise((resolve) => setTimeout(resolve, 1100));
  for (const role of approved) {
    const rows = await hr.get(
      `${path}?$select=id&$filter=fields/FunctieLookupId%20eq%20${role.id}&$top=1`,
      rowShape,
    );
    const row = rows.value[0];
    if (row) await hr.expectOk('PATCH', `${path}/${row.id}/fields`, { body: { VereistNiveau: 0 } });
  }
  exchanges.length = 0;
  const start = performance.now();
  const after = await staff.roles.catalogue();
  const ms = performance.now() - start;
  const ids = new Set(approved.map((r) => r.id));
  const changedRoles = after.roles.filter((r) => ids.has(r.id) && r.contentHash === null).length;
  return { traffic: trafficOf(exchanges), ms, changedRoles };
}

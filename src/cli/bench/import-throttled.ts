import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startEmulator } from '../../emulator/server';
import { DEFAULT_RU_PER_MINUTE } from '../../emulator/throttling';
import { createGraphClient, type GraphHttp } from '../../graph/client';
import { writeDescriptions } from '../../graph/import-writer';
import { provision } from '../../graph/provision';
import { createRepositories } from '../../graph/repositories';
import { itemsQuery, loadSiteLists, resolveSiteId } from '../../graph/site';
import { benchDataset } from '../bench-dataset';
import { round } from '../bench-kit';
import {
  emulatorSharePoint,
  emulatorTokens,
  importUserAgent,
  LOCAL_SITE,
  PERSONAS,
} from '../local-stack';

/**
 * The import under SharePoint's throttling (issue 12): the bench set's first roles written into
 * a fresh emulator started with SharePoint-shaped throttling (a resource-unit budget per app per
 * minute), as `npm run import` writes them — paced by the RateLimit headers, retrying what was
 * throttled. Reports the time, the RU spent, the throttled answers, the client's retries, and
 * whether every role, row and decision exists exactly once.
 *
 * Small by default (it waits for SharePoint's minute windows in real time):
 * `BENCH_THROTTLED_ROLES` (default 12) and `EMULATOR_RU_PER_MINUTE` (default SharePoint's 1,250)
 * scale it; `npm run bench -- --only import-throttled` runs it alone.
 */

export const name = 'import-throttled';

/** Anything not exactly once is a defect, not a slow run. */
export const budget = { importThrottledNotExactlyOnce: 0, importThrottledFailedDocuments: 0 };

const settingsSchema = z.object({
  roles: z.coerce.number().int().min(12).max(2000).default(12),
  ruPerMinute: z.coerce.number().int().min(50).default(DEFAULT_RU_PER_MINUTE),
});

const throttlingShape = z.object({
  spent: z.number(),
  throttled: z.number(),
  undecorated: z.number(),
});

export async function run(): Promise<Record<string, number>> {
  const settings = settingsSchema.parse({
    ...(process.env['BENCH_THROTTLED_ROLES']
      ? { roles: process.env['BENCH_THROTTLED_ROLES'] }
      : {}),
    ...(process.env['EMULATOR_RU_PER_MINUTE']
      ? { ruPerMinute: process.env['EMULATOR_RU_PER_MINUTE'] }
      : {}),
  });
  const docs = benchDataset(settings.roles).slice(0, settings.roles);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fw-bench-throttled-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    quiet: true,
    throttling: { ruPerMinute: settings.ruPerMinute },
  });
  try {
    let retries = 0;
    let waitedMs = 0;
    const userAgent = importUserAgent(LOCAL_SITE.hostname);
    const client = (upn: string): GraphHttp =>
      createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, upn),
        userAgent,
        retry: {
          // Retries wait for real (that is what is measured), and are counted.
          sleep: (ms) => {
            retries++;
            waitedMs += ms;
            return new Promise((resolve) => setTimeout(resolve, ms));
          },
        },
      });
    const admin = client(PERSONAS.admin);
    const siteId = await resolveSiteId(admin, LOCAL_SITE);
    await provision(admin, siteId, { sharePoint: await emulatorSharePoint(emulator.url, admin) });
    const site = await loadSiteLists(admin, siteId);
    const hr = createRepositories(client(PERSONAS.hr), site);
    const before = await throttlingStats(emulator.url);
    const retriesBefore = retries;
    const started = performance.now();
    const report = await writeDescriptions(docs, {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: createRepositories(client(PERSONAS.admin), site).decisions,
      concurrency: 4,
    });
    const importMs = performance.now() - started;
    const after = await throttlingStats(emulator.url);
    const importRetries = retries - retriesBefore;

    // Exactly once: one Functies item per key, every row once, every decision once.
    const staff = client(PERSONAS.staff);
    const staffRepos = createRepositories(staff, site);
    const catalogue = await staffRepos.roles.catalogue();
    let notExactlyOnce = 0;
    for (const doc of docs) {
      const items = catalogue.roles.filter((r) => r.key === doc.key);
      if (items.length !== 1) {
        notExactlyOnce++;
        continue;
      }
      const role = await staffRepos.roles.getByKey(doc.key);
      const rows = async (list: 'Taakafspraken' | 'Functiecompetenties'): Promise<number> =>
        (
          await staff.getAll(
            itemsQuery(site, list, {
              select: 'Title',
              filter: `fields/FunctieLookupId eq ${role.id}`,
            }),
            z.unknown(),
          )
        ).length;
      if ((await rows('Taakafspraken')) !== doc.resultAreas.length) notExactlyOnce++;
      if ((await rows('Functiecompetenties')) !== doc.competencies.length) notExactlyOnce++;
      if (role.decisions.length !== (doc.approval ? 1 : 0)) notExactlyOnce++;
    }
    return {
      importThrottledRoles: docs.length,
      importThrottledRuPerMinute: settings.ruPerMinute,
      importThrottledMs: Math.round(importMs),
      importThrottledRolesPerMinute: round((docs.length / importMs) * 60_000),
      importThrottledRuSpent: after.spent - before.spent,
      importThrottledAnswers: after.throttled - before.throttled,
      // Every wait of the client: a retry after a throttled answer, or a pacing wait.
      importThrottledClientWaits: importRetries,
      importThrottledWaitedMs: Math.round(waitedMs),
      importThrottledUndecorated: after.undecorated - before.undecorated,
      importThrottledFailedDocuments: report.documents.filter((d) => !d.ok).length,
      importThrottledNotExactlyOnce: notExactlyOnce,
    };
  } finally {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function throttlingStats(url: string): Promise<z.infer<typeof throttlingShape>> {
  const response = await fetch(`${url}/_emulator/throttling`);
  return throttlingShape.parse(await response.json());
}

import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Benchmark, type BenchOptions, DEFAULT_ROLES } from './bench-kit';

/**
 * `npm run bench -- [--json] [--only NAME] [--roles N]`: runs every benchmark module in
 * `src/cli/bench/` (see `bench-kit.ts` for what one exports). Adding a benchmark is adding a file
 * there. Progress goes to stderr; stdout carries only the result.
 *
 * `--json` on a full run prints the report of issue #7 (`benchReportSchema`, docs/quality.md);
 * with `--only` it prints that benchmark's own metrics as one flat object.
 *
 * Exit codes: 0 all ran within budget, 1 a benchmark failed or went over budget, 2 usage.
 */

export const USAGE = `Gebruik: npm run bench -- [--json] [--only NAAM] [--roles N]

  --json       één JSON-object op stdout: het rapport (volledige run) of de meetwaarden (--only)
  --only NAAM  alleen de benchmark NAAM uitvoeren
  --roles N    aantal gegenereerde functies (standaard ${DEFAULT_ROLES}, minstens 12)
  -h, --help   deze hulp`;

export type BenchIo = { stdout: (text: string) => void; stderr: (text: string) => void };

const benchmarkModuleSchema = z.object({
  name: z.string().min(1),
  run: z.custom<Benchmark['run']>((v) => typeof v === 'function', 'run moet een functie zijn'),
  budget: z.record(z.string(), z.number()).optional(),
});

const metricsSchema = z.record(z.string(), z.number().refine(Number.isFinite, 'geen eindig getal'));

const BENCH_DIR = join(__dirname, 'bench');

/** A loaded module as a benchmark, or an error naming the file that is not one. */
export function toBenchmark(mod: unknown, file: string): Benchmark {
  const parsed = benchmarkModuleSchema.safeParse(mod);
  if (!parsed.success) {
    throw new Error(`${file} is geen benchmark: exporteer 'name' en 'run' (zie bench-kit.ts).`);
  }
  return parsed.data;
}

export type LoadedBenchmarks = {
  benchmarks: Benchmark[];
  /** Modules that could not be loaded (a missing import, a wrong export), one line each. */
  problems: string[];
};

/**
 * Every module in `src/cli/bench/`, sorted by file name so the order is stable. A module that
 * does not load is a problem to report, not a reason to run none of the others.
 */
export async function loadBenchmarks(dir: string = BENCH_DIR): Promise<LoadedBenchmarks> {
  const files = (await readdir(dir))
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  // require, not import(): the project is CommonJS, tsx hooks require for .ts files, and jest can
  // load a required module but not a dynamically imported one.
  const requireModule = createRequire(__filename);
  const benchmarks: Benchmark[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const benchmark = toBenchmark(requireModule(join(dir, file)), file);
      if (benchmarks.some((b) => b.name === benchmark.name)) {
        problems.push(`${file}: een andere benchmark heet al '${benchmark.name}'.`);
      } else {
        benchmarks.push(benchmark);
      }
    } catch (err) {
      const message = errorLine(err);
      problems.push(message.startsWith(file) ? message : `${file}: niet geladen: ${message}`);
    }
  }
  return { benchmarks, problems };
}

/**
 * The first line of a thrown value's message. Not `instanceof Error`: an error thrown by another
 * realm's loader (jest's, a worker's) is error-shaped without being an instance of ours.
 */
function errorLine(err: unknown): string {
  const message =
    typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}

type Row = { benchmark: string; metric: string; value: number; budget: number | undefined };

export async function runBench(
  argv: readonly string[],
  io: BenchIo,
  load: () => Promise<LoadedBenchmarks> = () => loadBenchmarks(),
): Promise<number> {
  let values: { json?: boolean; only?: string; roles?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        only: { type: 'string' },
        roles: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const roles = rolesSchema.safeParse(values.roles ?? String(DEFAULT_ROLES));
  if (!roles.success) {
    io.stderr(`--roles moet een geheel getal vanaf 12 zijn, niet '${values.roles}'.\n\n${USAGE}\n`);
    return 2;
  }
  const options: BenchOptions = { roles: roles.data };

  const { benchmarks: all, problems } = await load();
  const selected = values.only === undefined ? all : all.filter((b) => b.name === values.only);
  // Running everything promises every benchmark: one that did not load fails the run. With
  // --only, someone else's broken module is only worth a warning.
  let failed = values.only === undefined && problems.length > 0;
  for (const p of problems) io.stderr(`${values.only === undefined ? '' : 'waarschuwing: '}${p}\n`);
  if (selected.length === 0) {
    const known = all.map((b) => b.name).join(', ') || '(geen)';
    if (values.only !== undefined) {
      io.stderr(`Onbekende benchmark '${values.only}'. Beschikbaar: ${known}.\n`);
      return 2;
    }
    io.stderr('Geen benchmarks om uit te voeren.\n');
    return 1;
  }

  const merged: Record<string, number> = {};
  const owner = new Map<string, string>();
  const rows: Row[] = [];
  for (const benchmark of selected) {
    let metrics: Record<string, number>;
    io.stderr(`benchmark '${benchmark.name}'…\n`);
    try {
      metrics = metricsSchema.parse(await benchmark.run(options));
    } catch (err) {
      failed = true;
      io.stderr(
        `benchmark '${benchmark.name}' mislukt: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      continue;
    }
    for (const [metric, value] of Object.entries(metrics)) {
      const other = owner.get(metric);
      if (other !== undefined) {
        // Merging into one object must not let one benchmark silently overwrite another's figure.
        failed = true;
        io.stderr(
          `meetwaarde '${metric}' komt uit '${other}' én '${benchmark.name}'; geef ze een eigen naam.\n`,
        );
        continue;
      }
      owner.set(metric, benchmark.name);
      merged[metric] = value;
      rows.push({ benchmark: benchmark.name, metric, value, budget: benchmark.budget?.[metric] });
    }
  }

  const over = rows.filter((r) => r.budget !== undefined && r.value > r.budget);
  for (const r of over) {
    failed = true;
    io.stderr(`boven budget: ${r.metric} = ${r.value} (maximaal ${r.budget})\n`);
  }
  if (!values.json) {
    io.stdout(table(rows));
  } else if (values.only !== undefined) {
    io.stdout(`${JSON.stringify(merged, null, 2)}\n`);
  } else {
    const report = buildReport(merged);
    if (report.ok) {
      for (const [figure, b] of Object.entries(report.report.budgets)) {
        if (b.pass) continue;
        failed = true;
        io.stderr(`boven budget (rapport): ${figure} = ${b.value} (maximaal ${b.max})\n`);
      }
      io.stdout(`${JSON.stringify(report.report, null, 2)}\n`);
    } else {
      // Still one object on stdout, so a script reading it gets what was measured.
      failed = true;
      io.stderr(`rapport onvolledig: ${report.problem}\n`);
      io.stdout(`${JSON.stringify(merged, null, 2)}\n`);
    }
  }
  return failed ? 1 : 0;
}

const rolesSchema = z.coerce.number().int().min(12).max(100_000);

// ── The report (issue #7) ──────────────────────────────────────────────────────────────────────

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();
/** Naive ÷ ours: how many times more the naive client costs (1 decimal). */
const ratio = z.number().nonnegative();

const trafficSchema = z.strictObject({ requests: count, roundTrips: count, bytes: count });
const naiveViewSchema = trafficSchema.extend({ coldMs: ms, warmMs: ms });
const viewSchema = naiveViewSchema.extend({ fetchMs: ms });
const viewRatiosSchema = z.strictObject({
  requests: ratio,
  roundTrips: ratio,
  bytes: ratio,
  coldMs: ratio,
  warmMs: ratio,
  fetchMs: ratio,
});
const budgetSchema = z.strictObject({ value: z.number(), max: z.number(), pass: z.boolean() });

const VIEWS = ['catalogue', 'role', 'compare', 'approvals'] as const;
type View = (typeof VIEWS)[number];

/**
 * What `npm run -s bench -- --json` prints after a full run (docs/quality.md explains each
 * figure). Per view, ours: `requests` (Graph requests, each `$batch` entry counted), `roundTrips`
 * (HTTP exchanges), `bytes` (bodies both ways, uncompressed), `coldMs`/`warmMs` (Chromium,
 * navigation to visible content; first open in a fresh profile / reopen), `fetchMs` (the same data
 * fetched in Node). `naive` has the same figures for the naive client, whose times are its data
 * fetch in Node (it has no browser build). `ratios` is naive ÷ ours for each figure; for
 * `coldMs`/`warmMs` that sets the naive fetch against our full open in Chromium, so it
 * understates our lead; `fetchMs` compares like with like.
 */
export const benchReportSchema = z.strictObject({
  roles: count.min(1),
  competenciesPerRole: count,
  session: trafficSchema,
  catalogue: viewSchema,
  role: viewSchema.extend({ clickMs: ms }),
  compare: viewSchema,
  approvals: viewSchema,
  searchMs: ms,
  initialJsGzipKB: z.number().nonnegative(),
  importDocsPerSecond: z.number().nonnegative(),
  naive: z.strictObject({
    session: trafficSchema,
    catalogue: naiveViewSchema,
    role: naiveViewSchema,
    compare: naiveViewSchema,
    approvals: naiveViewSchema,
  }),
  ratios: z.strictObject({
    session: z.strictObject({ requests: ratio, roundTrips: ratio, bytes: ratio }),
    catalogue: viewRatiosSchema,
    role: viewRatiosSchema,
    compare: viewRatiosSchema,
    approvals: viewRatiosSchema,
  }),
  budgets: z.strictObject({
    catalogueRoundTrips: budgetSchema,
    roleRoundTrips: budgetSchema,
    catalogueColdMs: budgetSchema,
    catalogueWarmMs: budgetSchema,
    roleClickMs: budgetSchema,
    searchMs: budgetSchema,
    initialJsGzipKB: budgetSchema,
  }),
  /** Every metric the benchmarks reported, flat, as measured (including those above). */
  metrics: z.record(z.string(), z.number()),
});

export type BenchReport = z.infer<typeof benchReportSchema>;

/** The budgets of issue #7 (and #4): a figure above its maximum fails. */
export const REPORT_BUDGETS = {
  catalogueRoundTrips: 2,
  roleRoundTrips: 1,
  catalogueColdMs: 1500,
  catalogueWarmMs: 300,
  roleClickMs: 500,
  searchMs: 50,
  initialJsGzipKB: 250,
} as const;

/** The report from the benchmarks' flat metrics, or which metric is missing. */
export function buildReport(
  metrics: Readonly<Record<string, number>>,
): { ok: true; report: BenchReport } | { ok: false; problem: string } {
  const missing = new Set<string>();
  const m = (metric: string): number => {
    const value = metrics[metric];
    if (value === undefined) {
      missing.add(metric);
      return 0;
    }
    return value;
  };
  const cap = (view: string): string => `${view.charAt(0).toUpperCase()}${view.slice(1)}`;
  const traffic = (prefix: string) => ({
    requests: m(`${prefix}Requests`),
    roundTrips: m(`${prefix}RoundTrips`),
    bytes: m(`${prefix}Bytes`),
  });
  const ours = (view: View) => ({
    ...traffic(view),
    coldMs: m(`browser${cap(view)}ColdMs`),
    warmMs: m(`browser${cap(view)}WarmMs`),
    fetchMs: m(`${view}FetchMs`),
  });
  const naive = (view: View) => ({
    ...traffic(`naive${cap(view)}`),
    coldMs: m(`naive${cap(view)}ColdMs`),
    warmMs: m(`naive${cap(view)}WarmMs`),
  });
  const times = (n: number, o: number): number =>
    o === 0 ? (n === 0 ? 1 : Number.POSITIVE_INFINITY) : Math.round((n / o) * 10) / 10;
  const trafficRatios = (
    n: { requests: number; roundTrips: number; bytes: number },
    o: { requests: number; roundTrips: number; bytes: number },
  ) => ({
    requests: times(n.requests, o.requests),
    roundTrips: times(n.roundTrips, o.roundTrips),
    bytes: times(n.bytes, o.bytes),
  });
  const viewRatios = (n: ReturnType<typeof naive>, o: ReturnType<typeof ours>) => ({
    ...trafficRatios(n, o),
    coldMs: times(n.coldMs, o.coldMs),
    warmMs: times(n.warmMs, o.warmMs),
    fetchMs: times(n.coldMs, o.fetchMs),
  });

  const views = Object.fromEntries(VIEWS.map((v) => [v, ours(v)])) as Record<
    View,
    ReturnType<typeof ours>
  >;
  const naiveViews = Object.fromEntries(VIEWS.map((v) => [v, naive(v)])) as Record<
    View,
    ReturnType<typeof naive>
  >;
  const session = traffic('session');
  const naiveSession = traffic('naiveSession');
  const searchMs = m('browserSearchKeystrokeMs');
  const initialJsGzipKB = m('browserInitialJsGzipKb');
  const roleClickMs = m('browserRoleAfterClickMs');
  const budget = (value: number, max: number) => ({ value, max, pass: value <= max });

  const report = {
    roles: m('viewsRoles'),
    competenciesPerRole: m('viewsCompetenciesPerRole'),
    session,
    catalogue: views.catalogue,
    role: { ...views.role, clickMs: roleClickMs },
    compare: views.compare,
    approvals: views.approvals,
    searchMs,
    initialJsGzipKB,
    importDocsPerSecond: m('importDocsPerSecond'),
    naive: { session: naiveSession, ...naiveViews },
    ratios: {
      session: trafficRatios(naiveSession, session),
      ...(Object.fromEntries(VIEWS.map((v) => [v, viewRatios(naiveViews[v], views[v])])) as Record<
        View,
        ReturnType<typeof viewRatios>
      >),
    },
    budgets: {
      catalogueRoundTrips: budget(views.catalogue.roundTrips, REPORT_BUDGETS.catalogueRoundTrips),
      roleRoundTrips: budget(views.role.roundTrips, REPORT_BUDGETS.roleRoundTrips),
      catalogueColdMs: budget(views.catalogue.coldMs, REPORT_BUDGETS.catalogueColdMs),
      catalogueWarmMs: budget(views.catalogue.warmMs, REPORT_BUDGETS.catalogueWarmMs),
      roleClickMs: budget(roleClickMs, REPORT_BUDGETS.roleClickMs),
      searchMs: budget(searchMs, REPORT_BUDGETS.searchMs),
      initialJsGzipKB: budget(initialJsGzipKB, REPORT_BUDGETS.initialJsGzipKB),
    },
    metrics: { ...metrics },
  };
  if (missing.size > 0) {
    return { ok: false, problem: `geen meetwaarde ${[...missing].sort().join(', ')}` };
  }
  const parsed = benchReportSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { ok: true, report: parsed.data };
}

function table(rows: readonly Row[]): string {
  const header = ['benchmark', 'meetwaarde', 'waarde', 'budget'];
  const cells = rows.map((r) => [
    r.benchmark,
    r.metric,
    String(r.value),
    r.budget === undefined ? '' : `≤ ${r.budget}${r.value > r.budget ? '  TE HOOG' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

if (require.main === module) {
  runBench(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `Onverwachte fout: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

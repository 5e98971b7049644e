import { z } from 'zod';

/**
 * The report `npm run -s bench -- --json` prints after a full run (issue #7): the benchmarks'
 * flat metrics arranged per view, ours beside the naive client's, with the ratios and the budgets
 * judged. docs/quality.md explains each figure.
 */

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

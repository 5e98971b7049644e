import type { GraphHttp, RawResponse } from '../../graph/client';
import type { ListName } from '../../graph/lists';
import type { SharePointProvisioning } from '../../graph/provision-sharepoint';

/**
 * The tenant self-test's frame: what a check is, what it may use, and how its outcome is
 * written — one Dutch line per check (geslaagd / mislukt, what it saw, what to fix), then
 * `N geslaagd, M mislukt`. The checks themselves are in checks-lists.ts and checks-teams.ts.
 */

/** An account the self-test acts as, with its own Graph client. */
export interface Actor {
  upn: string;
  /** Entra object id, from `/me`. */
  id: string;
  http: GraphHttp;
}

export interface CheckConfig {
  teamId: string;
  channelId: string;
  approverGroupId: string;
  /** The manifest's `id` (TEAMS_APP_ID). */
  manifestAppId: string;
  /** TEAMS_CATALOG_APP_ID when IT set it: the id the org catalog gave the app. */
  catalogAppId: string | null;
}

export interface CheckContext {
  mode: 'site' | 'local';
  siteUrl: string;
  siteId: string;
  /** The provisioned lists by name; a check needing a missing list fails naming provisioning. */
  lists: ReadonlyMap<ListName, string>;
  /** Site owner (IT): provisioned the site, member of the approval team. */
  it: Actor;
  /** A member of the approver group: add-only on Besluiten. */
  approver: Actor;
  config: CheckConfig;
  /** SharePoint REST on the site as IT (the SharePoint resource's token) and the principals. */
  sharePoint: SharePointProvisioning | null;
  /** Unique per run, in every throw-away item's key and title. */
  stamp: string;
  /** Registers the removal of a throw-away item; run last first after all checks. */
  cleanup: (what: string, remove: () => Promise<void>) => void;
  /** What a check leaves for later ones (the throw-away role's id, the decision's id). */
  shared: Map<string, string>;
}

export type Verdict = 'geslaagd' | 'mislukt' | 'niet te controleren lokaal';

export interface Outcome {
  verdict: Verdict;
  /** What the check saw, in Dutch. */
  saw: string;
  /** Which setting or deploy step fixes it (for mislukt). */
  fix?: string;
}

export interface Check {
  /** Short Dutch name of the assumption, e.g. "Filter op …LookupId zonder Prefer-header". */
  title: string;
  run(ctx: CheckContext): Promise<Outcome>;
}

export const passed = (saw: string): Outcome => ({ verdict: 'geslaagd', saw });
export const failed = (saw: string, fix: string): Outcome => ({ verdict: 'mislukt', saw, fix });

/** "HTTP 403 accessDenied: Access denied…" — what a refusal said, shortened for one line. */
export function answer(response: RawResponse): string {
  const error = (response.body as { error?: { code?: unknown; message?: unknown } } | undefined)
    ?.error;
  const code = typeof error?.code === 'string' ? ` ${error.code}` : '';
  const message = typeof error?.message === 'string' ? `: ${error.message.slice(0, 160)}` : '';
  return `HTTP ${response.status}${code}${message}`;
}

export interface RunReport {
  lines: string[];
  passed: number;
  failed: number;
  notCheckable: number;
  /** Throw-away items that could not be removed, with why. */
  leftovers: string[];
}

const MARK: Record<Verdict, string> = {
  geslaagd: '✓',
  mislukt: '✗',
  'niet te controleren lokaal': '–',
};

export function formatOutcome(title: string, outcome: Outcome): string {
  const saw = /[.!?]$/.test(outcome.saw) ? outcome.saw : `${outcome.saw}.`;
  const fix = outcome.verdict === 'mislukt' && outcome.fix ? ` Oplossen: ${outcome.fix}` : '';
  return `${MARK[outcome.verdict]} ${title}: ${outcome.verdict} — ${saw}${fix}`;
}

/**
 * Runs every check in order (later ones may use what earlier ones created), never stopping at a
 * failure: a check that throws fails with what it threw. Then removes the throw-away items, last
 * first, and reports any it could not remove.
 */
export async function runChecks(
  checks: readonly Check[],
  ctx: Omit<CheckContext, 'cleanup'>,
  onLine: (line: string) => void,
): Promise<RunReport> {
  const removals: { what: string; remove: () => Promise<void> }[] = [];
  const full: CheckContext = { ...ctx, cleanup: (what, remove) => removals.push({ what, remove }) };
  const report: RunReport = { lines: [], passed: 0, failed: 0, notCheckable: 0, leftovers: [] };
  for (const check of checks) {
    let outcome: Outcome;
    try {
      outcome = await check.run(full);
    } catch (error) {
      outcome = failed(
        `de controle liep vast: ${error instanceof Error ? error.message : String(error)}`,
        'zie de melding; controleer verbinding en aanmelding en voer de zelftest opnieuw uit.',
      );
    }
    if (outcome.verdict === 'geslaagd') report.passed += 1;
    else if (outcome.verdict === 'mislukt') report.failed += 1;
    else report.notCheckable += 1;
    const line = formatOutcome(check.title, outcome);
    report.lines.push(line);
    onLine(line);
  }
  for (const { what, remove } of removals.reverse()) {
    try {
      await remove();
    } catch (error) {
      report.leftovers.push(`${what} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return report;
}

export function summaryLine(report: RunReport): string {
  const extra =
    report.notCheckable > 0 ? `, ${report.notCheckable} niet te controleren lokaal` : '';
  return `${report.passed} geslaagd, ${report.failed} mislukt${extra}`;
}

import { canonicalContentJson, contentHash, contentOf } from '../domain/content-hash';
import type { FunctionDescription } from '../domain/schema';
import { DataError, ForbiddenError } from './errors';
import type { DecisionRecord } from './model';
import type { CompetencyRepository, Drift, EnsureResult } from './repositories/competencies';
import type { DecisionRepository } from './repositories/decisions';
import type { RoleRepository } from './repositories/roles';

/**
 * Writes imported descriptions through Graph (`npm run import`, and the samples on first start).
 *
 * - Idempotent by key: a re-import finds the role by FunctieKey and replaces its content; the
 *   same document twice changes nothing.
 * - All or nothing per document: RoleRepository.write commits with one PATCH after all rows are
 *   in (see repositories/roles); a failure leaves the previous version, or nothing, visible.
 * - The dictionary is filled, never overwritten; differences are reported as drift.
 * - The document's approval line becomes a decision marked Geimporteerd, bound to the hash of the
 *   content as written, written once (a re-import finds it). Decisions are add-only for approvers
 *   and IT; the writer takes a separate repository for them, so the content can be written as HR.
 */

export interface ImportWriterDeps {
  roles: RoleRepository;
  competencies: CompetencyRepository;
  /** Repository on a client allowed to add decisions; null: approval lines are reported, not written. */
  decisions: DecisionRepository | null;
  /** Documents written at the same time (default 1). */
  concurrency?: number;
  onProgress?: (progress: Progress) => void;
  /**
   * Attempts per document when SharePoint is unreachable or throttling beyond the client's own
   * retries (default 3). Safe because a document is written by key: an attempt that died
   * half-way is found and completed by the next one.
   */
  attempts?: number;
  /** Wait between those attempts (default 2 s); injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_ATTEMPTS = 3;
const ATTEMPT_PAUSE_MS = 2000;

/** SharePoint was not there or not willing: trying the same thing later can succeed. */
function isTransient(error: unknown): boolean {
  return error instanceof DataError && (error.kind === 'network' || error.kind === 'throttled');
}

export interface Progress {
  done: number;
  total: number;
  /** Key of the document that just finished. */
  current: string;
}

export type DecisionOutcome =
  | { kind: 'none' }
  | { kind: 'created'; decisionId: string }
  | { kind: 'present'; decisionId: string }
  | { kind: 'failed'; message: string; transient?: boolean };

export type DocumentOutcome =
  | {
      key: string;
      title: string;
      ok: true;
      action: 'created' | 'updated' | 'unchanged';
      roleId: string;
      decision: DecisionOutcome;
      /** The content read back differs from what was written (should not happen; reported). */
      mismatch: boolean;
    }
  | {
      key: string;
      title: string;
      ok: false;
      /**
       * Why, for a caller that offers a way forward: the same key twice in the batch, the
       * dictionary could not be updated, not attempted after SharePoint stayed unreachable for
       * an earlier document, or the document's own write failed (`error` says how).
       */
      failure: 'duplicate-key' | 'dictionary' | 'not-attempted' | 'write';
      message: string;
      error: unknown;
    };

export interface ImportReport {
  documents: DocumentOutcome[];
  dictionary: { created: string[]; filled: string[] };
  drift: Drift[];
  /** True when a document or a decision could not be written. */
  failed: boolean;
}

export async function writeDescriptions(
  descriptions: readonly FunctionDescription[],
  deps: ImportWriterDeps,
): Promise<ImportReport> {
  const outcomes = new Array<DocumentOutcome>(descriptions.length);
  const seen = new Map<string, number>();
  const todo: number[] = [];
  descriptions.forEach((d, i) => {
    const first = seen.get(d.key);
    if (first !== undefined) {
      outcomes[i] = {
        key: d.key,
        title: d.title,
        ok: false,
        failure: 'duplicate-key',
        message: `dezelfde sleutel '${d.key}' als document ${first + 1}: welke versie geldt? Importeer ze apart.`,
        error: null,
      };
    } else {
      seen.set(d.key, i);
      todo.push(i);
    }
  });

  // The dictionary first, for all documents at once: concurrent documents then never race to
  // create the same competency.
  let ensured: EnsureResult;
  try {
    ensured = await deps.competencies.ensure(
      todo.flatMap((i) => {
        const d = descriptions[i] as FunctionDescription;
        return d.competencies.map((competency) => ({ source: d.key, competency }));
      }),
    );
  } catch (error) {
    // No role was touched yet: every document is reported as not written, with the reason.
    for (const i of todo) {
      const d = descriptions[i] as FunctionDescription;
      outcomes[i] = {
        key: d.key,
        title: d.title,
        ok: false,
        failure: 'dictionary',
        message: `het competentiewoordenboek kon niet bijgewerkt worden: ${describeError(error)}`,
        error,
      };
    }
    return {
      documents: outcomes,
      dictionary: { created: [], filled: [] },
      drift: [],
      failed: true,
    };
  }

  let done = descriptions.length - todo.length;
  let next = 0;
  // Once a document could not reach SharePoint through all its attempts, the rest would only
  // wait out the same outage one by one: they are reported as not attempted instead.
  let unreachable: string | null = null;
  const lane = async (): Promise<void> => {
    while (next < todo.length && unreachable === null) {
      const index = todo[next++] as number;
      const description = descriptions[index] as FunctionDescription;
      const outcome = await writeWithAttempts(description, ensured.ids, deps);
      outcomes[index] = outcome;
      if (!outcome.ok && isTransient(outcome.error)) unreachable = outcome.message;
      done++;
      deps.onProgress?.({ done, total: descriptions.length, current: description.key });
    }
  };
  const lanes = Math.max(1, Math.min(deps.concurrency ?? 1, todo.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  for (const index of todo) {
    if (outcomes[index] !== undefined) continue;
    const d = descriptions[index] as FunctionDescription;
    outcomes[index] = {
      key: d.key,
      title: d.title,
      ok: false,
      failure: 'not-attempted',
      message: `niet geprobeerd: SharePoint bleef onbereikbaar (${unreachable ?? 'onbekende fout'})`,
      error: null,
    };
  }

  return {
    documents: outcomes,
    dictionary: { created: ensured.created, filled: ensured.filled },
    drift: ensured.drift,
    failed: outcomes.some((o) => !o.ok || o.decision.kind === 'failed' || o.mismatch),
  };
}

/** `writeOne`, again after a pause while the failure is transient (see `attempts`). */
async function writeWithAttempts(
  description: FunctionDescription,
  dictionaryIds: ReadonlyMap<string, string>,
  deps: ImportWriterDeps,
): Promise<DocumentOutcome> {
  const attempts = Math.max(1, deps.attempts ?? DEFAULT_ATTEMPTS);
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let outcome = await writeOne(description, dictionaryIds, deps);
  for (let attempt = 2; attempt <= attempts; attempt++) {
    const transient = outcome.ok
      ? outcome.decision.kind === 'failed' && outcome.decision.transient
      : isTransient(outcome.error);
    if (!transient) break;
    await sleep(ATTEMPT_PAUSE_MS);
    outcome = await writeOne(description, dictionaryIds, deps);
  }
  return outcome;
}

async function writeOne(
  description: FunctionDescription,
  dictionaryIds: ReadonlyMap<string, string>,
  deps: ImportWriterDeps,
): Promise<DocumentOutcome> {
  const content = contentOf(description);
  let written;
  let stored;
  try {
    written = await deps.roles.write(content, dictionaryIds);
    // Read back what a user will see: it must hash to what we wrote.
    stored = await deps.roles.getById(written.roleId);
  } catch (error) {
    return {
      key: description.key,
      title: description.title,
      ok: false,
      failure: 'write',
      message: describeError(error),
      error,
    };
  }
  const mismatch = (await contentHash(stored.content)) !== written.contentHash;
  const decision = await writeApproval(
    description,
    written.roleId,
    written.contentHash,
    stored.decisions,
    deps,
  );
  return {
    key: description.key,
    title: description.title,
    ok: true,
    action: written.action,
    roleId: written.roleId,
    decision,
    mismatch,
  };
}

async function writeApproval(
  description: FunctionDescription,
  roleId: string,
  hash: string,
  existing: readonly DecisionRecord[],
  deps: ImportWriterDeps,
): Promise<DecisionOutcome> {
  const approval = description.approval;
  if (approval === null) return { kind: 'none' };
  const present = existing.find(
    (d) =>
      d.imported &&
      d.outcome === 'approved' &&
      d.decisionDate === approval.decisionDate &&
      d.contentHash === hash,
  );
  if (present) return { kind: 'present', decisionId: present.id };
  if (deps.decisions === null) {
    return { kind: 'failed', message: 'geen account opgegeven dat besluiten mag schrijven' };
  }
  try {
    const created = await deps.decisions.create({
      roleId,
      roleTitle: description.title,
      requestId: null,
      outcome: 'approved',
      decisionDate: approval.decisionDate,
      contentHash: hash as `sha256:${string}`,
      reason: null,
      snapshot: canonicalContentJson(description),
      imported: true,
    });
    return { kind: 'created', decisionId: created.id };
  } catch (error) {
    if (error instanceof ForbiddenError) {
      return {
        kind: 'failed',
        message:
          'dit account mag geen besluiten toevoegen. Laat IT (groep Functiewijzer Eigenaars) de import herhalen; de inhoud staat er al',
      };
    }
    return { kind: 'failed', message: describeError(error), transient: isTransient(error) };
  }
}

/**
 * Keys of the documents that did not fully land: not written, or written without their approval
 * line. Running the same import again finishes exactly these; the rest is found by key and left
 * as it is (action "unchanged", approval "present").
 */
export function notLanded(report: ImportReport): string[] {
  return report.documents
    .filter((d) => !d.ok || d.decision.kind === 'failed' || d.mismatch)
    .map((d) => d.key);
}

function describeError(error: unknown): string {
  if (error instanceof DataError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const ACTION_LABEL = { created: 'nieuw', updated: 'bijgewerkt', unchanged: 'ongewijzigd' } as const;

/** The Dutch summary the CLI prints. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const d of report.documents) {
    if (!d.ok) {
      lines.push(`✗ ${d.title} (${d.key}): niet weggeschreven — ${d.message}`);
      continue;
    }
    const decision =
      d.decision.kind === 'created'
        ? '; goedkeuring als besluit geregistreerd'
        : d.decision.kind === 'present'
          ? '; goedkeuring was al geregistreerd'
          : d.decision.kind === 'failed'
            ? `; goedkeuring NIET geregistreerd: ${d.decision.message}`
            : '';
    lines.push(
      `${d.decision.kind === 'failed' ? '!' : '✓'} ${d.title} (${d.key}): ${ACTION_LABEL[d.action]}${decision}`,
    );
    if (d.mismatch) {
      lines.push('    ! de opgeslagen inhoud wijkt af van het document; meld dit aan IT');
    }
  }
  if (report.dictionary.created.length > 0) {
    lines.push(`Woordenboek: ${report.dictionary.created.length} nieuwe competentie(s).`);
  }
  if (report.dictionary.filled.length > 0) {
    lines.push(`Woordenboek: lege velden aangevuld bij ${report.dictionary.filled.join(', ')}.`);
  }
  if (report.drift.length > 0) {
    lines.push(
      `Woordenboek: ${report.drift.length} verschil(len) met bestaande competenties; het woordenboek is NIET overschreven (de functie zelf bewaart haar eigen tekst):`,
    );
    for (const d of report.drift) {
      lines.push(`    ${d.competency} in ${d.source}: andere ${d.fields.join(', ')}`);
    }
  }
  const ok = report.documents.filter((d) => d.ok).length;
  lines.push(`${ok} van ${report.documents.length} document(en) weggeschreven.`);
  return lines.join('\n');
}

/** What the progress bar writes to: process.stderr, or a test double. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * A one-line progress bar, redrawn in place — only on a terminal: in a log file or a CI run a
 * carriage-return animation is noise. Returns the callback and a `finish` that clears the line.
 */
export function progressBar(stream: ProgressStream): {
  onProgress: (p: Progress) => void;
  finish: () => void;
} {
  if (!stream.isTTY) return { onProgress: () => undefined, finish: () => undefined };
  let drawn = false;
  return {
    onProgress: ({ done, total, current }) => {
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const text = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${current}`;
      const max = (stream.columns ?? 80) - 1;
      stream.write(`\r${text.slice(0, max).padEnd(max)}`);
      drawn = true;
    },
    finish: () => {
      if (drawn) stream.write(`\r${' '.repeat((stream.columns ?? 80) - 1)}\r`);
    },
  };
}

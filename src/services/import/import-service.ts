import type { FunctionContent, FunctionDescription } from '../../domain/schema';
import { DataError, ForbiddenError, NotFoundError } from '../../graph/errors';
import { writeDescriptions, type DocumentOutcome, type Progress } from '../../graph/import-writer';
import type { Repositories } from '../../graph/repositories';
import type { IdentityService } from '../identity';

/**
 * HR's import from the tab (issue 13, item 4): documents parsed in the browser are written
 * through the same writer as `npm run import` (src/graph/import-writer.ts), with the signed-in
 * user's own token, so SharePoint decides what they may write. Content only: an approval line
 * in a document is never written as a decision from here (decisions are add-only for the
 * approvers and IT; DESIGN §5), and each result says so.
 */

export type ImportProgress = Progress;

/** The document's approval line, when it had one: not imported as a decision (see above). */
export type SkippedApproval = { approvedBy: string; decisionDate: string } | null;

export type SaveOutcome =
  | {
      key: string;
      title: string;
      kind: 'written';
      action: 'created' | 'updated';
      skippedApproval: SkippedApproval;
    }
  | { key: string; title: string; kind: 'unchanged'; skippedApproval: SkippedApproval }
  | {
      key: string;
      title: string;
      kind: 'failed';
      /** Dutch: what went wrong. */
      message: string;
      /** Dutch: what the user can do about it. */
      advice: string;
    };

/** What the tab's import page needs; the tab port (TabRepositories.importer) is this. */
export interface ImportPort {
  /** The role's current content in SharePoint, or null when no role has this key. */
  current(key: string, signal?: AbortSignal): Promise<FunctionContent | null>;
  /** Writes the documents (content only), one result per document in the same order. */
  save(
    descriptions: readonly FunctionDescription[],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<SaveOutcome[]>;
}

export interface ImportServiceOptions {
  repos: Pick<Repositories, 'roles' | 'competencies'>;
  identity: Pick<IdentityService, 'current'>;
}

export class ImportService implements ImportPort {
  constructor(private readonly options: ImportServiceOptions) {}

  async current(key: string, signal?: AbortSignal): Promise<FunctionContent | null> {
    try {
      const role = await this.options.repos.roles.getByKey(key, signal ? { signal } : {});
      return role.content;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async save(
    descriptions: readonly FunctionDescription[],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<SaveOutcome[]> {
    // The page is offered to HR only; refusing here too keeps the service honest for any other
    // caller. SharePoint refuses a staff member's writes anyway (test/services/import*.test.ts).
    const identity = await this.options.identity.current();
    if (!identity.roles.has('hr')) {
      throw new ForbiddenError(
        'Alleen HR kan functiebeschrijvingen importeren. Vraag HR om de documenten in te lezen.',
      );
    }
    const report = await writeDescriptions(
      descriptions.map((d) => ({ ...d, approval: null })),
      {
        roles: this.options.repos.roles,
        competencies: this.options.repos.competencies,
        decisions: null,
        ...(onProgress ? { onProgress } : {}),
      },
    );
    return report.documents.map((outcome, i) =>
      toSaveOutcome(outcome, descriptions[i]?.approval ?? null),
    );
  }
}

function toSaveOutcome(outcome: DocumentOutcome, approval: SkippedApproval): SaveOutcome {
  const { key, title } = outcome;
  if (!outcome.ok) {
    return { key, title, kind: 'failed', message: outcome.message, advice: adviceFor(outcome) };
  }
  const skippedApproval = approval
    ? { approvedBy: approval.approvedBy, decisionDate: approval.decisionDate }
    : null;
  if (outcome.action === 'unchanged') return { key, title, kind: 'unchanged', skippedApproval };
  return { key, title, kind: 'written', action: outcome.action, skippedApproval };
}

/** The way forward for each kind of failure, in Dutch. */
function adviceFor(outcome: Extract<DocumentOutcome, { ok: false }>): string {
  const { error } = outcome;
  // The writer's own refusals carry no error of SharePoint's.
  if (outcome.failure === 'not-attempted') {
    return 'SharePoint was niet bereikbaar. Probeer later opnieuw op te slaan: wat al bewaard is, wordt herkend en niet dubbel geschreven.';
  }
  if (outcome.failure === 'duplicate-key') {
    return 'Twee documenten beschrijven dezelfde functie: vink er één uit en sla opnieuw op.';
  }
  if (error instanceof DataError) {
    switch (error.kind) {
      case 'forbidden':
      case 'unauthorized':
        return 'Je account mag niet schrijven in de lijsten van de Functiewijzer. Vraag IT om je toe te voegen aan de HR-groep, of laat een collega van HR het document opslaan.';
      case 'network':
      case 'throttled':
        return 'SharePoint was niet bereikbaar of overbelast. Probeer later opnieuw op te slaan: wat al bewaard is, wordt herkend en niet dubbel geschreven.';
      case 'conflict':
        return 'Iemand anders wijzigde deze functie op hetzelfde moment. Lees het document opnieuw in, bekijk de verschillen en sla opnieuw op.';
      case 'validation':
      case 'notFound':
        return 'SharePoint aanvaardde de inhoud niet. Controleer het document; blijft het misgaan, meld het aan IT met het document erbij.';
    }
  }
  return 'Probeer opnieuw op te slaan. Blijft het misgaan, meld het aan IT met het document erbij.';
}

import type { Change } from '../domain/diff';
import { formatIsoDate, type Locale } from '../domain/dates';
import type { LevelComparison } from '../domain/levels';
import type { RoleStatus, StatusCheck } from '../domain/status';
import {
  describeChange as describe,
  summariseChanges as summarise,
  type SummaryOptions,
} from './changes';
import { compareSummary as compare } from './compare-summary';
import { en } from './en';
import { nl, type Strings } from './nl';

/*
 * Every word a user reads, by language (DESIGN §8: shared by the tab, src/teams and the
 * services; it imports only the domain). The domain hands over kinds, counts and dates; these
 * functions put them into words.
 */

export type { Strings } from './nl';
export type { ApprovalFailure, ApprovalWarning, FailureKind } from './types';
export type { SummaryOptions } from './changes';
export { nl } from './nl';
export { en } from './en';

export const STRINGS: Record<Locale, Strings> = { nl, en };

/**
 * "Goedgekeurd op 9 februari 2023", "Ter goedkeuring", "Historisch besluit van … (geïmporteerd)";
 * for a status not known yet "Status wordt gecontroleerd…" or "Status onbekend".
 */
export function statusLabel(status: RoleStatus | StatusCheck, locale: Locale): string {
  const words = STRINGS[locale].statusLabel;
  const date = (iso: string): string => formatIsoDate(iso, locale);
  switch (status.kind) {
    case 'approved':
      return words.approved(date(status.date));
    case 'pending':
      return words.pending;
    case 'rejected':
      return words.rejected(date(status.date));
    case 'changed':
      return words.changed(date(status.approvedDate));
    case 'draft':
      return status.historicalDate === undefined
        ? words.draft
        : words.historical(date(status.historicalDate));
    case 'checking':
      return words.checking;
    case 'unknown':
      return words.unknown;
  }
}

/** One change of the diff as one line: "Taak toegevoegd aan Taakafspraak 2". */
export function describeChange(change: Change, locale: Locale): string {
  return describe(STRINGS[locale].changes, change);
}

/** Several changes as one line for a card: "3 wijzigingen: Doel gewijzigd; … (2×) en 2 andere". */
export function summariseChanges(
  changes: readonly Change[],
  locale: Locale,
  options: SummaryOptions = {},
): string {
  return summarise(STRINGS[locale].changes, changes, options);
}

/** The sentences at the top of the compare view. */
export function compareSummary(comparison: LevelComparison, locale: Locale): string[] {
  return compare(STRINGS[locale].compare.summaryLines, comparison);
}

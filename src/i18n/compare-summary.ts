import type { LevelComparison } from '../domain/levels';

/** The words of the compare view's summary; each line names a count and a role. */
export interface CompareSummaryWords {
  /** "2 competenties" */
  competencies: (n: number) => string;
  /** "1 taak" */
  tasks: (n: number) => string;
  /** "op een hoger niveau in X" (two roles) or "op het hoogste niveau in X" (three) */
  higherIn: (title: string, ofThree: boolean) => string;
  /** "enkel in X" */
  onlyIn: (title: string) => string;
  /** "op hetzelfde niveau" */
  sameLevel: string;
  noDifferences: string;
}

/**
 * The sentences at the top of the compare view, from the domain's counts and in its order:
 * higher, only here, tasks only here, then the same level.
 */
export function compareSummary(w: CompareSummaryWords, comparison: LevelComparison): string[] {
  const roles = comparison.roles;
  // With three roles "higher" means "at the top, with at least one role below".
  const ofThree = roles.length === 3;
  const lines: string[] = [];
  for (const role of roles) {
    if (role.higher > 0) {
      lines.push(`${w.competencies(role.higher)} ${w.higherIn(role.title, ofThree)}`);
    }
  }
  for (const role of roles) {
    if (role.onlyHere > 0) lines.push(`${w.competencies(role.onlyHere)} ${w.onlyIn(role.title)}`);
  }
  for (const role of roles) {
    const n = role.tasksOnlyHere.length;
    if (n > 0) lines.push(`${w.tasks(n)} ${w.onlyIn(role.title)}`);
  }
  if (lines.length === 0) lines.push(w.noDifferences);
  if (comparison.sameLevel > 0) {
    lines.push(`${w.competencies(comparison.sameLevel)} ${w.sameLevel}`);
  }
  return lines;
}

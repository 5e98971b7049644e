import type { LevelComparison } from '../../../domain/levels';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The compare summary for an English UI, from the domain's counts and in the domain's order
 * (higher, only here, tasks only here, same level); the Dutch wording is the domain's own.
 */
export function englishSummary(comparison: LevelComparison): string[] {
  const roles = comparison.roles;
  const higher = roles.length === 2 ? 'at a higher level' : 'at the highest level';
  const lines: string[] = [];
  for (const role of roles) {
    if (role.higher > 0) {
      lines.push(`${count(role.higher, 'competency', 'competencies')} ${higher} in ${role.title}`);
    }
  }
  for (const role of roles) {
    if (role.onlyHere > 0) {
      lines.push(`${count(role.onlyHere, 'competency', 'competencies')} only in ${role.title}`);
    }
  }
  for (const role of roles) {
    const n = role.tasksOnlyHere.length;
    if (n > 0) lines.push(`${count(n, 'task', 'tasks')} only in ${role.title}`);
  }
  if (lines.length === 0) lines.push('No differences in competencies and tasks');
  if (comparison.sameLevel > 0) {
    lines.push(`${count(comparison.sameLevel, 'competency', 'competencies')} at the same level`);
  }
  return lines;
}

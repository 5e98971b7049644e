import type { Competency } from '../domain/schema';
import { listNl, type IssueLog } from './issues';
import type { ExpectedSection } from './layouts/layout';
import type { SectionKind } from './parse-sections';

/**
 * A document without competencies is refused, naming every expected section that is missing (a
 * document cut short shows here); other missing sections are only reported.
 */
export function checkSections(
  expected: readonly ExpectedSection[],
  doc: { has: (k: SectionKind) => boolean; competencies: readonly Competency[] },
  log: IssueLog,
): void {
  const missing = expected
    .filter(({ anyOf }) => !anyOf.some((k) => doc.has(k)))
    .map(({ name }) => name);
  const quoted = missing.map((n) => `'${n}'`);
  if (doc.competencies.length === 0 && log.errors.length === 0) {
    if (missing.length > 0) {
      log.error(
        null,
        `het document is onvolledig: ${missing.length === 1 ? 'het onderdeel' : 'de onderdelen'} ${listNl(quoted)} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'}. Is het document afgebroken?`,
      );
    } else {
      log.error(null, "het onderdeel 'Competenties' bevat geen enkele competentie");
    }
    return;
  }
  for (const name of missing) log.warn(null, `het onderdeel '${name}' ontbreekt`);
}

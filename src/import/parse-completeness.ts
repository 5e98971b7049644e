import type { Competency } from '../domain/schema';
import { listNl, type IssueLog } from './issues';
import type { ExpectedSection } from './layouts/layout';
import type { Section, SectionKind } from './parse-sections';

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
  // Some cities keep competencies apart: a description that is complete but for them imports.
  const onlyCompetenciesMissing =
    missing.length > 0 &&
    expected.every((e) => e.anyOf.includes('competenties') || e.anyOf.some((k) => doc.has(k)));
  if (
    doc.competencies.length === 0 &&
    log.errors.length === 0 &&
    onlyCompetenciesMissing &&
    !doc.has('competenties')
  ) {
    log.warn(
      null,
      "het document heeft geen onderdeel 'Competenties': de functie is zonder competenties ingelezen",
    );
    return;
  }
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

// A line that cannot end a section: it stops on a comma, a colon or a word that needs more.
const UNFINISHED =
  /(?:[,:;(\-–]|\b(?:de|het|een|van|en|of|voor|met|in|op|te|aan|die|dat|om|naar|door|bij|tot|als|zijn|haar|hun|is|wordt|worden|kan|moet|zal|the|and)\s*)$/iu;

const SECTION_NAMES: Partial<Record<SectionKind, string>> = {
  algemeen: 'Algemeen',
  doel: 'Doel van de functie',
  plaats: 'Plaats in de organisatie',
  taken: 'Taken',
  resultaat: 'Resultaatsgebieden',
  competenties: 'Competenties',
  vaktechnisch: 'Vaktechnische competenties',
};

/** A document that stops in the middle of its last section (a heading without text, or a line
 * cut in mid-sentence) was cut off: refused rather than imported short. */
export function stopsMidSection(sections: readonly Section[], log: IssueLog): void {
  const last = sections.at(-1);
  // Level tables and profiles have their own checks for a cut (parse-levelled.ts, parse-profile.ts).
  if (!last || last.kind === 'head' || last.kind === 'goedkeuring' || last.kind === 'competenties')
    return;
  const name = last.title ?? SECTION_NAMES[last.kind] ?? last.kind;
  const lastLine = last.lines.at(-1);
  if (!lastLine) {
    log.error(
      last.line,
      `het document stopt na het kopje '${name}', zonder tekst eronder. Is het document afgebroken?`,
    );
  } else if (UNFINISHED.test(lastLine.text)) {
    log.error(
      lastLine.line,
      `het document stopt midden in het onderdeel '${name}' ('${lastLine.text.slice(-40)}'). Is het document afgebroken?`,
    );
  }
}

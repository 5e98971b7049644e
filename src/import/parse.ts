import { keyFromTitle } from '../domain/key';
import {
  functionDescriptionSchema,
  type Competency,
  type FunctionDescription,
  type OtherSection,
} from '../domain/schema';
import { IssueLog, type ImportIssue } from './issues';
import { chooseLayout } from './layouts';
import type { DocumentLayout, ScannedDocument } from './layouts/layout';
import { approvalInHeader, approvalOf } from './parse-approval';
import { checkSections, stopsMidSection } from './parse-completeness';
import { dropFooters, organisationOf, type Footer } from './parse-footers';
import { generalData } from './parse-general-data';
import { itemsOf, leadAndItems } from './parse-lists';
import { documentScale, levelsOutsideScale } from './parse-levelled-headers';
import { dropNoise } from './parse-noise';
import { activeProfile, withProfile, type CompiledProfile } from './profile';
import { resultAreasOf, taskAgreements } from './parse-result-areas';
import { splitSections, type SectionKind } from './parse-sections';
import { joinText, nonEmpty, splitLines, type SourceLine } from './parse-text';
import { coverPatterns, titleHeading, titleOf } from './parse-title';

export type ParseResult =
  | { ok: true; description: FunctionDescription; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[] };

/**
 * The plain text of one function description (a *functiebeschrijving* or a *functieprofiel*) →
 * the interchange object, or the reasons it cannot be read. Never throws: every input string,
 * however damaged, gives a result. See docs/importer.md for the layout rules.
 */
export function parseDocument(
  text: string,
  fileName: string,
  profile?: CompiledProfile,
): ParseResult {
  try {
    return withProfile(profile, () => parse(typeof text === 'string' ? text : '', fileName));
  } catch (err) {
    // A bug here must not take a batch import down; the message still tells the user whom to ask.
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: null,
          message: `interne fout in de inlezer (${detail}). Meld dit aan IT met het document erbij.`,
        },
      ],
    };
  }
}

/**
 * The pieces every layout shares run here; the layout (`layouts/`) says how the document is
 * recognised and what it asks of them. The order of the steps is the order of the warnings.
 */
function parse(text: string, file: string): ParseResult {
  const log = new IssueLog(file);
  const all = splitLines(text);
  if (all.length === 0) {
    log.error(null, 'leeg document: het bestand bevat geen tekst');
    return { ok: false, errors: log.errors };
  }

  const { lines: withoutFooters, footers } = dropFooters(all);
  const doc = scan(dropNoise(withoutFooters));
  const structural = doc.sections.some((s) => s.kind !== 'head' && s.kind !== 'goedkeuring');
  if (!doc.heading && !structural) {
    log.error(
      null,
      "dit lijkt geen functiebeschrijving of functieprofiel: de vaste kopjes (zoals 'Doel van de functie' en 'Competenties') ontbreken",
    );
    return { ok: false, errors: log.errors };
  }
  return read(chooseLayout(doc), doc, footers, log);
}

function scan(lines: readonly SourceLine[]): ScannedDocument {
  const sections = splitSections(lines);
  const linesOf = (kind: SectionKind): SourceLine[] =>
    sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);
  return {
    sections,
    heading: titleHeading(linesOf('head')),
    has: (kind) => sections.some((s) => s.kind === kind),
    linesOf,
  };
}

function read(
  layout: DocumentLayout,
  doc: ScannedDocument,
  footers: readonly Footer[],
  log: IssueLog,
): ParseResult {
  const { linesOf, has } = doc;
  const fields = generalData([...linesOf('head'), ...linesOf('algemeen')], log);
  const doel = leadAndItems(linesOf('doel'));
  const plaats = leadAndItems(linesOf('plaats'));

  const resultAreas = [
    ...taskAgreements(linesOf('taken'), log),
    ...resultAreasOf(linesOf('resultaat'), log),
  ];

  const competencyLines = linesOf('competenties');
  const format = layout.competencyFormats.find((f) => f.recognises(competencyLines));
  // The city's fixed scale, or the one this document's tables show.
  const scale = documentScale(competencyLines, activeProfile().levelScale);
  const outside =
    format?.checksLevels === true
      ? levelsOutsideScale(competencyLines, scale.lowest, scale.highest)
      : [];
  for (const { line, level } of outside) {
    const { lowest, highest } = scale;
    log.error(
      line,
      `niveau ${level} ligt buiten de schaal van dit document (${lowest} tot ${highest}): controleer het niveau of kies een profiel met die schaal`,
    );
  }
  const endsDocument = doc.sections.at(-1)?.kind === 'competenties';
  // Read with a level the tables cannot hold, every competency around it would be refused too:
  // the one message above says what to fix.
  const { competencies, titles } =
    competencyLines.length === 0 || format === undefined || outside.length > 0
      ? { competencies: [] as Competency[], titles: [] }
      : format.read(competencyLines, endsDocument, log, scale);

  const technicalKnowledge = itemsOf(linesOf('vaktechnisch'), log, 'vaktechnische competenties');
  const approval =
    approvalOf(linesOf('goedkeuring'), log) ??
    approvalInHeader([...linesOf('head'), ...linesOf('algemeen')], log);

  const otherSections = otherSectionsOf(doc, log);

  stopsMidSection(doc.sections, log);
  checkSections(layout.expectedSections, { has, competencies }, log);

  const organisation = organisationOf(footers, log);
  const title = titleOf(layout.titleSources, {
    functionName: fields.title,
    footers,
    heading: doc.heading,
  });
  checkTitles(fields.titles, doc, log);
  if (title === null) {
    log.error(
      null,
      "geen functietitel gevonden: verwacht 'Functienaam: …' of een titel 'Functiebeschrijving …' / 'Functieprofiel …' bovenaan",
    );
  }
  const key = title === null ? '' : keyFromTitle(title);
  if (title !== null && key === '') {
    log.error(
      null,
      `de titel '${title}' bevat geen letters of cijfers om een sleutel van te maken`,
    );
  }
  if (log.errors.length > 0 || title === null) return { ok: false, errors: log.errors };

  const description: FunctionDescription = {
    schemaVersion: 2,
    key,
    kind: layout.kind,
    title,
    organisation,
    department: fields.department,
    service: fields.service,
    grade: fields.grade,
    careerPath: fields.careerPath,
    gradeAsWritten: fields.gradeAsWritten,
    careerPathAsWritten: fields.careerPathAsWritten,
    purpose: nonEmpty(joinText(doel.lead.map((l) => l.text))),
    mainTasks: doel.items.map((i) => joinText(i.parts)).filter((t) => t !== ''),
    position: nonEmpty(
      joinText([...plaats.lead.map((l) => l.text), ...plaats.items.map((i) => joinText(i.parts))]),
    ),
    resultAreas,
    levelScale: { lowest: scale.lowest, highest: scale.highest, titles },
    competencies,
    technicalKnowledge,
    // Left out when there are none, so that such a description is what it was before the field.
    ...(otherSections.length > 0 ? { otherSections } : {}),
    approval,
  };
  const checked = functionDescriptionSchema.safeParse(description);
  if (!checked.success) {
    const first = checked.error.issues[0];
    log.error(
      null,
      `interne fout: het resultaat voldoet niet aan het uitwisselingsformaat (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}). Meld dit aan IT met het document erbij.`,
    );
    return { ok: false, errors: log.errors };
  }
  return { ok: true, description: checked.data, warnings: log.warnings };
}

/**
 * Sections the model has no field for, kept under their own title: "Nothing in a document is
 * silently dropped". Each is also reported, so HR sees where it went.
 */
function otherSectionsOf(doc: ScannedDocument, log: IssueLog): OtherSection[] {
  const out: OtherSection[] = [];
  for (const section of doc.sections) {
    if (section.kind !== 'overig') continue;
    const title = section.title ?? 'Ander onderdeel';
    const { lead, items } = leadAndItems(section.lines);
    const paragraphs = [
      joinText(lead.map((l) => l.text)),
      ...items.map((i) => `– ${joinText(i.parts)}`),
    ].filter((p) => p !== '' && p !== '– ');
    if (paragraphs.length === 0) {
      log.warn(section.line, `onderdeel '${title}' is leeg en is niet overgenomen`);
      continue;
    }
    log.warn(
      section.line,
      title === 'Verruimende bepaling'
        ? "de 'Verruimende bepaling' heeft geen eigen veld: ze is bewaard bij 'Andere onderdelen'"
        : `onderdeel '${title}' heeft geen eigen veld: het is bewaard bij 'Andere onderdelen'`,
    );
    out.push({ title, text: paragraphs.join('\n') });
  }
  return out;
}

const sameTitle = (text: string): string =>
  text.toLocaleLowerCase('nl-BE').replace(/\s+/g, ' ').trim();

/**
 * Two different titles would give the document the key of another role, or a new one: refused,
 * naming both, rather than guessed. The cover heading counts when it names the function.
 */
function checkTitles(
  titles: readonly { text: string; line: number }[],
  doc: ScannedDocument,
  log: IssueLog,
): void {
  const first = titles[0];
  if (!first) return;
  const other = titles.find((t) => sameTitle(t.text) !== sameTitle(first.text));
  if (other) {
    log.error(
      other.line,
      `twee verschillende functietitels: '${first.text}' (regel ${first.line}) en '${other.text}' (regel ${other.line}). Houd er één over.`,
    );
    return;
  }
  const heading = doc.heading?.text ?? '';
  if (heading === '') return;
  const a = sameTitle(heading);
  const b = sameTitle(first.text);
  if (a.includes(b) || b.includes(a)) return;
  const at = doc.linesOf('head').find((l) => coverPatterns().heading.test(l.text));
  log.error(
    at?.line ?? null,
    `twee verschillende functietitels: '${heading}' in de titel bovenaan en '${first.text}' bij de functienaam (regel ${first.line}). Houd er één over.`,
  );
}

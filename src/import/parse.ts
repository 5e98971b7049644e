import { keyFromTitle } from '../domain/key';
import {
  functionDescriptionSchema,
  type Competency,
  type FunctionDescription,
} from '../domain/schema';
import { IssueLog, type ImportIssue } from './issues';
import { chooseLayout } from './layouts';
import type { DocumentLayout, ScannedDocument } from './layouts/layout';
import { approvalInHeader, approvalOf } from './parse-approval';
import { checkSections } from './parse-completeness';
import { dropFooters, organisationOf, type Footer } from './parse-footers';
import { generalData } from './parse-general-data';
import { itemsOf, leadAndItems } from './parse-lists';
import { resultAreasOf, taskAgreements } from './parse-result-areas';
import { splitSections, type SectionKind } from './parse-sections';
import { joinText, nonEmpty, splitLines, type SourceLine } from './parse-text';
import { titleHeading, titleOf } from './parse-title';

export type ParseResult =
  | { ok: true; description: FunctionDescription; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[] };

/**
 * The plain text of one function description (a *functiebeschrijving* or a *functieprofiel*) →
 * the interchange object, or the reasons it cannot be read. Never throws: every input string,
 * however damaged, gives a result. See docs/importer.md for the layout rules.
 */
export function parseDocument(text: string, fileName: string): ParseResult {
  try {
    return parse(typeof text === 'string' ? text : '', fileName);
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

  const { lines, footers } = dropFooters(all);
  const doc = scan(lines);
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
  const endsDocument = doc.sections.at(-1)?.kind === 'competenties';
  const competencies: Competency[] =
    competencyLines.length === 0 || format === undefined
      ? []
      : format.read(competencyLines, endsDocument, log);

  const technicalKnowledge = itemsOf(linesOf('vaktechnisch'), log, 'vaktechnische competenties');
  const approval =
    approvalOf(linesOf('goedkeuring'), log) ??
    approvalInHeader([...linesOf('head'), ...linesOf('algemeen')], log);

  checkSections(layout.expectedSections, { has, competencies }, log);

  const organisation = organisationOf(footers, log);
  const title = titleOf(layout.titleSources, {
    functionName: fields.title,
    footers,
    heading: doc.heading,
  });
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
    schemaVersion: 1,
    key,
    kind: layout.kind,
    title,
    organisation,
    department: fields.department,
    service: fields.service,
    grade: fields.grade,
    careerPath: fields.careerPath,
    purpose: nonEmpty(joinText(doel.lead.map((l) => l.text))),
    mainTasks: doel.items.map((i) => joinText(i.parts)).filter((t) => t !== ''),
    position: nonEmpty(
      joinText([...plaats.lead.map((l) => l.text), ...plaats.items.map((i) => joinText(i.parts))]),
    ),
    resultAreas,
    competencies,
    technicalKnowledge,
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

import { keyFromTitle } from '../domain/key';
import {
  functionDescriptionSchema,
  isoDateSchema,
  type Approval,
  type Competency,
  type DescriptionKind,
  type FunctionDescription,
  type ResultArea,
} from '../domain/schema';
import { IssueLog, type ImportIssue } from './issues';
import { listNl, looksLevelled, parseLevelledCompetencies } from './parse-levelled';
import { parseProfileCompetencies } from './parse-profile';
import {
  APPROVAL_START,
  headingOf,
  splitSections,
  TASK_AGREEMENT,
  TITLE_HEADING,
  type SectionKind,
} from './parse-sections';
import {
  bulletOf,
  capitalise,
  endsSentence,
  joinText,
  splitLines,
  startsUpper,
  type SourceLine,
} from './parse-text';

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

function parse(text: string, file: string): ParseResult {
  const log = new IssueLog(file);
  const all = splitLines(text);
  if (all.length === 0) {
    log.error(null, 'leeg document: het bestand bevat geen tekst');
    return { ok: false, errors: log.errors };
  }

  const { lines, footers } = dropFooters(all);
  const sections = splitSections(lines);
  const linesOf = (kind: SectionKind): SourceLine[] =>
    sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);
  const has = (kind: SectionKind): boolean => sections.some((s) => s.kind === kind);

  const heading = titleHeading(linesOf('head'));
  const structural = sections.some((s) => s.kind !== 'head' && s.kind !== 'goedkeuring');
  if (!heading && !structural) {
    log.error(
      null,
      "dit lijkt geen functiebeschrijving of functieprofiel: de vaste kopjes (zoals 'Doel van de functie' en 'Competenties') ontbreken",
    );
    return { ok: false, errors: log.errors };
  }

  const competencyLines = linesOf('competenties');
  const levelled = looksLevelled(competencyLines);
  const kind: DescriptionKind =
    heading?.kind ??
    (has('taken') || has('algemeen') || levelled ? 'functiebeschrijving' : 'functieprofiel');

  const fields = generalData([...linesOf('head'), ...linesOf('algemeen')], log);
  const doel = leadAndItems(linesOf('doel'));
  const plaats = leadAndItems(linesOf('plaats'));

  const resultAreas = [
    ...taskAgreements(linesOf('taken'), log),
    ...resultAreasOf(linesOf('resultaat'), log),
  ];

  const lastSection = sections.at(-1)?.kind;
  const competencies: Competency[] =
    competencyLines.length === 0
      ? []
      : levelled
        ? parseLevelledCompetencies(competencyLines, lastSection === 'competenties', log)
        : parseProfileCompetencies(competencyLines, log);

  const technicalKnowledge = itemsOf(linesOf('vaktechnisch'), log, 'vaktechnische competenties');
  const approval =
    approvalOf(linesOf('goedkeuring'), log) ??
    approvalInHeader([...linesOf('head'), ...linesOf('algemeen')], log);

  checkSections(kind, { has, competencies }, log);

  const organisation = organisationOf(footers, log);
  const title = titleOf(kind, fields.title, footers, heading);
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
    kind,
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

function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}

// ── page footers ─────────────────────────────────────────────────────────────────────────────

type Footer = { organisation: string | null; title: string | null; line: number };

const PAGE_AT_END = /^(.*?)\s*\bpagina\s+\d+\s*(?:van|\/)\s*\d+$/iu;
const PAGE_AT_START = /^pagina\s+\d+\s*(?:van|\/)\s*\d+\b\s*(.*)$/iu;
const FOOTER_PARTS = /^(.*?)\s*\b(?:functiebeschrijving|functieprofiel)\b\s*(.*)$/iu;

/**
 * "Stad Tienen  Functiebeschrijving deskundige ICT  Pagina 16 van 16" is layout, not content. So
 * is the same line without its page number (a footer that PDF extraction split in two, or a
 * running page header): a line naming the layout and the document's own title, other than the
 * cover title.
 */
function dropFooters(all: readonly SourceLine[]): { lines: SourceLine[]; footers: Footer[] } {
  const kept: SourceLine[] = [];
  const footers: Footer[] = [];
  for (const l of all) {
    // The footer regexes have a lazy prefix; most lines do not mention a page at all.
    const m = /pagina/iu.test(l.text)
      ? (PAGE_AT_END.exec(l.text) ?? PAGE_AT_START.exec(l.text))
      : null;
    if (!m) {
      kept.push(l);
      continue;
    }
    const parts = FOOTER_PARTS.exec((m[1] ?? '').trim());
    footers.push({
      organisation: nonEmpty(parts?.[1]?.trim() ?? ''),
      title: nonEmpty(parts?.[2]?.trim() ?? ''),
      line: l.line,
    });
  }
  const titles = new Set(
    [...footers.map((f) => f.title), functionNameOf(kept)]
      .filter((t): t is string => t !== null)
      .map(sameText),
  );
  if (titles.size === 0) return { lines: kept, footers };
  const cover = kept.findIndex((l) => TITLE_HEADING.test(l.text));
  const lines: SourceLine[] = [];
  kept.forEach((l, i) => {
    const parts =
      i === cover || !/functie(?:beschrijving|profiel)/iu.test(l.text)
        ? null
        : FOOTER_PARTS.exec(l.text);
    if (parts && titles.has(sameText(parts[2] ?? ''))) {
      footers.push({ organisation: nonEmpty(parts[1]?.trim() ?? ''), title: null, line: l.line });
    } else lines.push(l);
  });
  footers.sort((a, b) => a.line - b.line);
  return { lines, footers };
}

const sameText = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

function functionNameOf(lines: readonly SourceLine[]): string | null {
  for (const l of lines) {
    const m = DATA_LINE.exec(l.text);
    if (m && dataKey(m[1] ?? '') === 'title' && (m[2] ?? '') !== '') return m[2] ?? null;
  }
  return null;
}

function organisationOf(footers: readonly Footer[], log: IssueLog): string | null {
  const named = footers.filter((f) => f.organisation !== null);
  const first = named[0];
  if (!first) return null;
  const other = named.find((f) => f.organisation !== first.organisation);
  if (other) {
    log.warn(
      other.line,
      `voettekst noemt een andere organisatie ('${other.organisation ?? ''}') dan eerder ('${first.organisation ?? ''}'); '${first.organisation ?? ''}' is overgenomen`,
    );
  }
  return first.organisation;
}

// ── title and general data ───────────────────────────────────────────────────────────────────

type TitleHeading = { kind: DescriptionKind; text: string };

/** "FUNCTIEBESCHRIJVING DESKUNDIGE" / "ICT" or "Functieprofiel leidinggevende". */
function titleHeading(head: readonly SourceLine[]): TitleHeading | null {
  const at = head.findIndex((l) => TITLE_HEADING.test(l.text));
  const first = head[at];
  if (!first) return null;
  const m = TITLE_HEADING.exec(first.text);
  const kind: DescriptionKind = /profiel/iu.test(m?.[1] ?? '')
    ? 'functieprofiel'
    : 'functiebeschrijving';
  const parts = [m?.[2] ?? ''];
  // A title wrapped over a second line; data lines ("Afdeling: …") are not part of it.
  for (const l of head.slice(at + 1, at + 3)) {
    if (l.text.includes(':') || headingOf(l.text)) break;
    parts.push(l.text);
  }
  return { kind, text: joinText(parts) };
}

function titleOf(
  kind: DescriptionKind,
  functionName: string | null,
  footers: readonly Footer[],
  heading: TitleHeading | null,
): string | null {
  const fromFooter = footers.find((f) => f.title !== null)?.title ?? null;
  const fromHeading = heading && heading.text !== '' ? fromCapitals(heading.text) : null;
  const candidates =
    kind === 'functieprofiel'
      ? [fromHeading, functionName, fromFooter]
      : [functionName, fromFooter, fromHeading];
  const title = candidates.find((c): c is string => c !== null && c !== '');
  return title === undefined ? null : capitalise(title);
}

/** An all-capitals heading says nothing about the title's own capitals; lower it. */
function fromCapitals(text: string): string {
  return /\p{Ll}/u.test(text) ? text : text.toLocaleLowerCase('nl-BE');
}

type GeneralData = {
  title: string | null;
  department: string | null;
  service: string | null;
  grade: string | null;
  careerPath: string | null;
};

const DATA_KEYS: readonly [keyof GeneralData, RegExp][] = [
  ['department', /^afdeling$/],
  ['service', /^dienst$/],
  ['grade', /^(?:graadnaam|graad)$/],
  ['title', /^(?:functienaam|functietitel|functie-?benaming)$/],
  ['careerPath', /^(?:functionele loopbaan|loopbaan|weddeschaal|salarisschaal)$/],
];

function dataKey(label: string): keyof GeneralData | null {
  const words = label.toLowerCase().replace(/\s+/g, ' ').trim();
  return DATA_KEYS.find(([, re]) => re.test(words))?.[0] ?? null;
}

const DATA_LINE = /^([^:]{2,40}?)\s*:\s*(.*)$/u;
const NO_VALUE = /^(?:[-–—‒−/]+|n\.?\s?v\.?\s?t\.?|nvt)$/iu;

/** "Afdeling: Algemeen beheer", also with the value on the next line (a table cell). */
function generalData(lines: readonly SourceLine[], log: IssueLog): GeneralData {
  const out: GeneralData = {
    title: null,
    department: null,
    service: null,
    grade: null,
    careerPath: null,
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const m = DATA_LINE.exec(l.text);
    const label = m ? (m[1] ?? '') : l.text;
    const key = dataKey(label);
    if (!key) {
      if (m && (m[2] ?? '') !== '' && !TITLE_HEADING.test(l.text) && label.split(' ').length <= 4) {
        log.warn(l.line, `gegeven '${label}' heeft geen veld en is niet overgenomen`);
      }
      continue;
    }
    let value = m ? (m[2] ?? '') : '';
    const next = lines[i + 1];
    if (value === '' && next && !DATA_LINE.test(next.text) && dataKey(next.text) === null) {
      value = next.text;
      i++;
    }
    if (out[key] === null && value !== '' && !NO_VALUE.test(value)) out[key] = value;
  }
  return out;
}

// ── prose and bullet lists ───────────────────────────────────────────────────────────────────

type Item = { parts: string[]; line: number; char: string };

/** Text before the first bullet, then bullet items; a line without a bullet continues the item. */
function leadAndItems(lines: readonly SourceLine[]): { lead: SourceLine[]; items: Item[] } {
  const lead: SourceLine[] = [];
  const items: Item[] = [];
  for (const l of lines) {
    const b = bulletOf(l.text);
    if (b) items.push({ parts: [b.text], line: l.line, char: b.char });
    else if (items.length > 0) items.at(-1)?.parts.push(l.text);
    else lead.push(l);
  }
  return { lead, items };
}

/**
 * A list that may come without bullets (a PDF that lost them): then a capitalised line starts an
 * item and a lower-case line continues it.
 */
function itemsOf(lines: readonly SourceLine[], log: IssueLog, what: string): string[] {
  const { lead, items } = leadAndItems(lines);
  if (items.length === 0) {
    const loose: string[][] = [];
    for (const l of lead) {
      const last = loose.at(-1);
      if (last && !startsUpper(l.text)) last.push(l.text);
      else loose.push([l.text]);
    }
    return loose.map((p) => joinText(p)).filter((t) => t !== '');
  }
  if (lead.length > 0) {
    log.warn(
      lead[0]?.line ?? null,
      `inleidende tekst bij ${what} is niet overgenomen: '${joinText(lead.map((l) => l.text))}'`,
    );
  }
  return items.map((i) => joinText(i.parts)).filter((t) => t !== '');
}

// ── result areas ─────────────────────────────────────────────────────────────────────────────

const VERRUIMEND = /^verruimende\s+bepaling\b/iu;
const TASK_LEAD_IN = /^dit\s+omvat\b/iu;

type Agreement = {
  title: string[];
  line: number;
  tasks: Item[];
  state: 'title' | 'lead-in' | 'tasks';
};

/**
 * "Taakafspraak N: <title>" (wrapped), the lead-in "Dit omvat onder meer de volgende concrete
 * taken:", then the tasks. "Verruimende bepaling" has no field in schemaVersion 1: it is reported,
 * not put elsewhere.
 */
function taskAgreements(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
  const agreements: Agreement[] = [];
  let cur: Agreement | null = null;
  let skipping = false;
  for (const l of lines) {
    const m = TASK_AGREEMENT.exec(l.text);
    if (m) {
      cur = { title: [m[2] ?? ''], line: l.line, tasks: [], state: 'title' };
      agreements.push(cur);
      skipping = false;
      continue;
    }
    if (VERRUIMEND.test(l.text)) {
      log.warn(
        l.line,
        "de 'Verruimende bepaling' is niet overgenomen: het uitwisselingsformaat (schemaversie 1) heeft er geen veld voor",
      );
      cur = null;
      skipping = true;
      continue;
    }
    if (skipping) continue;
    if (!cur) {
      log.warn(l.line, `tekst vóór de eerste taakafspraak is niet overgenomen: '${l.text}'`);
      continue;
    }
    const b = bulletOf(l.text);
    if (b) {
      cur.state = 'tasks';
      cur.tasks.push({ parts: [b.text], line: l.line, char: b.char });
    } else if (cur.state === 'tasks') {
      cur.tasks.at(-1)?.parts.push(l.text);
    } else if (cur.state === 'title' && isTaskLeadIn(cur.title, l.text)) {
      cur.state = 'lead-in';
    } else if (cur.state === 'title') {
      cur.title.push(l.text);
    }
  }
  const out: ResultArea[] = [];
  for (const a of agreements) {
    const title = joinText(a.title);
    if (title === '') {
      log.error(a.line, 'taakafspraak zonder titel');
      continue;
    }
    out.push({ title, tasks: a.tasks.map((t) => joinText(t.parts)).filter((t) => t !== '') });
  }
  return out;
}

/** "Dit omvat …:", or a capitalised line ending in ':' after a title that ended its sentence. */
function isTaskLeadIn(title: readonly string[], text: string): boolean {
  if (TASK_LEAD_IN.test(text)) return true;
  const last = title.at(-1) ?? '';
  return last !== '' && endsSentence(last) && startsUpper(text) && text.endsWith(':');
}

/**
 * "Resultaatsgebieden": each bullet is an area. Bullets of another character under an area are
 * its tasks.
 */
function resultAreasOf(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
  const { lead, items } = leadAndItems(lines);
  if (items.length === 0)
    return itemsOf(lead, log, 'resultaatsgebieden').map((title) => ({ title, tasks: [] }));
  if (lead.length > 0) {
    log.warn(
      lead[0]?.line ?? null,
      `inleidende tekst bij de resultaatsgebieden is niet overgenomen: '${joinText(lead.map((l) => l.text))}'`,
    );
  }
  const areaChar = items[0]?.char;
  const areas: { title: string; tasks: string[] }[] = [];
  for (const i of items) {
    const text = joinText(i.parts);
    if (text === '') continue;
    const area = areas.at(-1);
    if (i.char === areaChar || !area) areas.push({ title: text, tasks: [] });
    else area.tasks.push(text);
  }
  return areas;
}

// ── approval ─────────────────────────────────────────────────────────────────────────────────

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  maa: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const DATE = String.raw`(\d{1,2})\s*(?:(\p{L}+)\.?\s*|[./-](\d{1,2})[./-])(\d{4})`;
// "Goedkeuring besluit algemeen directeur van 9 februari 2023." — the body is read from the line.
const APPROVAL = new RegExp(
  String.raw`^(?:goedkeuring|goedgekeurd|vastgesteld|bekrachtigd)(?:\s+(?:bij|door))?(?:\s+(?:het\s+)?besluit)?(?:\s+van)?(?:\s+(?:de|het))?\s+(.+?)\s+(?:van|op|d\.\s?d\.|dd\.?)\s+${DATE}\s*\.?$`,
  'iu',
);

function approvalOf(lines: readonly SourceLine[], log: IssueLog): Approval | null {
  const first = lines[0];
  if (!first || !APPROVAL_START.test(first.text)) return null;
  for (let n = 1; n <= Math.min(3, lines.length); n++) {
    const text = joinText(lines.slice(0, n).map((l) => l.text));
    const m = APPROVAL.exec(text);
    if (!m) continue;
    const day = Number(m[2]);
    const month = m[3] !== undefined ? MONTHS[m[3].toLowerCase()] : Number(m[4]);
    const iso = `${m[5] ?? ''}-${String(month ?? 0).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (month === undefined || !isoDateSchema.safeParse(iso).success) {
      log.warn(
        first.line,
        `de datum in de goedkeuringsregel is geen geldige datum: '${text}'; de goedkeuring is niet overgenomen`,
      );
      return null;
    }
    const rest = lines.slice(n);
    if (rest.length > 0) {
      log.warn(
        rest[0]?.line ?? null,
        `tekst na de goedkeuringsregel is niet overgenomen: '${joinText(rest.map((l) => l.text))}'`,
      );
    }
    return { approvedBy: joinText([m[1] ?? '']), decisionDate: iso };
  }
  log.warn(
    first.line,
    `goedkeuringsregel niet begrepen (verwacht bv. 'Goedkeuring besluit algemeen directeur van 9 februari 2023.'); de goedkeuring is niet overgenomen`,
  );
  return null;
}

/** Some templates state the approval among the general data at the top. */
function approvalInHeader(lines: readonly SourceLine[], log: IssueLog): Approval | null {
  const at = lines.findIndex((l) => APPROVAL_START.test(l.text) && APPROVAL.test(l.text));
  return at < 0 ? null : approvalOf(lines.slice(at, at + 1), log);
}

// ── completeness ─────────────────────────────────────────────────────────────────────────────

const SECTION_NAMES: Readonly<Record<DescriptionKind, readonly [SectionKind[], string][]>> = {
  functiebeschrijving: [
    [['doel'], 'Doel van de functie'],
    [['taken', 'resultaat'], 'Inhoudelijke taakafspraken'],
    [['competenties'], 'Competenties'],
  ],
  functieprofiel: [
    [['doel'], 'Doel van de functie'],
    [['resultaat', 'taken'], 'Resultaatsgebieden'],
    [['competenties'], 'Competenties'],
  ],
};

/**
 * A document without competencies is refused, naming every expected section that is missing (a
 * document cut short shows here); other missing sections are only reported.
 */
function checkSections(
  kind: DescriptionKind,
  doc: { has: (k: SectionKind) => boolean; competencies: readonly Competency[] },
  log: IssueLog,
): void {
  const missing = SECTION_NAMES[kind]
    .filter(([kinds]) => !kinds.some((k) => doc.has(k)))
    .map(([, name]) => name);
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

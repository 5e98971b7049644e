import type { ResultArea } from '../domain/schema';
import type { IssueLog } from './issues';
import { itemsOf, leadAndItems, type Item } from './parse-lists';
import { TASK_AGREEMENT } from './parse-sections';
import { bulletOf, endsSentence, joinText, startsUpper, type SourceLine } from './parse-text';

/** Result areas: numbered task agreements, or a list of "Resultaatsgebieden". */

const TASK_LEAD_IN = /^dit\s+omvat\b/iu;

type Agreement = {
  title: string[];
  line: number;
  tasks: Item[];
  state: 'title' | 'lead-in' | 'tasks';
};

/**
 * "Taakafspraak N: <title>" (wrapped), the lead-in "Dit omvat onder meer de volgende concrete
 * taken:", then the tasks. A section without any "Taakafspraak" line ("Taken en
 * verantwoordelijkheden") is read as titled groups of bullets (`titledGroups`). The "Verruimende
 * bepaling" is a section of its own (parse-sections.ts), kept as an other section.
 */
export function taskAgreements(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
  if (lines.length > 0 && !lines.some((l) => TASK_AGREEMENT.test(l.text))) {
    return titledGroups(lines, log);
  }
  const agreements: Agreement[] = [];
  let cur: Agreement | null = null;
  for (const l of lines) {
    const m = TASK_AGREEMENT.exec(l.text);
    if (m) {
      cur = { title: [m[2] ?? ''], line: l.line, tasks: [], state: 'title' };
      agreements.push(cur);
      continue;
    }
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
export function resultAreasOf(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
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

// "1. Beleidsvoorbereiding", "a) Dienstverlening": a numbered area title.
const NUMBERED = /^(?:\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]\s+(?=\p{Lu})/u;

/**
 * Tasks written as groups: a title line (numbered or not) followed by its bullets. Without any
 * title line each bullet is an area, as under "Resultaatsgebieden". A line without a bullet right
 * after a bullet continues it when it starts in lower case or the bullet did not end its sentence.
 */
function titledGroups(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
  const areas: { title: string[]; tasks: string[][] }[] = [];
  let inTasks = false;
  lines.forEach((l, i) => {
    const b = bulletOf(l.text);
    const area = areas.at(-1);
    if (b) {
      if (!area) areas.push({ title: [], tasks: [[b.text]] });
      else area.tasks.push([b.text]);
      inTasks = true;
      return;
    }
    const lastTask = area?.tasks.at(-1);
    const next = lines[i + 1];
    const titleShaped =
      NUMBERED.test(l.text) ||
      (startsUpper(l.text) &&
        (endsSentence(lastTask?.at(-1) ?? '.') ||
          (next !== undefined && bulletOf(next.text) !== null)));
    if (inTasks && lastTask !== undefined && !titleShaped) {
      lastTask.push(l.text);
      return;
    }
    if (area && !inTasks) area.title.push(l.text.replace(NUMBERED, ''));
    else areas.push({ title: [l.text.replace(NUMBERED, '')], tasks: [] });
    inTasks = false;
  });
  const out: ResultArea[] = [];
  for (const a of areas) {
    const tasks = a.tasks.map((t) => joinText(t)).filter((t) => t !== '');
    const title = joinText(a.title);
    if (title !== '') out.push({ title, tasks });
    else out.push(...tasks.map((t) => ({ title: t, tasks: [] })));
  }
  if (out.length === 0 && lines[0]) log.warn(lines[0].line, 'de taken konden niet gelezen worden');
  return out;
}

import type { ResultArea } from '../domain/schema';
import type { IssueLog } from './issues';
import { itemsOf, leadAndItems, type Item } from './parse-lists';
import { TASK_AGREEMENT } from './parse-sections';
import { bulletOf, endsSentence, joinText, startsUpper, type SourceLine } from './parse-text';

/** Result areas: numbered task agreements, or a list of "Resultaatsgebieden". */

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
export function taskAgreements(lines: readonly SourceLine[], log: IssueLog): ResultArea[] {
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

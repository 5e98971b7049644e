import type { IssueLog } from './issues';
import { coverPatterns } from './parse-title';
import type { SourceLine } from './parse-text';

/**
 * The general data at the top of a document ("Afdeling: Algemeen beheer", a table of label and
 * value cells). The labels are those of every layout known so far.
 */

export type GeneralData = {
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
export function generalData(lines: readonly SourceLine[], log: IssueLog): GeneralData {
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
      if (
        m &&
        (m[2] ?? '') !== '' &&
        !coverPatterns().heading.test(l.text) &&
        label.split(' ').length <= 4
      ) {
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

export function functionNameOf(lines: readonly SourceLine[]): string | null {
  for (const l of lines) {
    const m = DATA_LINE.exec(l.text);
    if (m && dataKey(m[1] ?? '') === 'title' && (m[2] ?? '') !== '') return m[2] ?? null;
  }
  return null;
}

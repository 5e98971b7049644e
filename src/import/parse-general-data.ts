import type { IssueLog } from './issues';
import { activeProfile, type ProfileLabel } from './profile';
import { normaliseCareerPath, normaliseGrade, looksLikeGradeRange } from './parse-grades';
import { coverPatterns } from './parse-title';
import type { SourceLine } from './parse-text';

/**
 * The general data at the top of a document, in every form the surveyed documents use:
 * "Label: waarde"; a label line, then its value line (a table cell); a table row in text
 * ("| Functionele loopbaan | C1-C3 |"); a flattened table (all labels, then all values). The
 * labels and what they mean come from the layout profile (profile.ts).
 */

export type GeneralData = {
  title: string | null;
  department: string | null;
  service: string | null;
  grade: string | null;
  careerPath: string | null;
  /**
   * The range as the document wrote it, when normalising changed more than spaces, dashes and
   * brackets ("B1-B2-B3", "A1a2a3a"); null otherwise, so a document written "B1 – B3" keeps the
   * content (and content hash) it had before the field existed.
   */
  careerPathAsWritten: string | null;
  /**
   * The graad as the document wrote it, by the same rule: only when normalising changed more
   * than spaces, dashes and brackets ("Deskundige (B1-B3)", "Deskundige."); null otherwise.
   */
  gradeAsWritten: string | null;
  /** Every "Functienaam" value with its line: two different ones make the title ambiguous. */
  titles: { text: string; line: number }[];
};

const DATA_LINE = /^([^:]{2,40}?)\s*:\s*(.*)$/u;
const NO_VALUE = /^(?:[-–—‒−/]+|n\.?\s?v\.?\s?t\.?|nvt|geen)$/iu;

function labelOf(text: string): ProfileLabel | null {
  return activeProfile().labelOf(text.replace(/\s*:$/u, ''));
}

/** "| Label | waarde |" → ["Label", "waarde"]; null for a line that is no table row. */
function tableCells(text: string): string[] | null {
  if (!/^\|.*\|$/u.test(text) && !/\s\|\s/u.test(text)) return null;
  const cells = text
    .replace(/^\|/u, '')
    .replace(/\|$/u, '')
    .split('|')
    .map((c) => c.trim());
  return cells.length >= 2 ? cells : null;
}

/** The lines as label/value pairs, whatever form the document wrote them in. */
function pairsOf(lines: readonly SourceLine[]): { label: string; value: string; line: number }[] {
  const pairs: { label: string; value: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const cells = tableCells(l.text);
    if (cells) {
      for (let c = 0; c + 1 < cells.length; c += 2) {
        pairs.push({ label: cells[c] ?? '', value: cells[c + 1] ?? '', line: l.line });
      }
      continue;
    }
    const m = DATA_LINE.exec(l.text);
    if (m && (m[2] ?? '') !== '') {
      pairs.push({ label: m[1] ?? '', value: m[2] ?? '', line: l.line });
      continue;
    }
    // A run of labels without values, then as many values: a flattened table.
    const run: SourceLine[] = [];
    for (let j = i; j < lines.length; j++) {
      const r = lines[j];
      if (!r || labelOf(r.text) === null || (DATA_LINE.exec(r.text)?.[2] ?? '') !== '') break;
      run.push(r);
    }
    if (run.length >= 2) {
      const values = lines.slice(i + run.length, i + 2 * run.length);
      const allValues =
        values.length === run.length &&
        values.every((v) => labelOf(v.text) === null && !DATA_LINE.test(v.text));
      if (allValues) {
        run.forEach((r, k) =>
          pairs.push({ label: r.text, value: values[k]?.text ?? '', line: r.line }),
        );
        i += 2 * run.length - 1;
        continue;
      }
    }
    // A label line, its value on the next line (a table cell).
    const label = m ? (m[1] ?? '') : l.text;
    const next = lines[i + 1];
    if (
      labelOf(label) !== null &&
      next &&
      !DATA_LINE.test(next.text) &&
      labelOf(next.text) === null &&
      tableCells(next.text) === null
    ) {
      pairs.push({ label, value: next.text, line: l.line });
      i++;
    } else if (m) {
      pairs.push({ label, value: '', line: l.line });
    }
  }
  return pairs;
}

export function generalData(lines: readonly SourceLine[], log: IssueLog): GeneralData {
  const out: GeneralData = {
    title: null,
    department: null,
    service: null,
    grade: null,
    careerPath: null,
    careerPathAsWritten: null,
    gradeAsWritten: null,
    titles: [],
  };
  // A range written with the graad name: the career path when no label of its own gives one.
  const rangeOfGrade: { found: { value: string; line: number } | null } = { found: null };
  const set = (key: Exclude<keyof GeneralData, 'titles'>, value: string): void => {
    // A sloppy extraction repeats a label: the first value stands.
    if (out[key] === null) out[key] = value;
  };
  for (const { label, value: raw, line } of pairsOf(lines)) {
    const value = raw.trim();
    const key = labelOf(label);
    if (key === null) {
      if (value !== '' && !coverPatterns().heading.test(`${label}: ${value}`)) {
        if (label.split(' ').length <= 4) {
          log.warn(line, `gegeven '${label}' heeft geen veld en is niet overgenomen`);
        }
      }
      continue;
    }
    if (value === '' || NO_VALUE.test(value)) continue;
    switch (key) {
      case 'title':
        out.titles.push({ text: value, line });
        set('title', value);
        break;
      case 'department':
      case 'service':
        set(key, value);
        break;
      case 'grade':
        setGrade(value, line);
        break;
      case 'departmentAndService': {
        const [dept, ...rest] = value.split(/\s+[/–—‒−-]\s+|\s*\/\s*|,\s+/u);
        if (dept) set('department', dept.trim());
        if (rest.length > 0) set('service', rest.join(' – ').trim());
        break;
      }
      case 'careerPath':
        setCareerPath(value, line);
        break;
      case 'gradeOrRange':
        // "Graad: B1-B3" holds the range, "Graad: Deskundige" the name; a family level ("B")
        // is neither.
        if (looksLikeGradeRange(value)) setCareerPath(value, line);
        else if (/\p{L}{3}/u.test(value)) setGrade(value, line);
        else
          log.warn(
            line,
            `gegeven '${label}: ${value}' is geen graad of loopbaan en is niet overgenomen`,
          );
        break;
    }
  }
  if (rangeOfGrade.found) setCareerPath(rangeOfGrade.found.value, rangeOfGrade.found.line);
  return out;

  function setGrade(value: string, line: number): void {
    // A sloppy extraction repeats a label: the first value stands.
    if (out.grade !== null) return;
    const { grade, range } = normaliseGrade(value);
    if (onlySpacing(grade) !== onlySpacing(value)) {
      log.warn(line, `graad '${value}' is overgenomen als '${grade}'`);
      out.gradeAsWritten = value;
    }
    out.grade = grade;
    if (range !== null) rangeOfGrade.found ??= { value: range, line };
  }

  function setCareerPath(value: string, line: number): void {
    if (out.careerPath !== null) return;
    const normal = normaliseCareerPath(value);
    if (normal.replace(/\s/g, '') !== value.replace(/[\s()]/g, '').replace(/[–—‒−]/g, '-')) {
      log.warn(line, `functionele loopbaan '${value}' is overgenomen als '${normal}'`);
      out.careerPathAsWritten = value;
    }
    out.careerPath = normal;
  }
}

/**
 * A graad name without what normalising may change unremarked — spaces, brackets, the kind of
 * dash — on both sides, as `setCareerPath` compares a range (whose normal form has its dashes
 * normalised already): a name whose normal form differs only in those is not kept as written.
 */
function onlySpacing(text: string): string {
  return text.replace(/[\s()]/g, '').replace(/[–—‒−]/g, '-');
}

/** The first "Functienaam: …" value (footers are recognised by the title it gives). */
export function functionNameOf(lines: readonly SourceLine[]): string | null {
  for (const l of lines) {
    const m = DATA_LINE.exec(l.text);
    if (m && labelOf(m[1] ?? '') === 'title' && (m[2] ?? '') !== '') return m[2] ?? null;
    const cells = tableCells(l.text);
    if (cells && labelOf(cells[0] ?? '') === 'title' && (cells[1] ?? '') !== '') {
      return cells[1] ?? null;
    }
  }
  return null;
}

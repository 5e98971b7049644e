import { isOnScale, type Competency } from '../domain/schema';
import type { IssueLog } from './issues';
import {
  bulletOf,
  endsSentence,
  joinText,
  nonEmpty,
  startsUpper,
  type SourceLine,
} from './parse-text';

/**
 * The competencies of a *functieprofiel*: per competency a name (after a bullet of its own, "•"
 * in the seed), a definition paragraph, one level heading ending in ':' and its indicators
 * (bullets of another kind). There are no numbered levels.
 */

type Item = { parts: string[]; line: number };

/** Longer than any competency name: beyond this, lower-case text is a definition, not a name. */
const MAX_NAME = 160;
type ProfileAcc = { name: string; line: number; intro: SourceLine[]; indicators: Item[] };

export function parseProfileCompetencies(
  section: readonly SourceLine[],
  log: IssueLog,
  scale: { readonly lowest: number; readonly highest: number } = { lowest: 0, highest: 3 },
): Competency[] {
  const first = section[0];
  const firstBullet = first ? bulletOf(first.text) : null;
  const chars = new Set(section.map((l) => bulletOf(l.text)?.char).filter((c) => c !== undefined));
  const accs = firstBullet
    ? byNameMarker(section, firstBullet.char, chars.size === 1, log)
    : byShape(section, log);
  return accs.map((c) => finish(c, log, scale));
}

/**
 * Names carry their own bullet character; every other bullet is an indicator. When names and
 * indicators share one bullet, a bullet item after indicators is a name only when a capitalised
 * line without bullet (its definition) follows: an indicator is followed by a bullet or by its
 * own wrapped line.
 */
function byNameMarker(
  section: readonly SourceLine[],
  marker: string,
  shared: boolean,
  log: IssueLog,
): ProfileAcc[] {
  const out: ProfileAcc[] = [];
  let cur: ProfileAcc | null = null;
  let nameOnNextLine = false;
  const startsName = (i: number): boolean => {
    const current = out.at(-1);
    if (!shared || current === undefined) return true;
    const next = section[i + 1];
    return (
      current.indicators.length > 0 &&
      next !== undefined &&
      bulletOf(next.text) === null &&
      startsUpper(next.text)
    );
  };
  for (const [i, l] of section.entries()) {
    const b = bulletOf(l.text);
    if (b && b.char === marker && startsName(i)) {
      cur = { name: b.text, line: l.line, intro: [], indicators: [] };
      out.push(cur);
      nameOnNextLine = b.text === '';
      continue;
    }
    if (!cur) continue; // unreachable: the section starts with a marker
    if (nameOnNextLine && !b) {
      cur.name = l.text;
      nameOnNextLine = false;
      continue;
    }
    if (b) cur.indicators.push({ parts: [b.text], line: l.line });
    else if (cur.indicators.length > 0) cur.indicators.at(-1)?.parts.push(l.text);
    else if (
      cur.intro.length === 0 &&
      cur.name.length < MAX_NAME &&
      !startsUpper(l.text) &&
      !endsSentence(cur.name)
    ) {
      // A wrapped name: the definition starts a new sentence, a name's second line does not.
      cur.name = joinText([cur.name, l.text]);
    } else cur.intro.push(l);
  }
  return out.filter((c) => {
    if (c.name !== '') return true;
    log.error(c.line, 'competentie zonder naam');
    return false;
  });
}

/**
 * No name bullets: a competency starts at a non-bullet line that is followed by text ending in
 * ':' (its level heading) before the next bullet. Anything else after an indicator is that
 * indicator wrapped.
 */
function byShape(section: readonly SourceLine[], log: IssueLog): ProfileAcc[] {
  const out: ProfileAcc[] = [];
  let gap: SourceLine[] = [];

  const startCompetency = (lines: readonly SourceLine[]): void => {
    const [name, ...intro] = lines;
    if (name) out.push({ name: name.text, line: name.line, intro, indicators: [] });
  };

  const settleGap = (): void => {
    const cur = out.at(-1);
    const last = cur?.indicators.at(-1);
    if (!cur) startCompetency(gap);
    else if (!last) cur.intro.push(...gap);
    else {
      let s = gap.length;
      for (let i = 0; i < gap.length; i++) {
        const prev = i === 0 ? (last.parts.at(-1) ?? '') : (gap[i - 1]?.text ?? '');
        if (endsSentence(prev) || startsUpper(gap[i]?.text ?? '')) {
          s = i;
          break;
        }
      }
      const rest = gap.slice(s);
      if (rest.length >= 2 && rest.some((l) => l.text.endsWith(':'))) {
        for (const l of gap.slice(0, s)) last.parts.push(l.text);
        startCompetency(rest);
      } else {
        for (const l of gap) last.parts.push(l.text);
      }
    }
    gap = [];
  };

  for (const l of section) {
    const b = bulletOf(l.text);
    if (!b) {
      gap.push(l);
      continue;
    }
    settleGap();
    const cur = out.at(-1);
    if (!cur) {
      log.warn(l.line, 'opsomming staat niet onder een competentie en is niet overgenomen');
      continue;
    }
    cur.indicators.push({ parts: [b.text], line: l.line });
  }
  const tail = out.at(-1)?.indicators.at(-1);
  if (tail) for (const l of gap) tail.parts.push(l.text);
  else settleGap();
  return out;
}

/**
 * Definition and level heading are separate paragraphs, but blank lines cannot be trusted to
 * show that. The heading is the run of lines ending in ':'; it starts at a capitalised line after
 * a finished sentence, or else at the last capitalised line (a definition may lack its full stop).
 */
function splitIntro(intro: readonly SourceLine[]): {
  definition: string | null;
  levelTitle: string | null;
} {
  let colon = -1;
  for (let i = intro.length - 1; i >= 0; i--) {
    if (intro[i]?.text.endsWith(':')) {
      colon = i;
      break;
    }
  }
  if (colon < 0)
    return { definition: nonEmpty(joinText(intro.map((l) => l.text))), levelTitle: null };
  let start = -1;
  let lastUpper = -1;
  for (let i = colon; i >= 1; i--) {
    const text = intro[i]?.text ?? '';
    if (!startsUpper(text)) continue;
    if (lastUpper < 0) lastUpper = i;
    if (endsSentence(intro[i - 1]?.text ?? '')) {
      start = i;
      break;
    }
  }
  if (start < 0) start = lastUpper >= 0 ? lastUpper : 0;
  return {
    definition: nonEmpty(joinText(intro.slice(0, start).map((l) => l.text))),
    levelTitle: nonEmpty(joinText(intro.slice(start).map((l) => l.text))),
  };
}

// "Niveau 3: Bevordert de samenwerking:": a profile that quotes only the required level names it.
const QUOTED_LEVEL = /^niveau\s*(10|\d)\b/iu;

function finish(
  c: ProfileAcc,
  log: IssueLog,
  scale: { readonly lowest: number; readonly highest: number },
): Competency {
  const { definition, levelTitle } = splitIntro(c.intro);
  const quoted = levelTitle === null ? null : QUOTED_LEVEL.exec(levelTitle);
  let requiredLevel: number | null = quoted ? Number(quoted[1]) : null;
  if (requiredLevel !== null && !isOnScale(requiredLevel, scale)) {
    log.error(
      c.line,
      `niveau ${requiredLevel} van competentie '${c.name}' ligt buiten de schaal van dit document (${scale.lowest} tot ${scale.highest}): controleer het niveau of kies een profiel met die schaal`,
    );
    requiredLevel = null;
  }
  const indicators = c.indicators.map((i) => joinText(i.parts)).filter((t) => t !== '');
  if (indicators.length === 0) {
    log.error(
      c.line,
      `competentie '${c.name}' heeft geen gedragsindicatoren (opsomming onder de niveautitel). Is het document volledig?`,
    );
  }
  if (definition === null) log.warn(c.line, `competentie '${c.name}' heeft geen omschrijving`);
  return {
    name: c.name,
    block: null,
    cluster: null,
    definition,
    requiredLevel,
    levelTitle,
    indicators,
    levels: [],
  };
}

import type { Competency, CompetencyBlock, Level, LevelTitle } from '../domain/schema';
import { listNl, type IssueLog } from './issues';
import {
  blockHeaderOf,
  blockKind,
  clusterHeaderOf,
  mergeWrappedMarkers,
} from './parse-levelled-headers';
import {
  endsSentence,
  joinText,
  leadingTokens,
  splitInlineLevel,
  startsUpper,
  type SourceLine,
  type Token,
} from './parse-text';

/**
 * The competency tables of a *functiebeschrijving*: "BLOK n" headers, cluster headers ending in
 * "Keuze niveau en duiding", and per competency a name followed by the levels of the document's
 * scale (0..3, 1..4, 1..5: `documentScale`), each with a tick box, optionally a title, and its
 * indicators.
 *
 * Lines are read as a token stream (level number, box, bullet, text) because PDF extraction puts
 * them together or apart at will. Text that follows an indicator is ambiguous until the next token
 * arrives: it continues the indicator (a wrapped line) or it is the name of the next competency.
 * It waits in `gap` until a level number (a new competency) or a bullet (same level) decides.
 */

/** `bulleted`: written after a bullet; the unbulleted first line of a level may be its title. */
type Indicator = { parts: string[]; line: number; bulleted: boolean };
type LevelAcc = {
  level: Level;
  line: number;
  box: { ticked: boolean; line: number } | null;
  indicators: Indicator[];
};
type CompAcc = {
  name: string;
  definition: string | null;
  line: number;
  block: CompetencyBlock | null;
  cluster: string | null;
  levels: LevelAcc[];
  /** A level with no name above it: already reported, kept only to absorb its lines. */
  orphan: boolean;
};

export type Scale = { readonly lowest: number; readonly highest: number };

export function parseLevelledCompetencies(
  section: readonly SourceLine[],
  endsDocument: boolean,
  log: IssueLog,
  scale: Scale,
): { competencies: Competency[]; titles: LevelTitle[] } {
  const lines = mergeWrappedMarkers(section);
  // A PDF can lose the bullet glyphs; then a capitalised line starts the next indicator.
  const bulletless = !lines.some((l) => leadingTokens(l.text).some((t) => t.kind === 'bullet'));
  const p = new LevelledParser(log, bulletless, scale);
  for (const l of lines) p.line(l);
  p.end(endsDocument);
  return p.result();
}

class LevelledParser {
  private readonly done: CompAcc[] = [];
  private cur: CompAcc | null = null;
  private gap: SourceLine[] = [];
  private open: Indicator | null = null;
  private pendingBox: { ticked: boolean; line: number } | null = null;
  private block: CompetencyBlock | null = null;
  private cluster: string | null = null;

  constructor(
    private readonly log: IssueLog,
    private readonly bulletless: boolean,
    private readonly scale: Scale,
  ) {}

  private get level(): LevelAcc | null {
    return this.cur?.levels.at(-1) ?? null;
  }

  line(l: SourceLine): void {
    const block = blockHeaderOf(l.text);
    if (block) return this.onBlock(block.label, l.line);
    const cluster = clusterHeaderOf(l.text);
    if (cluster) return this.onCluster(cluster.name, l.line);

    const tokens = leadingTokens(l.text, this.bulletless);
    const first = tokens[0];
    if (tokens.length === 1 && first?.kind === 'text') {
      const inline = splitInlineLevel(l.text, this.bulletless);
      if (inline && this.inlineStartsCompetency(inline.tokens)) {
        this.gap.push({ text: inline.before, line: l.line });
        for (const t of inline.tokens) this.token(t, l.line);
        return;
      }
    }
    for (const t of tokens) this.token(t, l.line);
  }

  /** Only a new competency's first level can share a line with text (its name). */
  private inlineStartsCompetency(tokens: readonly Token[]): boolean {
    const first = tokens[0];
    if (first?.kind !== 'level') return false;
    if (tokens.length === 1 && first.level !== 0) return false;
    const current = this.level;
    return current === null || first.level <= current.level;
  }

  private token(t: Token, line: number): void {
    switch (t.kind) {
      case 'level':
        return this.onLevel(t.level, line);
      case 'box':
        return this.onBox(t.ticked, line);
      case 'bullet':
        return this.onBullet(line);
      case 'text':
        return this.onText(t.text, line);
    }
  }

  private onText(text: string, line: number): void {
    const level = this.level;
    // "0" / "☐" / "N.v.t." without a bullet: the first text of a level is its first indicator.
    if (level && this.open === null && this.gap.length === 0 && level.indicators.length === 0) {
      this.open = { parts: [text], line, bulleted: false };
      level.indicators.push(this.open);
      return;
    }
    if (this.open && this.open.parts.length === 0 && this.gap.length === 0) {
      // A bullet alone on its line: its text follows on the next.
      this.open.parts.push(text);
      return;
    }
    this.gap.push({ text, line });
  }

  private onBullet(line: number): void {
    this.flushContinuation();
    const level = this.level;
    if (!level) {
      this.log.warn(
        line,
        'opsomming staat niet onder een niveau van een competentie en is niet overgenomen',
      );
      // absorbs its wrapped lines without repeating the warning
      this.open = { parts: [], line, bulleted: true };
      return;
    }
    this.open = { parts: [], line, bulleted: true };
    level.indicators.push(this.open);
  }

  private onBox(ticked: boolean, line: number): void {
    const level = this.level;
    if (level && level.box === null && this.pendingBox === null) {
      level.box = { ticked, line };
    } else if (this.pendingBox === null) {
      // The box came before its level number (another column order): it belongs to the next level.
      this.pendingBox = { ticked, line };
    } else {
      this.log.error(
        this.pendingBox.line,
        `vakje (☐/☒) hoort bij geen niveau: controleer of elk niveau (${this.scale.lowest} tot ${this.scale.highest}) precies één vakje heeft`,
      );
      this.pendingBox = { ticked, line };
    }
  }

  private onLevel(n: Level, line: number): void {
    const current = this.level;
    let level: LevelAcc;
    if (this.cur && current && n > current.level) {
      this.flushContinuation();
      level = { level: n, line, box: null, indicators: [] };
      this.cur.levels.push(level);
    } else {
      const lines = this.splitGap(true);
      this.finish();
      const { name, definition } = nameAndDefinition(lines);
      const nameText = name;
      const nameLine = lines[0]?.line ?? line;
      level = { level: n, line, box: null, indicators: [] };
      if (nameText === '') {
        this.log.error(
          line,
          `niveau ${n} staat niet onder een competentie: de naam van de competentie ontbreekt`,
        );
      }
      this.cur = {
        name: nameText,
        definition,
        line: nameLine,
        block: this.block,
        cluster: this.cluster,
        levels: [level],
        orphan: nameText === '',
      };
    }
    this.open = null;
    if (this.pendingBox) {
      level.box = this.pendingBox;
      this.pendingBox = null;
    }
  }

  private onCluster(name: string, line: number): void {
    if (name !== '') {
      this.flushContinuation();
      this.cluster = name;
    } else {
      const text = joinText(this.splitGap(true).map((l) => l.text));
      if (text === '') this.log.warn(line, "clustertitel vóór 'Keuze niveau en duiding' ontbreekt");
      this.cluster = text === '' ? null : text;
    }
    this.finish();
    this.dropPendingBox();
  }

  private onBlock(label: string, line: number): void {
    this.flushContinuation();
    this.finish();
    this.dropPendingBox();
    this.block = blockKind(label);
    this.cluster = null;
    if (this.block === null) {
      this.log.warn(
        line,
        `blok '${label}' is niet herkend als technische competenties of gedragscompetenties; de competenties eronder krijgen geen blok`,
      );
    }
  }

  end(endsDocument: boolean): void {
    if (endsDocument && !this.bulletless) {
      // The document stops here. Text after the last indicator that reads as a name is a
      // competency whose levels were cut off.
      const name = this.splitGap(false);
      const text = joinText(name.map((l) => l.text));
      if (text !== '') {
        this.log.error(
          name[0]?.line ?? null,
          `competentie '${text}' heeft geen niveaus: het document stopt hier. Is het volledig?`,
        );
      }
    } else {
      this.flushContinuation();
    }
    this.finish();
    this.dropPendingBox();
  }

  private dropPendingBox(): void {
    if (this.pendingBox) {
      this.log.error(this.pendingBox.line, 'vakje (☐/☒) hoort bij geen niveau van een competentie');
      this.pendingBox = null;
    }
  }

  /** Waiting text is a wrapped part of the open indicator. */
  private flushContinuation(): void {
    const gap = this.gap;
    this.gap = [];
    this.absorb(gap);
  }

  private absorb(lines: readonly SourceLine[]): void {
    const level = this.level;
    for (const l of lines) {
      if (this.bulletless && level && (this.open === null || startsUpper(l.text))) {
        this.open = { parts: [l.text], line: l.line, bulleted: false };
        level.indicators.push(this.open);
      } else if (this.open) {
        this.open.parts.push(l.text);
      } else {
        this.log.warn(
          l.line,
          `tekst hoort bij geen competentie en is niet overgenomen: '${l.text}'`,
        );
      }
    }
  }

  /**
   * Divides the waiting text into the open indicator's wrapped tail (absorbed) and what follows
   * it (returned: a name). The tail ends where a sentence ended or a line starts with a capital;
   * wrapped lines of an indicator start in lower case. A name does not end a sentence, so unless
   * the text ends with a definition, the name starts after the last finished sentence.
   */
  private splitGap(forceName: boolean): SourceLine[] {
    const gap = this.gap;
    this.gap = [];
    if (!this.open) return gap;
    const k = gap.length;
    let s = forceName ? Math.max(0, k - 1) : k;
    if (this.bulletless) {
      for (let i = k - 1; i >= 0; i--) {
        if (startsUpper(gap[i]?.text ?? '')) {
          s = i;
          break;
        }
      }
    } else {
      for (let i = 0; i < k; i++) {
        const prev = i === 0 ? (this.open.parts.at(-1) ?? '') : (gap[i - 1]?.text ?? '');
        if (endsSentence(prev) || startsUpper(gap[i]?.text ?? '')) {
          s = i;
          break;
        }
      }
    }
    if (!endsSentence(gap.at(-1)?.text ?? '')) {
      for (let j = s; j < k - 1; j++) if (endsSentence(gap[j]?.text ?? '')) s = j + 1;
    }
    this.absorb(gap.slice(0, s));
    return gap.slice(s);
  }

  private finish(): void {
    if (this.cur) this.done.push(this.cur);
    this.cur = null;
    this.open = null;
  }

  result(): { competencies: Competency[]; titles: LevelTitle[] } {
    const all = this.done.filter((c) => !c.orphan);
    const { scale } = this;
    // Every level of the scale; a 0–3 document may start at 1 (no "not applicable" level), as
    // it always could. A competency short of that was cut off, even when it is the only one.
    let lowest: Level = scale.highest;
    for (const c of all) for (const l of c.levels) if (l.level < lowest) lowest = l.level;
    const from = scale.lowest === 0 ? Math.max(0, lowest) : scale.lowest;
    const expected: Level[] = [];
    for (let n = from; n <= scale.highest; n++) expected.push(n);
    const titles = commonTitles(all);

    const out: Competency[] = [];
    for (const c of all) {
      const levels = c.levels.map((l) => {
        const title = titles.get(l.level);
        const own = title === undefined ? l.indicators : l.indicators.slice(1);
        return {
          level: l.level,
          indicators: own.map((i) => joinText(i.parts)).filter((t) => t !== ''),
        };
      });
      const missing = expected.filter((n) => !c.levels.some((l) => l.level === n));
      if (missing.length > 0) {
        this.log.error(
          c.line,
          `competentie '${c.name}' mist ${missing.length === 1 ? 'niveau' : 'de niveaus'} ${listNl(missing.map(String))}. Is het document volledig?`,
        );
      }
      for (const l of levels) {
        if (l.indicators.length === 0) {
          const at = c.levels.find((x) => x.level === l.level)?.line ?? c.line;
          this.log.error(
            at,
            `niveau ${l.level} van competentie '${c.name}' heeft geen omschrijving`,
          );
        }
      }
      const ticked = c.levels.filter((l) => l.box?.ticked === true);
      if (ticked.length === 0) {
        this.log.error(c.line, `competentie '${c.name}' heeft geen aangevinkt niveau`);
      } else if (ticked.length > 1) {
        this.log.error(
          c.line,
          `competentie '${c.name}' heeft meer dan één aangevinkt niveau (${listNl(ticked.map((l) => String(l.level)))}); vink er precies één aan`,
        );
      }
      const required = ticked.length === 1 ? (ticked[0]?.level ?? null) : null;
      out.push({
        name: c.name,
        block: c.block,
        cluster: c.cluster,
        definition: c.definition,
        requiredLevel: required,
        levelTitle: required === null ? null : (titles.get(required) ?? null),
        indicators: levels.find((l) => l.level === required)?.indicators ?? [],
        levels,
      });
    }
    return {
      competencies: out,
      titles: [...titles].sort(([a], [b]) => a - b).map(([level, title]) => ({ level, title })),
    };
  }
}

/** The unbulleted first line of a level followed by bulleted indicators: maybe its title. */
function titleCandidate(level: LevelAcc): string | null {
  const [first, ...rest] = level.indicators;
  if (!first || first.bulleted || !rest.some((i) => i.bulleted)) return null;
  const text = joinText(first.parts);
  return text === '' ? null : text;
}

/**
 * The document's own names of its levels ("1 ☐ Handelt vanuit eigen ervaring", then the
 * indicators as bullets): a level's title when every competency showing that level opens it
 * with the same unbulleted line. A line that differs between competencies is an indicator of
 * its own and stays one (nothing is dropped).
 */
function commonTitles(all: readonly CompAcc[]): Map<Level, string> {
  const titles = new Map<Level, string>();
  const byLevel = new Map<Level, (string | null)[]>();
  for (const c of all) {
    for (const l of c.levels)
      byLevel.set(l.level, [...(byLevel.get(l.level) ?? []), titleCandidate(l)]);
  }
  for (const [level, candidates] of byLevel) {
    const first = candidates[0];
    if (first != null && candidates.every((t) => t === first)) titles.set(level, first);
  }
  return titles;
}

/**
 * The lines above a competency's first level: its name, and in some templates a definition.
 * A name never ends a sentence; text that does, from its first capitalised line on, is the
 * definition. A trailing ':' after a name is layout.
 */
function nameAndDefinition(lines: readonly SourceLine[]): {
  name: string;
  definition: string | null;
} {
  let split = lines.length;
  if (lines.length >= 2 && endsSentence(lines.at(-1)?.text ?? '')) {
    const j = lines.findIndex((l, i) => i >= 1 && startsUpper(l.text));
    if (j > 0) split = j;
  }
  const name = joinText(lines.slice(0, split).map((l) => l.text)).replace(/\s*:$/, '');
  const definition = joinText(lines.slice(split).map((l) => l.text));
  return { name, definition: definition === '' ? null : definition };
}

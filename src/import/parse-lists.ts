import type { IssueLog } from './issues';
import { bulletOf, joinText, startsUpper, type Bullet, type SourceLine } from './parse-text';

/** Prose followed by bullet items, as under "Doel van de functie" and in other lists. */

export type Item = { parts: string[]; line: number; char: string };

// In a list (not in a level table, where they are tick boxes): ☐ ☒ ■ as bullets, and numbers.
const BOX_BULLET = /^([☐☒■□▪])\s*(.+)$/u;
const NUMBERED_ITEM = /^(\d{1,2}|[a-z])[.)]\s+(?=\p{Lu}|\p{Ll})(.+)$/u;

/** A bullet as a list has them: also a box or a number ("1.", "a)") before the item. */
export function listBulletOf(text: string): Bullet | null {
  const b = bulletOf(text);
  if (b) return b;
  const box = BOX_BULLET.exec(text);
  if (box) return { char: box[1] ?? '', text: (box[2] ?? '').trim() };
  const numbered = NUMBERED_ITEM.exec(text);
  if (numbered) return { char: '#', text: (numbered[2] ?? '').trim() };
  return null;
}

/** Text before the first bullet, then bullet items; a line without a bullet continues the item. */
export function leadAndItems(lines: readonly SourceLine[]): { lead: SourceLine[]; items: Item[] } {
  const lead: SourceLine[] = [];
  const items: Item[] = [];
  for (const l of lines) {
    const b = listBulletOf(l.text);
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
export function itemsOf(lines: readonly SourceLine[], log: IssueLog, what: string): string[] {
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

import { LAYOUTS } from './layouts';
import type { TitleSource } from './layouts/layout';
import type { Footer } from './parse-footers';
import { headingOf } from './parse-sections';
import { capitalise, escapeRegExp, joinText, type SourceLine } from './parse-text';

/** The cover heading, and the document's title from the sources its layout trusts. */

type CoverPatterns = {
  /** "Functiebeschrijving deskundige ICT": the word, then the title. */
  heading: RegExp;
  /** "Stad Tienen Functiebeschrijving deskundige ICT": organisation, the word, title. */
  footer: RegExp;
  /** Any cover word anywhere: a cheap test before `footer`, whose lazy prefix is slow. */
  mentioned: RegExp;
};

let cover: CoverPatterns | null = null;

/**
 * The registered layouts' cover words as patterns, so that a new layout's word is found in
 * headings and footers without editing them here. Built on first use rather than at load: a
 * module the registry loads may import this one, and would then see the registry half-loaded.
 */
export function coverPatterns(): CoverPatterns {
  if (cover === null) {
    const words = LAYOUTS.map((l) => escapeRegExp(l.coverWord)).join('|');
    cover = {
      heading: new RegExp(String.raw`^(${words})\b[\s:.\-–—‒−]*(.*)$`, 'iu'),
      footer: new RegExp(String.raw`^(.*?)\s*\b(?:${words})\b\s*(.*)$`, 'iu'),
      mentioned: new RegExp(`(?:${words})`, 'iu'),
    };
  }
  return cover;
}

/** `word` names the layout ("Functieprofiel"); `text` is the title after it, maybe wrapped. */
export type TitleHeading = { word: string; text: string };

/** "FUNCTIEBESCHRIJVING DESKUNDIGE" / "ICT" or "Functieprofiel leidinggevende". */
export function titleHeading(head: readonly SourceLine[]): TitleHeading | null {
  const { heading } = coverPatterns();
  const at = head.findIndex((l) => heading.test(l.text));
  const first = head[at];
  if (!first) return null;
  const m = heading.exec(first.text);
  const parts = [m?.[2] ?? ''];
  // A title wrapped over a second line; data lines ("Afdeling: …") are not part of it.
  for (const l of head.slice(at + 1, at + 3)) {
    if (l.text.includes(':') || headingOf(l.text)) break;
    parts.push(l.text);
  }
  return { word: m?.[1] ?? '', text: joinText(parts) };
}

/** The first source, in the layout's order, that has a title. */
export function titleOf(
  sources: readonly TitleSource[],
  found: {
    functionName: string | null;
    footers: readonly Footer[];
    heading: TitleHeading | null;
  },
): string | null {
  const { functionName, footers, heading } = found;
  const from: Record<TitleSource, string | null> = {
    'function-name': functionName,
    footer: footers.find((f) => f.title !== null)?.title ?? null,
    'cover-heading': heading && heading.text !== '' ? fromCapitals(heading.text) : null,
  };
  const title = sources.map((s) => from[s]).find((c): c is string => c !== null && c !== '');
  return title === undefined ? null : capitalise(title);
}

/** An all-capitals heading says nothing about the title's own capitals; lower it. */
function fromCapitals(text: string): string {
  return /\p{Ll}/u.test(text) ? text : text.toLocaleLowerCase('nl-BE');
}

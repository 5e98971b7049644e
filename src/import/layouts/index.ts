import { escapeRegExp } from '../parse-text';
import { functiebeschrijving } from './functiebeschrijving';
import { functieprofiel } from './functieprofiel';
import type { DocumentLayout, ScannedDocument } from './layout';

/**
 * The document layouts the importer reads. A new layout is one file in this folder and one line
 * here. Without a cover heading, the first layout that recognises the document is used, so a
 * more particular layout goes before a more general one; functieprofiel claims every document
 * and stays last.
 */
export const LAYOUTS: readonly DocumentLayout[] = [functiebeschrijving, functieprofiel];

/** A cover heading names its layout; otherwise the document's sections decide. */
export function chooseLayout(doc: ScannedDocument): DocumentLayout {
  const word = doc.heading?.word;
  const named = word === undefined ? undefined : LAYOUTS.find((l) => sameWord(l.coverWord, word));
  return named ?? LAYOUTS.find((l) => l.recognises(doc)) ?? functieprofiel;
}

/** As the cover patterns compare (case-insensitive, Unicode): the heading was found by them. */
function sameWord(coverWord: string, word: string): boolean {
  return new RegExp(`^(?:${escapeRegExp(coverWord)})$`, 'iu').test(word);
}

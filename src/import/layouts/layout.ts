import type { Competency, DescriptionKind, LevelTitle } from '../../domain/schema';
import type { IssueLog } from '../issues';
import type { Section, SectionKind } from '../parse-sections';
import type { SourceLine } from '../parse-text';
import type { TitleHeading } from '../parse-title';

/**
 * What a document layout is: the part of reading that differs between kinds of document
 * (a *functiebeschrijving*, a *functieprofiel*, another city's template). Everything they share
 * (lines, footers, sections, general data, prose, result areas, approval) is read the same way by
 * `parse.ts`; a layout only says how it is recognised and what it asks of those shared pieces.
 */

/** A document after footer removal and section detection: what a layout is recognised by. */
export type ScannedDocument = {
  readonly sections: readonly Section[];
  /** "Functiebeschrijving deskundige ICT" at the top, when the document has one. */
  readonly heading: TitleHeading | null;
  has(kind: SectionKind): boolean;
  /** The lines of every section of this kind, in document order. */
  linesOf(kind: SectionKind): SourceLine[];
};

/** Where a title can be read from. */
export type TitleSource =
  /** "Functienaam: …" among the general data. */
  | 'function-name'
  /** The title in a page footer ("Stad Tienen Functiebeschrijving deskundige ICT Pagina 1 van 16"). */
  | 'footer'
  /** The cover heading after the layout's word ("Functieprofiel leidinggevende"). */
  | 'cover-heading';

/** A section a complete document has; `name` (Dutch) is what a refusal or warning calls it. */
export type ExpectedSection = { readonly anyOf: readonly SectionKind[]; readonly name: string };

/** One way a competency section can be laid out (level tables, a list of named profiles, …). */
export type CompetencyFormat = {
  /** Is the competency section written in this format? */
  recognises(section: readonly SourceLine[]): boolean;
  /** Numbered levels: a level outside the document's scale is refused before reading. */
  readonly checksLevels?: boolean;
  /**
   * `endsDocument`: nothing follows the section, so text after its last indicator may be a
   * competency that was cut off. `scale`: the document's (`documentScale`). Returns the
   * competencies and the titles the document gives its levels, if any.
   */
  read(
    section: readonly SourceLine[],
    endsDocument: boolean,
    log: IssueLog,
    scale: { readonly lowest: number; readonly highest: number },
  ): { competencies: Competency[]; titles: LevelTitle[] };
};

export type DocumentLayout = {
  /** Unique in the registry (`layouts/index.ts`). */
  readonly name: string;
  /** What the interchange object says the document is. */
  readonly kind: DescriptionKind;
  /**
   * The word a cover heading and the page footers name this layout by ("Functieprofiel"; any
   * case). Unique in the registry. A cover heading decides the layout before any shape does.
   */
  readonly coverWord: string;
  /** A document without a cover heading: is it this layout, by its sections? */
  recognises(doc: ScannedDocument): boolean;
  /** Where the title is taken from, the most trusted first. */
  readonly titleSources: readonly TitleSource[];
  /**
   * Missing ones are named in the refusal of a document without competencies (a document cut
   * short shows here), and otherwise warned about.
   */
  readonly expectedSections: readonly ExpectedSection[];
  /**
   * Asked in order; the first that recognises the competency section reads it. When none does,
   * the document has no competencies and is refused for that, so the last should read anything.
   */
  readonly competencyFormats: readonly CompetencyFormat[];
};

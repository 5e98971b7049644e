import { diffDescriptions, type Change } from '../../../../domain/diff';
import type { FunctionContent } from '../../../../domain/schema';
import type { ParseResult } from '../../../../import/parse';
import type { SaveOutcome } from '../../../../services/import';

/** One document on the page, from the moment it is dropped to its save result. */
export interface ImportDocument {
  id: number;
  fileName: string;
  /** null while the worker reads it. */
  result: ParseResult | null;
  /** The role with the same key in SharePoint: what saving would overwrite. */
  current: CurrentRole;
  selected: boolean;
  outcome: SaveOutcome | null;
}

export type CurrentRole =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'found'; changes: Change[] }
  | { state: 'failed'; message: string };

export type ImportAction =
  | { type: 'added'; id: number; fileName: string }
  | { type: 'parsed'; id: number; result: ParseResult }
  | { type: 'current'; id: number; current: CurrentRole }
  | { type: 'select'; id: number; selected: boolean }
  | { type: 'remove'; id: number }
  | { type: 'saved'; outcomes: ReadonlyMap<number, SaveOutcome> };

export function importReducer(docs: ImportDocument[], action: ImportAction): ImportDocument[] {
  switch (action.type) {
    case 'added':
      return [
        ...docs,
        {
          id: action.id,
          fileName: action.fileName,
          result: null,
          current: { state: 'idle' },
          selected: false,
          outcome: null,
        },
      ];
    case 'parsed':
      return docs.map((d) =>
        d.id === action.id
          ? {
              ...d,
              result: action.result,
              // A readable document is selected; one with errors can never be.
              selected: action.result.ok,
              current: action.result.ok ? { state: 'loading' } : { state: 'idle' },
            }
          : d,
      );
    case 'current':
      return docs.map((d) => (d.id === action.id ? { ...d, current: action.current } : d));
    case 'select':
      return docs.map((d) =>
        d.id === action.id ? { ...d, selected: action.selected && d.result?.ok === true } : d,
      );
    case 'remove':
      return docs.filter((d) => d.id !== action.id);
    case 'saved':
      return docs.map((d) => {
        const outcome = action.outcomes.get(d.id);
        if (!outcome) return d;
        const written = outcome.kind !== 'failed';
        return {
          ...d,
          outcome,
          // What is in SharePoint now is this document: nothing left to overwrite.
          current: written ? { state: 'found', changes: [] } : d.current,
          selected: written ? false : d.selected,
        };
      });
  }
}

export function currentFrom(content: FunctionContent | null, parsed: FunctionContent): CurrentRole {
  if (content === null) return { state: 'none' };
  return { state: 'found', changes: diffDescriptions(content, parsed) };
}

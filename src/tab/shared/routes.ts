import { competencyKey } from '../../domain/text';
import {
  deepLinkTargetSchema,
  formatSubPageId,
  parseSubPageId,
  type DeepLinkTarget,
} from '../../teams/deep-link';

/**
 * Routing inside the tab is plain state, not the URL: Teams owns the URL and hands us the page
 * through `page.subPageId`. The sub-page id grammar is the Teams edge's (`src/teams/deep-link.ts`,
 * the canonical, written form):
 *
 *   role/deskundige-ict
 *   competency/klantgerichtheid            (the competency's key: `competencyKey` of its name)
 *   compare/deskundige-ict/leidinggevende  (2 to 4 roles)
 *   approval/42
 *
 * Read-only aliases with a colon are accepted too, because they are easier to type by hand in a
 * link: `role:deskundige-ict`, `competency:Klantgerichtheid` (a name is turned into its key),
 * `compare:deskundige-ict,leidinggevende`, `approval:42`. Anything else opens the catalogue with
 * a notice; a malformed link never breaks the tab.
 */
export type Route =
  | { name: 'catalogue' }
  | { name: 'role'; key: string }
  | { name: 'competency'; key: string }
  /** One key while the user is still choosing; a shareable comparison has two or more. */
  | { name: 'compare'; keys: string[] }
  | { name: 'approval'; requestId: string }
  /** HR's import page; sub-page id `import`. Anyone else is shown the catalogue instead. */
  | { name: 'import' };

export type RouteNotice = 'malformed-link' | 'approval-unavailable' | 'import-unavailable';

/** The sub-page id of the import page (not a Teams deep-link target: nothing to share). */
export const IMPORT_SUB_PAGE_ID = 'import';

/** What the user may open, for routes that are not for everyone. */
export interface RouteAccess {
  canImport: boolean;
}

export interface ResolvedRoute {
  route: Route;
  notice: RouteNotice | null;
}

export const CATALOGUE: Route = { name: 'catalogue' };

/** The compare view shows at most this many roles side by side (the issue asks for 2 or 3). */
export const MAX_COMPARE_SELECTION = 3;

function parseAlias(raw: string): DeepLinkTarget | null {
  const match = /^(role|competency|compare|approval):(.+)$/.exec(raw.trim());
  if (!match) return null;
  const [, kind, rest = ''] = match;
  const value = rest.trim();
  const candidate =
    kind === 'compare'
      ? { kind, keys: value.split(',').map((part) => part.trim()) }
      : kind === 'approval'
        ? { kind, requestId: value }
        : // A competency is named by people ("Klantgerichtheid"); the key is derived from it.
          { kind, key: kind === 'competency' ? competencyKey(value) : value };
  const parsed = deepLinkTargetSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function toRoute(target: DeepLinkTarget): Route {
  switch (target.kind) {
    case 'role':
      return { name: 'role', key: target.key };
    case 'competency':
      return { name: 'competency', key: target.key };
    case 'compare':
      // Teams links may name four roles; the view compares at most three side by side.
      return { name: 'compare', keys: target.keys.slice(0, MAX_COMPARE_SELECTION) };
    case 'approval':
      return { name: 'approval', requestId: target.requestId };
  }
}

/** The view a sub-page id opens. Never throws: bad input gives the catalogue and a notice. */
export function resolveSubPageId(
  subPageId: string | null | undefined,
  access: RouteAccess = { canImport: false },
): ResolvedRoute {
  if (subPageId === null || subPageId === undefined || subPageId.trim() === '') {
    return { route: CATALOGUE, notice: null };
  }
  if (subPageId.trim() === IMPORT_SUB_PAGE_ID) {
    return access.canImport
      ? { route: { name: 'import' }, notice: null }
      : { route: CATALOGUE, notice: 'import-unavailable' };
  }
  let target: DeepLinkTarget | null;
  try {
    target = parseSubPageId(subPageId) ?? parseAlias(subPageId);
  } catch {
    // Whatever arrives through a link must not break the tab.
    target = null;
  }
  if (!target) return { route: CATALOGUE, notice: 'malformed-link' };
  return { route: toRoute(target), notice: null };
}

/** The sub-page id that reopens `route`, or null where there is nothing to link to. */
export function subPageIdOf(route: Route): string | null {
  switch (route.name) {
    case 'catalogue':
      return null;
    case 'role':
    case 'competency':
      return formatSubPageId({ kind: route.name, key: route.key });
    case 'compare':
      return route.keys.length >= 2 ? formatSubPageId({ kind: 'compare', keys: route.keys }) : null;
    case 'approval':
      return formatSubPageId({ kind: 'approval', requestId: route.requestId });
    case 'import':
      return IMPORT_SUB_PAGE_ID;
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Where HR edits a role in SharePoint: the role's own item, and its competency and task rows as
 * the lists' default views filtered on the Functie lookup (SharePoint's view URL grammar:
 * `AllItems.aspx?FilterField1=<internal name>&FilterValue1=<item id>&FilterLookupId1=1` filters a
 * lookup on the id it points at, not on the looked-up text, which two roles may share). The item's
 * URL comes from Graph (`webUrl`, `…/Lists/Functies/<id>_.000`) or a form URL (`DispForm.aspx?ID=`);
 * the list names are those provisioning gives the lists (src/graph/lists, checked by a test).
 */

export const ROW_LISTS = { competencies: 'Functiecompetenties', tasks: 'Taakafspraken' } as const;
/** The lookup column of both row lists that points at the role. */
export const ROLE_LOOKUP = 'Functie';

export interface SharePointLinks {
  item: string;
  /** Null when the item URL does not say which site and item it is. */
  competencies: string | null;
  tasks: string | null;
}

const ITEM_URL =
  /^(https?:\/\/[^?#]+?)\/Lists\/[^/?#]+\/(?:(\d+)_\.000|DispForm\.aspx\?ID=(\d+))$/i;

/**
 * The links for a role, or null when there is no URL or it is not http(s): a `javascript:` or
 * `data:` value from outside the tab's control must never become a link.
 */
export function sharePointLinks(url: string | null): SharePointLinks | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const item = parsed.href;
  const m = ITEM_URL.exec(item);
  const site = m?.[1];
  const id = m?.[2] ?? m?.[3];
  if (site === undefined || id === undefined) return { item, competencies: null, tasks: null };
  const filtered = (list: string): string =>
    `${site}/Lists/${list}/AllItems.aspx?${new URLSearchParams({
      FilterField1: ROLE_LOOKUP,
      FilterValue1: id,
      FilterLookupId1: '1',
    }).toString()}`;
  return { item, competencies: filtered(ROW_LISTS.competencies), tasks: filtered(ROW_LISTS.tasks) };
}

import type { GraphHttp } from '../client';
import { ValidationError } from '../errors';
import type { SiteLists } from '../site';

/** What every repository needs: the client and where the lists are. */
export interface RepositoryContext {
  http: GraphHttp;
  site: SiteLists;
}

export interface ReadOptions {
  /** Aborts the read when the view that asked for it has gone (react-query passes one). */
  signal?: AbortSignal;
}

/** Item ids are numbers in SharePoint; a deep link or an old cache may carry anything. */
export function checkItemId(id: string, what: string): string {
  if (!/^\d+$/.test(id)) throw new ValidationError(`${what}: '${id}' is geen geldig item-id.`);
  return id;
}

/** SharePoint hands out ids in creation order: sort numerically, not as text ("10" after "9"). */
export function byNumericId(a: { id: string }, b: { id: string }): number {
  return Number(a.id) - Number(b.id);
}

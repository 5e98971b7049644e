import { z } from 'zod';
import type { GraphHttp } from '../graph/client';
import { GROUP_NAMES, type ListName } from '../graph/lists';
import { listPath, odataString, type SiteLists } from '../graph/site';

/**
 * The naive client the bench compares us with: what a typical Teams tab sample does against the
 * same Graph. It lists a list's item ids, then GETs every item on its own (`$expand=fields`, the
 * usual way to see the columns), one after the other; no `$select`, no `$batch`, no cache — each
 * view reads everything it shows again. It filters only where SharePoint leaves no choice (a list
 * past 5,000 items refuses an unfiltered read of a role's rows in practice, and every sample
 * filters a role's children on the lookup column).
 *
 * It reads the same data as our views: the catalogue needs every role with its status (decisions
 * and open requests); a role its task agreements, competencies, decisions and requests; the
 * approval page the request, its role and the approver group. It goes through our `GraphHttp`
 * only so that its traffic is counted by the same exchange log as ours; the requests it sends
 * are the sample's.
 *
 * The site and list ids are given, as they are to our views (both resolve them once per session).
 */

const idOnly = z.object({ id: z.string().min(1) }).loose();
const itemShape = z
  .object({ id: z.string().min(1), fields: z.record(z.string(), z.unknown()) })
  .loose();
type Item = z.infer<typeof itemShape>;

export interface NaiveRole {
  role: Item;
  areas: Item[];
  competencies: Item[];
  decisions: Item[];
  requests: Item[];
}

export class NaiveClient {
  constructor(
    private readonly http: GraphHttp,
    private readonly site: SiteLists,
  ) {}

  /** Every role, and every decision and open request to derive each role's status from. */
  async catalogue(): Promise<{ roles: Item[]; decisions: Item[]; openRequests: Item[] }> {
    return {
      roles: await this.items('Functies'),
      decisions: await this.items('Besluiten'),
      openRequests: await this.items('Goedkeuringsaanvragen', `fields/Status eq 'Open'`),
    };
  }

  /** One role by its key, as a link names it: found by key, then its rows item by item. */
  async roleByKey(key: string): Promise<NaiveRole> {
    const [found] = await this.ids('Functies', `fields/FunctieKey eq ${odataString(key)}`);
    if (!found) throw new Error(`naïeve client: functie ${key} niet gevonden`);
    return this.roleById(found);
  }

  async roleById(id: string): Promise<NaiveRole> {
    const byRole = `fields/FunctieLookupId eq ${id}`;
    return {
      role: await this.item('Functies', id),
      areas: await this.items('Taakafspraken', byRole),
      competencies: await this.items('Functiecompetenties', byRole),
      decisions: await this.items('Besluiten', byRole),
      requests: await this.items('Goedkeuringsaanvragen', byRole),
    };
  }

  /** The comparison opened from a link: the catalogue (to pick roles from) and each role. */
  async compare(keys: readonly string[]): Promise<NaiveRole[]> {
    await this.catalogue();
    const roles: NaiveRole[] = [];
    for (const key of keys) roles.push(await this.roleByKey(key));
    return roles;
  }

  /** The approval page: the request, its role, and who may decide (which decisions count). */
  async approval(
    requestId: string,
  ): Promise<{ request: Item; role: NaiveRole; approvers: Item[] }> {
    const request = await this.item('Goedkeuringsaanvragen', requestId);
    const roleId = request.fields['FunctieLookupId'];
    if (typeof roleId !== 'string' && typeof roleId !== 'number') {
      throw new Error(`naïeve client: aanvraag ${requestId} verwijst naar geen functie`);
    }
    const role = await this.roleById(String(roleId));
    const filter = encodeURIComponent(`displayName eq ${odataString(GROUP_NAMES.goedkeurders)}`);
    const [group] = await this.http.getAll(`/groups?$filter=${filter}`, idOnly);
    if (!group) throw new Error('naïeve client: goedkeurdersgroep niet gevonden');
    const approvers = await this.http.getAll(`/groups/${group.id}/members`, idOnly);
    return { request, role, approvers: approvers.map((a) => ({ ...a, fields: {} })) };
  }

  private async ids(list: ListName, filter?: string): Promise<string[]> {
    const query = filter === undefined ? '' : `?$filter=${encodeURIComponent(filter)}`;
    const listed = await this.http.getAll(`${listPath(this.site, list)}/items${query}`, idOnly);
    return listed.map((i) => i.id);
  }

  private item(list: ListName, id: string): Promise<Item> {
    return this.http.get(`${listPath(this.site, list)}/items/${id}?$expand=fields`, itemShape);
  }

  /** One GET per item, one after the other, as a sample's `for … await` loop does. */
  private async items(list: ListName, filter?: string): Promise<Item[]> {
    const items: Item[] = [];
    for (const id of await this.ids(list, filter)) items.push(await this.item(list, id));
    return items;
  }
}

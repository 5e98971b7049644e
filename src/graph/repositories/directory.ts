import { z } from 'zod';
import { type GraphHttp, validate } from '../client';
import { NotFoundError } from '../errors';
import { GROUP_NAMES } from '../lists';
import type { Person } from '../model';
import { odataString } from '../site';
import type { ReadOptions } from './context';

const personShape = z
  .object({
    id: z.string().min(1),
    displayName: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
    mail: z.string().nullish(),
  })
  .transform((u): Person => ({
    id: u.id,
    displayName: u.displayName ?? u.userPrincipalName ?? u.id,
    userPrincipalName: u.userPrincipalName ?? '',
    mail: u.mail ?? null,
  }));

const directoryObject = z.object({ '@odata.type': z.string().optional(), id: z.string() }).loose();
const groupShape = z.object({ id: z.string(), displayName: z.string().nullish() });

const PERSON_SELECT = 'id,displayName,userPrincipalName,mail';

/**
 * Users and groups: who am I, which groups am I in, who may approve. Needs only the client (no
 * site): the tab calls it before it knows anything else.
 */
export class DirectoryRepository {
  /**
   * @param approverGroupId Tenant mode: the approvers' Entra ID group as configured, so no
   * lookup by name is needed (and a renamed group keeps working). Absent: found by its name.
   */
  constructor(
    private readonly http: GraphHttp,
    private approverGroupId?: string,
  ) {}

  me(options: ReadOptions = {}): Promise<Person> {
    return this.http.get(`/me?$select=${PERSON_SELECT}`, personShape, options);
  }

  /** Display names of the groups the signed-in user is a direct member of. */
  async myGroups(options: ReadOptions = {}): Promise<{ id: string; displayName: string }[]> {
    const all = await this.http.getAll(
      '/me/memberOf?$select=id,displayName',
      directoryObject,
      options,
    );
    return all
      .filter(
        (o) => o['@odata.type'] === undefined || o['@odata.type'] === '#microsoft.graph.group',
      )
      .map((o) => validate(groupShape, o, 'GET /me/memberOf'))
      .map((g) => ({ id: g.id, displayName: g.displayName ?? '' }));
  }

  async findGroupId(displayName: string, options: ReadOptions = {}): Promise<string> {
    const groups = await this.http.getAll(
      `/groups?$filter=${encodeURIComponent(`displayName eq ${odataString(displayName)}`)}&$select=id,displayName`,
      groupShape,
      options,
    );
    // Not every directory honours $filter on groups: match the name here too.
    const group = groups.find((g) => g.displayName === displayName);
    if (!group) {
      throw new NotFoundError(
        `De groep '${displayName}' bestaat niet. Laat IT de groepen aanmaken.`,
      );
    }
    return group.id;
  }

  async groupMembers(groupId: string, options: ReadOptions = {}): Promise<Person[]> {
    const members = await this.http.getAll(
      `/groups/${encodeURIComponent(groupId)}/members?$select=${PERSON_SELECT}`,
      directoryObject,
      options,
    );
    return members
      .filter((m) => m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user')
      .map((m) => validate(personShape, m, 'GET /groups/{id}/members'));
  }

  /** Members of the approver group (the algemeen directeur and deputies). */
  async approvers(options: ReadOptions = {}): Promise<Person[]> {
    this.approverGroupId ??= await this.findGroupId(GROUP_NAMES.goedkeurders, options);
    return this.groupMembers(this.approverGroupId, options);
  }
}

import { z } from 'zod';
import { type GraphHttp, validate } from '../client';
import { NotFoundError } from '../errors';
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
const membershipShape = z.object({ id: z.string().min(1) }).loose();
const groupShape = z.object({ id: z.string(), displayName: z.string().nullish() });

const PERSON_SELECT = 'id,displayName,userPrincipalName,mail';

/**
 * Users and groups: who am I, which groups am I in, who is in a group. Needs only the client (no
 * site): the tab calls it before it knows anything else. Groups are always addressed by id;
 * which id means what is configuration (src/services/identity).
 */
export class DirectoryRepository {
  constructor(private readonly http: GraphHttp) {}

  me(options: ReadOptions = {}): Promise<Person> {
    return this.http.get(`/me?$select=${PERSON_SELECT}`, personShape, options);
  }

  /**
   * The ids (lower case) of every group the signed-in user is in, directly or through nested
   * groups. `User.Read` is enough; with it Graph returns the ids but may leave the names out.
   */
  async memberOfIds(options: ReadOptions = {}): Promise<Set<string>> {
    const all = await this.http.getAll(
      '/me/transitiveMemberOf?$select=id',
      membershipShape,
      options,
    );
    return new Set(all.map((m) => m.id.toLowerCase()));
  }

  /**
   * Provisioning only (IT's setup maps SharePoint's group names to directory groups): the id of
   * the group with this display name. Identity and approval never ask by name.
   */
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

  /**
   * Every user in the group, directly or through nested groups: `/members` lists direct members
   * only (a nested group comes back as a group), so a deputy director in a group nested in the
   * approver group would be offered the decision but never counted or notified. The
   * `microsoft.graph.user` cast leaves the groups out. Names need `User.ReadBasic.All`; without
   * it Graph answers ids only, and the person falls back to the id.
   */
  async groupMembers(groupId: string, options: ReadOptions = {}): Promise<Person[]> {
    const members = await this.http.getAll(
      `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=${PERSON_SELECT}`,
      directoryObject,
      options,
    );
    const seen = new Set<string>();
    return members
      .filter((m) => m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user')
      .map((m) => validate(personShape, m, 'GET /groups/{id}/transitiveMembers'))
      .filter((p) => !seen.has(p.id) && !!seen.add(p.id));
  }
}

import { once } from '../../graph/once';
import type { Person } from '../../graph/model';
import type { DirectoryRepository } from '../../graph/repositories';
import { type Identity, type IdentityGroups, identityOf } from './identity';

export interface IdentityServiceOptions {
  directory: Pick<DirectoryRepository, 'me' | 'memberOfIds' | 'groupMembers'>;
  groups: IdentityGroups;
  /** Already known at start-up (the tab resolved it to decide what to show): not read again. */
  known?: Identity;
  /**
   * Who holds the token now, where that can change under a running service (local mode's
   * persona switch): the identity is read again when this changes.
   */
  sessionKey?: () => string;
  /**
   * The approver group's read when the caller started it already (`approverMembers` on the same
   * directory and groups): the tab starts it at start-up beside the site, and it is not made twice.
   */
  approvers?: () => Promise<Person[]>;
}

/**
 * One per session (one signed-in user; a persona switch in local mode starts a new one): the
 * user's identity is read once (`/me` and `/me/transitiveMemberOf`, both under `User.Read`), and
 * the approver group's members once. A failed read is not kept, so the next question asks again.
 */
export class IdentityService {
  readonly groups: IdentityGroups;
  private readonly identity: () => Promise<Identity>;
  private readonly approverList: () => Promise<Person[]>;

  constructor(options: IdentityServiceOptions) {
    const { directory, groups, known, sessionKey, approvers } = options;
    this.groups = groups;
    const read = async (): Promise<Identity> => {
      const [person, memberOf] = await Promise.all([directory.me(), directory.memberOfIds()]);
      return identityOf(person, memberOf, groups);
    };
    if (known) {
      this.identity = () => Promise.resolve(known);
    } else if (sessionKey) {
      let cached: { key: string; identity: () => Promise<Identity> } | null = null;
      this.identity = () => {
        const key = sessionKey();
        if (cached?.key !== key) cached = { key, identity: once(read) };
        return cached.identity();
      };
    } else {
      this.identity = once(read);
    }
    this.approverList = approvers ?? approverMembers(directory, groups);
  }

  /** Who is signed in and what they may do. */
  current(): Promise<Identity> {
    return this.identity();
  }

  /**
   * The members of the configured approver group: whose decisions count, and who is notified
   * of a request. Read by id, so a renamed group keeps working.
   */
  approvers(): Promise<Person[]> {
    return this.approverList();
  }

  /**
   * Who counts as an approver when a decision is judged: each approver's user id, and their UPN
   * and mail address in lower case, for decision items Graph returns without
   * `createdBy.user.id` (then the domain matches the creator's e-mail and records that it did).
   */
  async approverIds(): Promise<ReadonlySet<string>> {
    return new Set(
      (await this.approvers()).flatMap((person) =>
        [person.id, person.userPrincipalName, person.mail ?? ''].filter((v) => v !== ''),
      ),
    );
  }
}

/**
 * The members of the configured approver group, read once (until a read fails): needs only the
 * token and the group id, not the site, so a caller may start it before anything else.
 */
export function approverMembers(
  directory: Pick<DirectoryRepository, 'groupMembers'>,
  groups: IdentityGroups,
): () => Promise<Person[]> {
  return once(() => directory.groupMembers(groups.approvers));
}

/**
 * Reads the identity of whoever holds the token, without the rest of a session: boot uses it to
 * decide what the tab shows before anything else is built.
 */
export async function readIdentity(
  directory: IdentityServiceOptions['directory'],
  groups: IdentityGroups,
): Promise<Identity> {
  return new IdentityService({ directory, groups }).current();
}

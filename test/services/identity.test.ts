import type { Person } from '../../src/graph/model';
import { identityOf, IdentityService } from '../../src/services/identity';

const GROUPS = { hr: 'g-hr', approvers: 'G-APPROVERS', it: 'g-it' };
const anne: Person = { id: 'u-anne', displayName: 'Anne', userPrincipalName: 'anne@x', mail: null };

describe('identityOf: what a user may do follows the configured group ids', () => {
  it('a member of no configured group is staff, and may only read', () => {
    const identity = identityOf(anne, new Set(['g-other']), GROUPS);
    expect([...identity.roles]).toEqual(['staff']);
    expect(identity.primaryRole).toBe('staff');
    expect(identity.permissions).toEqual({ canEdit: false, canSubmit: false, canApprove: false });
  });

  it('HR edits and submits; approvers decide; IT edits but neither submits nor decides', () => {
    expect(identityOf(anne, new Set(['g-hr']), GROUPS).permissions).toEqual({
      canEdit: true,
      canSubmit: true,
      canApprove: false,
    });
    // Ids compare case-insensitively (Graph and a configuration may differ in case).
    expect(identityOf(anne, new Set(['g-approvers']), GROUPS).permissions).toEqual({
      canEdit: false,
      canSubmit: false,
      canApprove: true,
    });
    expect(identityOf(anne, new Set(['g-it']), GROUPS).permissions).toEqual({
      canEdit: true,
      canSubmit: false,
      canApprove: false,
    });
  });

  it('someone in several groups gets every action of each, and is named by the rarest role', () => {
    const identity = identityOf(anne, new Set(['g-hr', 'g-approvers']), GROUPS);
    expect(identity.primaryRole).toBe('approver');
    expect(identity.permissions).toEqual({ canEdit: true, canSubmit: true, canApprove: true });
  });

  it('no IT group configured: nobody is IT', () => {
    const identity = identityOf(anne, new Set(['g-it']), { hr: 'g-hr', approvers: 'g-a' });
    expect(identity.roles.has('it')).toBe(false);
  });
});

function fakeDirectory(groupsOf: Record<string, string[]>) {
  let holder = 'u-anne';
  const calls: string[] = [];
  let failNext = false;
  return {
    calls,
    becomes(id: string) {
      holder = id;
    },
    failOnce() {
      failNext = true;
    },
    directory: {
      me: async (): Promise<Person> => {
        calls.push(`me:${holder}`);
        if (failNext) {
          failNext = false;
          throw new Error('offline');
        }
        return { ...anne, id: holder };
      },
      memberOfIds: async () => {
        calls.push(`memberOf:${holder}`);
        return new Set(groupsOf[holder] ?? []);
      },
      groupMembers: async (groupId: string): Promise<Person[]> => {
        calls.push(`members:${groupId}`);
        return [{ ...anne, id: 'u-director' }];
      },
    },
  };
}

describe('IdentityService', () => {
  it('reads who is signed in once per session, and the approver group once, by its id', async () => {
    const fake = fakeDirectory({ 'u-anne': ['g-hr'] });
    const service = new IdentityService({ directory: fake.directory, groups: GROUPS });
    await service.current();
    await service.current();
    expect((await service.approverIds()).has('u-director')).toBe(true);
    await service.approvers();
    expect(fake.calls).toEqual(['me:u-anne', 'memberOf:u-anne', 'members:G-APPROVERS']);
  });

  it('a failed read is not kept: the next question asks Graph again', async () => {
    const fake = fakeDirectory({ 'u-anne': ['g-hr'] });
    const service = new IdentityService({ directory: fake.directory, groups: GROUPS });
    fake.failOnce();
    await expect(service.current()).rejects.toThrow('offline');
    await expect(service.current()).resolves.toMatchObject({ primaryRole: 'hr' });
  });

  it('reads the identity again when the session key changes (a persona switch)', async () => {
    const fake = fakeDirectory({ 'u-anne': ['g-hr'], 'u-jan': ['g-approvers'] });
    let key = 'u-anne';
    const service = new IdentityService({
      directory: fake.directory,
      groups: GROUPS,
      sessionKey: () => key,
    });
    expect((await service.current()).primaryRole).toBe('hr');
    fake.becomes('u-jan');
    key = 'u-jan';
    expect((await service.current()).primaryRole).toBe('approver');
    expect((await service.current()).person.id).toBe('u-jan');
    expect(fake.calls.filter((c) => c.startsWith('me:'))).toEqual(['me:u-anne', 'me:u-jan']);
  });

  it('an identity known at start-up is not read again', async () => {
    const fake = fakeDirectory({});
    const known = identityOf(anne, new Set(['g-hr']), GROUPS);
    const service = new IdentityService({ directory: fake.directory, groups: GROUPS, known });
    await expect(service.current()).resolves.toBe(known);
    expect(fake.calls).toEqual([]);
  });
});

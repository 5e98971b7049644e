/**
 * The fixed tenant the emulator serves (documented in docs/emulator.md). Every id is a constant so
 * that tests, the e2e harness and a developer's browser all see the same tenant after a reset.
 * Nothing here is stored: the directory (users, groups, team) is read-only in the emulator, only
 * SharePoint content, channel messages and notifications live in SQLite.
 */

export type PersonaRole = 'staff' | 'hr' | 'approver' | 'admin';

export const TENANT_ID = '5b1e7c3a-2f4d-4e8b-9a6c-1d0f3e2b4a71';
export const TENANT_DOMAIN = 'stadtienen.onmicrosoft.com';
export const SHAREPOINT_HOSTNAME = 'stadtienen.sharepoint.com';

export interface TenantUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  /** Id of the user in the site's User Information List: what person columns store. */
  siteUserId: number;
  /** Absent for a directory user who is not one of the personas (used to test refusals). */
  persona: PersonaRole | null;
}

function user(
  id: string,
  local: string,
  givenName: string,
  surname: string,
  jobTitle: string,
  siteUserId: number,
  persona: PersonaRole | null,
): TenantUser {
  return {
    id,
    userPrincipalName: `${local}@${TENANT_DOMAIN}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    jobTitle,
    siteUserId,
    persona,
  };
}

export const USERS: readonly TenantUser[] = [
  user(
    '0c5f9a4e-1b2d-4c3e-8f7a-6b5c4d3e2f11',
    'sofie.maes',
    'Sofie',
    'Maes',
    'Administratief medewerker',
    11,
    'staff',
  ),
  user(
    '1d6a0b5f-2c3e-4d4f-9a8b-7c6d5e4f3a22',
    'pieter.claes',
    'Pieter',
    'Claes',
    'Technisch assistent',
    12,
    'staff',
  ),
  user(
    '2e7b1c6a-3d4f-4e5a-8b9c-8d7e6f5a4b33',
    'hilde.janssens',
    'Hilde',
    'Janssens',
    'HR-consulent',
    13,
    'hr',
  ),
  user(
    '3f8c2d7b-4e5a-4f6b-9cad-9e8f7a6b5c44',
    'jan.peeters',
    'Jan',
    'Peeters',
    'Algemeen directeur',
    14,
    'approver',
  ),
  user(
    '4a9d3e8c-5f6b-4a7c-8dbe-af9a8b7c6d55',
    'els.wouters',
    'Els',
    'Wouters',
    'Adjunct-algemeen directeur',
    15,
    'approver',
  ),
  user(
    '5bae4f9d-6a7c-4b8d-9ecf-ba0b9c8d7e66',
    'tom.vermeulen',
    'Tom',
    'Vermeulen',
    'ICT-beheerder',
    16,
    'admin',
  ),
  // In the directory and in "everyone", not in the team or any Functiewijzer role: the refusals.
  user(
    '6cbf5a0e-7b8d-4c9e-8fd0-cb1c0d9e8f77',
    'koen.desmet',
    'Koen',
    'Desmet',
    'Jobstudent',
    17,
    null,
  ),
];

export interface TenantGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  /** Direct user members. */
  memberIds: readonly string[];
  /**
   * Groups nested in this one (direct members that are groups). Graph's `/members` lists them as
   * groups, `/transitiveMembers` and `transitiveMemberOf` flatten them; SharePoint permissions
   * granted to this group reach their users too.
   */
  groupIds?: readonly string[];
  /** A Microsoft 365 group with a team behind it. */
  isTeam: boolean;
}

const byUpn = (local: string): string => {
  const found = USERS.find((u) => u.userPrincipalName === `${local}@${TENANT_DOMAIN}`);
  if (!found) throw new Error(`unknown seed user ${local}`);
  return found.id;
};

const PERSONA_IDS = USERS.filter((u) => u.persona !== null).map((u) => u.id);

export const GROUP_IDS = {
  visitors: '7d0a6b1f-8c9e-4daf-9a01-dc2d1eaf9088',
  members: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
  owners: '9f2c8d3b-aeb0-4fc1-9c23-fe4f3ac1b2aa',
  approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
  /** Nested in the approver group: the deputy director is an approver only through it. */
  deputies: 'c36a1f7e-e2f4-43a5-9f67-3c8d7e06f7ab',
  team: 'b14eaf5d-c0d2-41e3-9e45-1a6b5ce3d4cc',
} as const;

export const GROUPS: readonly TenantGroup[] = [
  {
    id: GROUP_IDS.visitors,
    displayName: 'Functiewijzer Bezoekers',
    description: 'Alle medewerkers: lezen in de Functiewijzer.',
    mailNickname: 'functiewijzer-bezoekers',
    memberIds: USERS.map((u) => u.id),
    isTeam: false,
  },
  {
    id: GROUP_IDS.members,
    displayName: 'Functiewijzer Leden',
    description: 'HR: functiebeschrijvingen bewerken en ter goedkeuring voorleggen.',
    mailNickname: 'functiewijzer-leden',
    memberIds: [byUpn('hilde.janssens')],
    isTeam: false,
  },
  {
    id: GROUP_IDS.owners,
    displayName: 'Functiewijzer Eigenaars',
    description: 'IT: lijsten en machtigingen beheren.',
    mailNickname: 'functiewijzer-eigenaars',
    memberIds: [byUpn('tom.vermeulen')],
    isTeam: false,
  },
  {
    id: GROUP_IDS.approvers,
    displayName: 'Functiewijzer Goedkeurders',
    description: 'Algemeen directeur en adjunct: functiebeschrijvingen goedkeuren.',
    mailNickname: 'functiewijzer-goedkeurders',
    // As a city's IT often does: the deputies are a group of their own, nested here, so only a
    // transitive read of the approver group finds the second director (docs/emulator.md).
    memberIds: [byUpn('jan.peeters')],
    groupIds: [GROUP_IDS.deputies],
    isTeam: false,
  },
  {
    id: GROUP_IDS.deputies,
    displayName: 'Adjunct-directeurs',
    description: 'De adjunct-algemeen directeurs (genest in Functiewijzer Goedkeurders).',
    mailNickname: 'adjunct-directeurs',
    memberIds: [byUpn('els.wouters')],
    isTeam: false,
  },
  {
    id: GROUP_IDS.team,
    displayName: 'Functiewijzer',
    description: 'Team van de Functiewijzer, met het kanaal Goedkeuringen.',
    mailNickname: 'functiewijzer',
    memberIds: PERSONA_IDS,
    isTeam: true,
  },
];

export const TEAM_ID = GROUP_IDS.team;

export interface TenantChannel {
  id: string;
  teamId: string;
  displayName: string;
  description: string;
  createdDateTime: string;
}

export const CHANNELS: readonly TenantChannel[] = [
  {
    id: '19:a6c1f0d2e3b44f5a9c8d7e6f5a4b3c2d@thread.tacv2',
    teamId: TEAM_ID,
    displayName: 'General',
    description: 'Algemeen kanaal van het team.',
    createdDateTime: '2024-01-15T09:00:00Z',
  },
  {
    id: '19:b7d2a1e3f4c55a6b0d9e8f7a6b5c4d3e@thread.tacv2',
    teamId: TEAM_ID,
    displayName: 'Goedkeuringen',
    description: 'Aanvragen tot goedkeuring van functiebeschrijvingen.',
    createdDateTime: '2024-01-15T09:05:00Z',
  },
];

export const APPROVAL_CHANNEL_ID = '19:b7d2a1e3f4c55a6b0d9e8f7a6b5c4d3e@thread.tacv2';

/** Site roles as SharePoint's three default groups grant them. */
export type SiteRole = 'read' | 'contribute' | 'manage';

export interface TenantSite {
  /** Graph's composite id: `{hostname},{siteCollectionId},{webId}`. */
  id: string;
  siteCollectionId: string;
  webId: string;
  /** Server-relative path, '' for the root site. */
  path: string;
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  /** Which directory group holds which role on the site (and on lists that inherit). */
  roles: ReadonlyArray<{ principalId: string; role: SiteRole }>;
}

function site(
  siteCollectionId: string,
  webId: string,
  path: string,
  name: string,
  displayName: string,
  description: string,
  createdDateTime: string,
): Omit<TenantSite, 'roles'> {
  return {
    id: `${SHAREPOINT_HOSTNAME},${siteCollectionId},${webId}`,
    siteCollectionId,
    webId,
    path,
    name,
    displayName,
    description,
    createdDateTime,
  };
}

const SITE_ROLES: TenantSite['roles'] = [
  { principalId: GROUP_IDS.visitors, role: 'read' },
  { principalId: GROUP_IDS.members, role: 'contribute' },
  { principalId: GROUP_IDS.owners, role: 'manage' },
];

export const ROOT_SITE: TenantSite = {
  ...site(
    'c25fb06e-d1e3-42f4-8f56-2b7c6df4e5dd',
    'd360c17f-e2f4-4305-9067-3c8d7e05f6ee',
    '',
    '',
    'Communicatiesite',
    'Intranet van Stad Tienen.',
    '2023-09-01T08:00:00Z',
  ),
  // Everyone reads the intranet; nothing of Functiewijzer lives here.
  roles: [
    { principalId: GROUP_IDS.visitors, role: 'read' },
    { principalId: GROUP_IDS.owners, role: 'manage' },
  ],
};

export const PRODUCT_SITE: TenantSite = {
  ...site(
    'e471d28a-f305-4416-a178-4d9e8f1607ff',
    'f582e39b-0416-4527-b289-5eaf9a271810',
    '/sites/functiewijzer',
    'functiewijzer',
    'Functiewijzer',
    'Functiebeschrijvingen van Stad Tienen.',
    '2024-01-15T08:30:00Z',
  ),
  roles: SITE_ROLES,
};

export const SITES: readonly TenantSite[] = [ROOT_SITE, PRODUCT_SITE];

export function siteWebUrl(s: TenantSite): string {
  return `https://${SHAREPOINT_HOSTNAME}${s.path}`;
}

export function findUser(idOrUpn: string): TenantUser | undefined {
  const key = idOrUpn.toLowerCase();
  return USERS.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
}

export function findUserBySiteId(siteUserId: number): TenantUser | undefined {
  return USERS.find((u) => u.siteUserId === siteUserId);
}

export function findGroup(id: string): TenantGroup | undefined {
  return GROUPS.find((g) => g.id === id.toLowerCase());
}

/** The groups a user is a direct member of (Graph's `memberOf`). */
export function directGroupsOf(userId: string): TenantGroup[] {
  return GROUPS.filter((g) => g.memberIds.includes(userId));
}

/**
 * Every group a user is in, directly or through nested groups (`transitiveMemberOf`, and what
 * SharePoint honours for permissions).
 */
export function groupsOf(userId: string): TenantGroup[] {
  const found = new Map<string, TenantGroup>();
  const visit = (group: TenantGroup): void => {
    if (found.has(group.id)) return;
    found.set(group.id, group);
    for (const parent of GROUPS.filter((g) => g.groupIds?.includes(group.id))) visit(parent);
  };
  for (const group of directGroupsOf(userId)) visit(group);
  return GROUPS.filter((g) => found.has(g.id));
}

/** The users of a group, including those of nested groups (`transitiveMembers`). */
export function transitiveUsersOf(group: TenantGroup): TenantUser[] {
  const seen = new Set<string>();
  const ids = new Set<string>();
  const visit = (g: TenantGroup): void => {
    if (seen.has(g.id)) return;
    seen.add(g.id);
    for (const id of g.memberIds) ids.add(id);
    for (const nested of g.groupIds ?? []) {
      const child = findGroup(nested);
      if (child) visit(child);
    }
  };
  visit(group);
  return USERS.filter((u) => ids.has(u.id));
}

export function personas(): Array<{ upn: string; displayName: string; role: PersonaRole }> {
  return USERS.flatMap((u) =>
    u.persona === null
      ? []
      : [{ upn: u.userPrincipalName, displayName: u.displayName, role: u.persona }],
  );
}

import type { Group, User } from '@microsoft/microsoft-graph-types';
import { GraphError } from '../graph-error';
import { applySelect } from '../resources';
import { type RouteContext, type Router, json } from '../router';
import {
  GROUPS,
  TENANT_DOMAIN,
  TENANT_ID,
  type TenantGroup,
  type TenantUser,
  USERS,
  directGroupsOf,
  findGroup,
  findUser,
  groupsOf,
  transitiveUsersOf,
} from '../tenant';
import { odataContext } from './shared';
import { queryValue } from './sites';

/** Users, groups and memberships: read-only, from the seeded tenant. */

export function userResource(u: TenantUser): User & Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.userPrincipalName,
    mobilePhone: null,
    officeLocation: 'Stadhuis Tienen',
    preferredLanguage: 'nl-BE',
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}

export function groupResource(g: TenantGroup): Group & Record<string, unknown> {
  return {
    id: g.id,
    createdDateTime: '2024-01-15T08:00:00Z',
    description: g.description,
    displayName: g.displayName,
    groupTypes: g.isTeam ? ['Unified'] : [],
    mail: g.isTeam ? `${g.mailNickname}@${TENANT_DOMAIN}` : null,
    mailEnabled: g.isTeam,
    mailNickname: g.mailNickname,
    resourceProvisioningOptions: g.isTeam ? ['Team'] : [],
    securityEnabled: true,
    visibility: g.isTeam ? 'Private' : null,
  };
}

function userFor(ctx: RouteContext): TenantUser {
  const ref = ctx.params['user'];
  if (ref === undefined) return ctx.user;
  const user = findUser(ref);
  if (!user) {
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

function groupFor(ctx: RouteContext): TenantGroup {
  const ref = ctx.params['group'] ?? '';
  const group = findGroup(ref);
  if (!group) {
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return group;
}

export function registerDirectory(router: Router): void {
  const me = (ctx: RouteContext): ReturnType<typeof json> =>
    json(200, {
      '@odata.context': odataContext(ctx, 'users/$entity'),
      ...applySelect(userResource(userFor(ctx)), queryValue(ctx.req.query, 'select')),
    });
  router.add('GET', '/me', me);
  router.add('GET', '/users/:user', me);

  router.add('GET', '/users', (ctx) => {
    const select = queryValue(ctx.req.query, 'select');
    return json(200, {
      '@odata.context': odataContext(ctx, 'users'),
      value: USERS.map((u) => applySelect(userResource(u), select)),
    });
  });

  // `memberOf` is direct membership only, `transitiveMemberOf` includes the groups a nested
  // group is in (learn.microsoft.com, "List a user's direct memberships" / "transitiveMemberOf").
  const memberOf =
    (transitive: boolean) =>
    (ctx: RouteContext): ReturnType<typeof json> => {
      const select = queryValue(ctx.req.query, 'select');
      const id = userFor(ctx).id;
      return json(200, {
        '@odata.context': odataContext(ctx, 'directoryObjects'),
        value: (transitive ? groupsOf(id) : directGroupsOf(id)).map((g) => ({
          '@odata.type': '#microsoft.graph.group',
          ...applySelect(groupResource(g), select),
        })),
      });
    };
  for (const base of ['/me', '/users/:user']) {
    router.add('GET', `${base}/memberOf`, memberOf(false));
    router.add('GET', `${base}/transitiveMemberOf`, memberOf(true));
  }

  const joinedTeams = (ctx: RouteContext): ReturnType<typeof json> =>
    json(200, {
      '@odata.context': odataContext(ctx, 'teams'),
      value: groupsOf(userFor(ctx).id)
        .filter((g) => g.isTeam)
        .map((g) => ({
          id: g.id,
          displayName: g.displayName,
          description: g.description,
          isArchived: false,
        })),
    });
  router.add('GET', '/me/joinedTeams', joinedTeams);
  router.add('GET', '/users/:user/joinedTeams', joinedTeams);

  // The signed-in user's organisation (readable with User.Read, as in Graph): its id is the
  // tenant id that SharePoint's "Everyone except external users" claim names.
  router.add('GET', '/organization', (ctx) =>
    json(200, {
      '@odata.context': odataContext(ctx, 'organization'),
      value: [
        applySelect(
          {
            id: TENANT_ID,
            displayName: 'Stad Tienen',
            verifiedDomains: [{ name: TENANT_DOMAIN, isDefault: true, isInitial: true }],
          },
          queryValue(ctx.req.query, 'select'),
        ),
      ],
    }),
  );

  router.add('GET', '/groups', (ctx) => {
    const select = queryValue(ctx.req.query, 'select');
    return json(200, {
      '@odata.context': odataContext(ctx, 'groups'),
      value: GROUPS.map((g) => applySelect(groupResource(g), select)),
    });
  });

  router.add('GET', '/groups/:group', (ctx) =>
    json(200, {
      '@odata.context': odataContext(ctx, 'groups/$entity'),
      ...applySelect(groupResource(groupFor(ctx)), queryValue(ctx.req.query, 'select')),
    }),
  );

  // `members` lists direct members only, nested groups as groups; `transitiveMembers` flattens
  // them; the `/microsoft.graph.user` cast keeps the users (learn.microsoft.com, "List group
  // members" / "List group transitive members"; M365-FACTS "Group membership").
  const userEntry = (u: TenantUser, select: string | undefined) => ({
    '@odata.type': '#microsoft.graph.user',
    ...applySelect(userResource(u), select),
  });
  const groupEntry = (g: TenantGroup, select: string | undefined) => ({
    '@odata.type': '#microsoft.graph.group',
    ...applySelect(groupResource(g), select),
  });
  const nestedGroups = (group: TenantGroup, transitive: boolean): TenantGroup[] => {
    const out: TenantGroup[] = [];
    const visit = (g: TenantGroup): void => {
      for (const id of g.groupIds ?? []) {
        const child = findGroup(id);
        if (!child || out.includes(child)) continue;
        out.push(child);
        if (transitive) visit(child);
      }
    };
    visit(group);
    return out;
  };
  const members =
    (transitive: boolean, usersOnly: boolean) =>
    (ctx: RouteContext): ReturnType<typeof json> => {
      const group = groupFor(ctx);
      const select = queryValue(ctx.req.query, 'select');
      const users = transitive
        ? transitiveUsersOf(group)
        : group.memberIds.flatMap((id) => findUser(id) ?? []);
      const groups = usersOnly ? [] : nestedGroups(group, transitive);
      return json(200, {
        '@odata.context': odataContext(ctx, usersOnly ? 'users' : 'directoryObjects'),
        value: [
          ...users.map((u) => userEntry(u, select)),
          ...groups.map((g) => groupEntry(g, select)),
        ],
      });
    };
  router.add('GET', '/groups/:group/members', members(false, false));
  router.add('GET', '/groups/:group/members/microsoft.graph.user', members(false, true));
  router.add('GET', '/groups/:group/transitiveMembers', members(true, false));
  router.add('GET', '/groups/:group/transitiveMembers/microsoft.graph.user', members(true, true));
}

import type { ListRow } from '../list-store';
import {
  builtinFor,
  type Grant,
  listCapabilities,
  principalBySiteId,
  principalOfGrant,
  type RoleDefinition,
  roleOfMask,
} from '../permissions';
import type { GraphResponse } from '../router';
import {
  ACCESS_DENIED,
  allRoleDefinitions,
  argumentError,
  methodNotAllowed,
  notFoundSegment,
  odataNull,
  ok,
  principalResource,
  type RestContext,
  RestError,
  type Segment,
  spException,
} from './sharepoint-rest';
import { defaultView, fields, viewUrl, views } from './sharepoint-rest-views';

/**
 * `web/lists/getbytitle('X')/…`: a list's permissions (break inheritance, role assignments),
 * its views and its fields' formatting, as SharePoint REST offers them and Graph does not.
 */

export function listRoute(ctx: RestContext, segments: Segment[]): GraphResponse {
  const [pick, ...rest] = segments;
  if (pick?.name !== 'getbytitle' || typeof pick.arg !== 'string') {
    throw notFoundSegment(pick?.name ?? 'lists');
  }
  const found = ctx.emu.lists
    .listsOfSite(ctx.site.id)
    .find((l) => l.displayName.toLowerCase() === String(pick.arg).toLowerCase());
  if (!found) {
    throw new RestError(
      404,
      '-1, System.ArgumentException',
      `List '${pick.arg}' does not exist at site with URL '${ctx.site.path}'.`,
    );
  }
  const list = found;
  const caps = listCapabilities(ctx.user, ctx.site, list);
  if (!caps.read && !caps.manageList) throw ACCESS_DENIED();
  const manage = (): void => {
    if (!caps.manageList) throw ACCESS_DENIED();
  };
  const [first, second, third, fourth] = rest;
  if (first === undefined) {
    if (ctx.method !== 'GET') throw methodNotAllowed();
    return ok(listResource(ctx, list));
  }
  switch (first.name) {
    case 'breakroleinheritance':
      if (ctx.method !== 'POST') throw methodNotAllowed();
      manage();
      breakInheritance(ctx, list, first);
      return odataNull();
    case 'resetroleinheritance':
      if (ctx.method !== 'POST') throw methodNotAllowed();
      manage();
      ctx.emu.store.tx(() => ctx.emu.lists.setPermissions(list, true, []));
      return odataNull();
    case 'roleassignments':
      manage();
      return roleAssignments(ctx, list, second);
    case 'defaultview':
    case 'views':
      return views(
        ctx,
        list,
        first.name === 'defaultview' ? null : second,
        first.name === 'defaultview' ? second : third,
        first.name === 'defaultview' ? third : fourth,
        manage,
      );
    case 'fields':
      return fields(ctx, list, second, manage);
  }
  throw notFoundSegment(first.name);
}

function listResource(ctx: RestContext, list: ListRow): Record<string, unknown> {
  const all = {
    Id: list.id,
    Title: list.displayName,
    Description: list.description,
    Created: list.created,
    ItemCount: list.itemCount,
    HasUniqueRoleAssignments: !list.inherits,
    DefaultViewUrl: viewUrl(ctx, list, defaultView(ctx, list)),
    ParentWebUrl: ctx.site.path || '/',
  };
  const select = ctx.query.get('$select');
  if (!select) return all;
  const wanted = select.split(',').map((s) => s.trim());
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
}

/**
 * SharePoint's `breakroleinheritance(copyRoleAssignments, clearSubscopes)`. Without copying,
 * SharePoint keeps the caller on the list with Full Control so that nobody is locked out; the
 * emulator does the same (the strictest plausible reading, checked by the tenant self-test), so
 * provisioning must remove that assignment to leave exactly the declared ones. On a list that
 * already has its own permissions it changes nothing.
 */
function breakInheritance(ctx: RestContext, list: ListRow, segment: Segment): void {
  const copy = segment.named['copyroleassignments'];
  if (typeof copy !== 'boolean') {
    throw argumentError('breakroleinheritance needs copyRoleAssignments=true or false.');
  }
  if (!list.inherits) return;
  const grants: Grant[] = copy
    ? ctx.site.roles.map((r) => ({ principalId: r.principalId, role: r.role }))
    : [
        {
          principalId: ctx.user.id,
          role: 'manage',
          roleDefinitionId: builtinFor('manage')?.Id as number,
          sitePrincipalId: ctx.user.siteUserId,
        },
      ];
  ctx.emu.store.tx(() => ctx.emu.lists.setPermissions(list, false, grants));
}

/** The role definition a stored grant is bound to (a control-API grant names only its role). */
function definitionOf(
  ctx: RestContext,
  grant: Grant,
  all: readonly RoleDefinition[],
): RoleDefinition | undefined {
  if (grant.roleDefinitionId !== undefined) return all.find((d) => d.Id === grant.roleDefinitionId);
  return (
    builtinFor(grant.role) ??
    all.find((d) => d.RoleTypeKind === 0 && roleOfMask(d.BasePermissions) === grant.role)
  );
}

function roleAssignments(
  ctx: RestContext,
  list: ListRow,
  action: Segment | undefined,
): GraphResponse {
  const all = allRoleDefinitions(ctx);
  const current = ctx.emu.lists.refresh(list);
  if (action === undefined) {
    if (ctx.method !== 'GET') throw methodNotAllowed();
    const source: Grant[] = current.inherits
      ? ctx.site.roles.map((r) => ({ principalId: r.principalId, role: r.role }))
      : current.grants;
    const byPrincipal = new Map<
      number,
      { principal: ReturnType<typeof principalOfGrant>; defs: RoleDefinition[] }
    >();
    for (const g of source) {
      const principal = principalOfGrant(g);
      const def = definitionOf(ctx, g, all);
      if (!principal || !def) continue;
      const entry = byPrincipal.get(principal.Id) ?? { principal, defs: [] };
      if (!entry.defs.some((d) => d.Id === def.Id)) entry.defs.push(def);
      byPrincipal.set(principal.Id, entry);
    }
    const expand = (ctx.query.get('$expand') ?? '').split(',').map((s) => s.trim().toLowerCase());
    return ok({
      value: [...byPrincipal.entries()].map(([id, e]) => ({
        PrincipalId: id,
        ...(expand.includes('member') && e.principal
          ? { Member: principalResource(e.principal) }
          : {}),
        ...(expand.includes('roledefinitionbindings') ? { RoleDefinitionBindings: e.defs } : {}),
      })),
    });
  }
  if (ctx.method !== 'POST') throw methodNotAllowed();
  const principalId = action.named['principalid'];
  const roleDefId = action.named['roledefid'];
  if (typeof principalId !== 'number' || typeof roleDefId !== 'number') {
    throw argumentError(`${action.name} needs principalid=<number>,roledefid=<number>.`);
  }
  const principal = principalBySiteId(principalId);
  if (!principal) throw spException(400, `Cannot find principal with id: ${principalId}.`);
  const def = all.find((d) => d.Id === roleDefId);
  if (!def) throw spException(400, 'The role definition was not found.');
  if (current.inherits) {
    throw spException(400, 'This operation is not allowed on an object that inherits permissions.');
  }
  const matches = (g: Grant): boolean =>
    principalOfGrant(g)?.Id === principal.Id && definitionOf(ctx, g, all)?.Id === def.Id;
  if (action.name === 'addroleassignment') {
    const role = roleOfMask(def.BasePermissions);
    if (role === null)
      throw argumentError('This permission level is not modelled by the emulator.');
    if (!current.grants.some(matches)) {
      const grant: Grant = {
        principalId: principal.directoryId,
        role,
        roleDefinitionId: def.Id,
        sitePrincipalId: principal.Id,
      };
      ctx.emu.store.tx(() =>
        ctx.emu.lists.setPermissions(current, false, [...current.grants, grant]),
      );
    }
    return odataNull();
  }
  if (action.name === 'removeroleassignment') {
    ctx.emu.store.tx(() =>
      ctx.emu.lists.setPermissions(
        current,
        false,
        current.grants.filter((g) => !matches(g)),
      ),
    );
    return odataNull();
  }
  throw notFoundSegment(action.name);
}

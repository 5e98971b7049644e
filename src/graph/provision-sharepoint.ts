import { z } from 'zod';
import type { GraphHttp } from './client';
import {
  type Access,
  ADD_ONLY_LEVEL,
  type ColumnDef,
  GROUP_NAMES,
  LISTS,
  type ListDef,
  type ListName,
  type Principal,
  type ViewDef,
} from './lists';
import { claims, odataString, type SharePointRest } from './sharepoint-rest';

/**
 * The part of provisioning only SharePoint REST can do (Graph v1.0 cannot): each list's own
 * permissions, exactly as declared; the custom add-only level; HR's default views; column
 * formatting. Idempotent like the Graph part: it reads first and changes only the difference,
 * each change reported, so a second run reports nothing.
 */

/** Each declared principal's claims login name on the site (see `claims` in sharepoint-rest.ts). */
export type PrincipalLogins = Readonly<Record<Principal, string>>;

export interface SharePointProvisioning {
  rest: SharePointRest;
  /** Resolved only when needed (after the Graph part), so a lookup failure leaves the lists made. */
  principals: PrincipalLogins | (() => Promise<PrincipalLogins>);
}

export type SharePointChange =
  | { kind: 'level-created'; name: string }
  | { kind: 'inheritance-broken'; list: ListName }
  | { kind: 'role-assigned'; list: ListName; principal: Principal; access: Access }
  | { kind: 'role-removed'; list: ListName; who: string; level: string }
  | { kind: 'view-updated'; list: ListName; parts: string[] }
  | { kind: 'formatting-set'; list: ListName; column: string };

const mask = z.object({ High: z.string(), Low: z.string() }).loose();
const roleDefinition = z
  .object({ Id: z.number(), Name: z.string(), RoleTypeKind: z.number(), BasePermissions: mask })
  .loose();
const principal = z.object({ Id: z.number(), Title: z.string(), LoginName: z.string() }).loose();
const assignments = z.object({
  value: z.array(
    z
      .object({
        PrincipalId: z.number(),
        Member: principal,
        RoleDefinitionBindings: z.array(roleDefinition),
      })
      .loose(),
  ),
});
const view = z
  .object({ Id: z.string(), ViewQuery: z.string().nullish(), RowLimit: z.number() })
  .loose();
const viewFields = z.object({ Items: z.array(z.string()) }).loose();
const field = z.object({ CustomFormatter: z.string().nullish() }).loose();

const LIMITED_ACCESS = 1;

const list = (name: ListName): string => `web/lists/getbytitle(${odataString(name)})`;

export async function provisionSharePoint(
  sp: SharePointProvisioning,
  changes: SharePointChange[],
): Promise<void> {
  const logins = typeof sp.principals === 'function' ? await sp.principals() : sp.principals;
  const levels = await permissionLevels(sp.rest, changes);
  const ids = new Map<Principal, { id: number; title: string }>();
  const principalOf = async (p: Principal): Promise<{ id: number; title: string }> => {
    const known = ids.get(p);
    if (known) return known;
    const found = await sp.rest.post('web/ensureuser', { logonName: logins[p] }, principal);
    const entry = {
      id: (found as z.infer<typeof principal>).Id,
      title: (found as z.infer<typeof principal>).Title,
    };
    ids.set(p, entry);
    return entry;
  };
  for (const def of LISTS) await listPermissions(sp.rest, def, levels, principalOf, changes);
  for (const def of LISTS) {
    if (def.view) await defaultView(sp.rest, def.name, def.view, changes);
    for (const column of def.columns) {
      if (column.formatter) await formatting(sp.rest, def.name, column, changes);
    }
  }
}

/** Built-in levels by kind (language-independent), the add-only level by name (created once). */
async function permissionLevels(
  rest: SharePointRest,
  changes: SharePointChange[],
): Promise<Record<Access, { id: number; name: string }>> {
  const all = (await rest.get('web/roledefinitions', z.object({ value: z.array(roleDefinition) })))
    .value;
  const byKind = (kind: number, label: string): { id: number; name: string } => {
    const found = all.find((d) => d.RoleTypeKind === kind);
    if (!found) throw new Error(`de site heeft geen machtigingsniveau ${label}`);
    return { id: found.Id, name: found.Name };
  };
  let addOnly = all.find((d) => d.Name.toLowerCase() === ADD_ONLY_LEVEL.name.toLowerCase());
  if (addOnly) {
    const want = ADD_ONLY_LEVEL.basePermissions;
    if (addOnly.BasePermissions.High !== want.High || addOnly.BasePermissions.Low !== want.Low) {
      throw new Error(
        `het machtigingsniveau '${ADD_ONLY_LEVEL.name}' bestaat al met andere rechten. Geef het in SharePoint (Site-machtigingen › Machtigingsniveaus) een andere naam of verwijder het, en voer de inrichting opnieuw uit.`,
      );
    }
  } else {
    addOnly = (await rest.post(
      'web/roledefinitions',
      {
        Name: ADD_ONLY_LEVEL.name,
        Description: ADD_ONLY_LEVEL.description,
        BasePermissions: ADD_ONLY_LEVEL.basePermissions,
      },
      roleDefinition,
    )) as z.infer<typeof roleDefinition>;
    changes.push({ kind: 'level-created', name: ADD_ONLY_LEVEL.name });
  }
  return {
    read: byKind(2, 'Lezen (Reader)'),
    contribute: byKind(3, 'Bijdragen (Contributor)'),
    add: { id: addOnly.Id, name: addOnly.Name },
  };
}

async function listPermissions(
  rest: SharePointRest,
  def: ListDef,
  levels: Record<Access, { id: number; name: string }>,
  principalOf: (p: Principal) => Promise<{ id: number; title: string }>,
  changes: SharePointChange[],
): Promise<void> {
  const info = await rest.get(
    `${list(def.name)}?$select=HasUniqueRoleAssignments`,
    z.object({ HasUniqueRoleAssignments: z.boolean() }).loose(),
  );
  if (!info.HasUniqueRoleAssignments) {
    await rest.post(
      `${list(def.name)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    changes.push({ kind: 'inheritance-broken', list: def.name });
  }
  const current = (
    await rest.get(
      `${list(def.name)}/roleassignments?$expand=Member,RoleDefinitionBindings`,
      assignments,
    )
  ).value;
  const have = new Set(
    current.flatMap((a) => a.RoleDefinitionBindings.map((d) => `${a.PrincipalId}:${d.Id}`)),
  );
  const wanted = new Set<string>();
  for (const grant of def.permissions) {
    const who = await principalOf(grant.principal);
    const level = levels[grant.access];
    const key = `${who.id}:${level.id}`;
    wanted.add(key);
    if (have.has(key)) continue;
    await rest.post(
      `${list(def.name)}/roleassignments/addroleassignment(principalid=${who.id},roledefid=${level.id})`,
    );
    changes.push({
      kind: 'role-assigned',
      list: def.name,
      principal: grant.principal,
      access: grant.access,
    });
  }
  // Last, so that the account provisioning keeps its access until the declared ones are in place.
  for (const a of current) {
    for (const d of a.RoleDefinitionBindings) {
      if (wanted.has(`${a.PrincipalId}:${d.Id}`)) continue;
      // "Beperkte toegang" (Limited Access, kind 1) is SharePoint's own, for items shared apart:
      // it grants nothing on the list and SharePoint puts it back, so it is not ours to remove.
      if (d.RoleTypeKind === LIMITED_ACCESS) continue;
      await rest.post(
        `${list(def.name)}/roleassignments/removeroleassignment(principalid=${a.PrincipalId},roledefid=${d.Id})`,
      );
      changes.push({ kind: 'role-removed', list: def.name, who: a.Member.Title, level: d.Name });
    }
  }
}

/** CAML of a declared view: `<GroupBy>` and `<OrderBy>` on internal names. */
export function viewQuery(v: ViewDef): string {
  const group =
    v.groupBy && v.groupBy.length > 0
      ? `<GroupBy Collapse="${v.collapsed ? 'TRUE' : 'FALSE'}" GroupLimit="100">${v.groupBy.map((f) => `<FieldRef Name="${f}" />`).join('')}</GroupBy>`
      : '';
  const order =
    v.orderBy && v.orderBy.length > 0
      ? `<OrderBy>${v.orderBy.map((o) => `<FieldRef Name="${o.field}"${o.descending ? ' Ascending="FALSE"' : ''} />`).join('')}</OrderBy>`
      : '';
  return `${group}${order}`;
}

/** SharePoint may store CAML with other spacing: compare without whitespace between tags. */
const normalCaml = (caml: string | null | undefined): string =>
  (caml ?? '')
    .replace(/>\s+</g, '><')
    .replace(/\s*\/>/g, '/>')
    .trim();

async function defaultView(
  rest: SharePointRest,
  name: ListName,
  v: ViewDef,
  changes: SharePointChange[],
): Promise<void> {
  const current = await rest.get(`${list(name)}/defaultview`, view);
  const path = `${list(name)}/views/getbyid(${odataString(current.Id)})`;
  const parts: string[] = [];
  const query = viewQuery(v);
  const rowLimit = v.rowLimit ?? 100;
  const patch: Record<string, unknown> = {};
  if (normalCaml(current.ViewQuery) !== normalCaml(query)) {
    patch['ViewQuery'] = query;
    parts.push(v.groupBy?.length ? 'groepering en volgorde' : 'volgorde');
  }
  if (current.RowLimit !== rowLimit) {
    patch['RowLimit'] = rowLimit;
    parts.push('aantal rijen');
  }
  if (Object.keys(patch).length > 0) await rest.merge(path, patch);
  const fields = (await rest.get(`${path}/viewfields`, viewFields)).Items;
  if (fields.length !== v.fields.length || fields.some((f, i) => f !== v.fields[i])) {
    await rest.post(`${path}/viewfields/removeallviewfields`);
    for (const f of v.fields) await rest.post(`${path}/viewfields/addviewfield(${odataString(f)})`);
    parts.push('kolommen');
  }
  if (parts.length > 0) changes.push({ kind: 'view-updated', list: name, parts });
}

async function formatting(
  rest: SharePointRest,
  name: ListName,
  column: ColumnDef,
  changes: SharePointChange[],
): Promise<void> {
  const path = `${list(name)}/fields/getbyinternalnameortitle(${odataString(column.name)})`;
  const wanted = JSON.stringify(column.formatter);
  const current = (await rest.get(path, field)).CustomFormatter ?? '';
  const same = ((): boolean => {
    try {
      return current !== '' && JSON.stringify(JSON.parse(current)) === wanted;
    } catch {
      return false;
    }
  })();
  if (same) return;
  await rest.merge(path, { CustomFormatter: wanted });
  changes.push({ kind: 'formatting-set', list: name, column: column.name });
}

/**
 * The declared principals as claims: all staff as "Everyone except external users" of the
 * tenant; HR, approvers and IT as the Entra security groups of docs/deploy.md step 4, found by
 * display name through Graph as IT names them (identity itself goes by group id, never by name).
 */
export async function principalLogins(
  directory: { findGroupId(displayName: string): Promise<string> },
  tenantId: string,
): Promise<PrincipalLogins> {
  const group = async (p: Exclude<Principal, 'medewerkers'>): Promise<string> =>
    claims.securityGroup(await directory.findGroupId(GROUP_NAMES[p]));
  return {
    medewerkers: claims.everyoneExceptExternal(tenantId),
    hr: await group('hr'),
    goedkeurders: await group('goedkeurders'),
    beheerders: await group('beheerders'),
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant's id (a GUID, what the everyone claim names): the configured one when it is a GUID,
 * else the signed-in user's organisation from Graph (`GET /organization`, readable with User.Read).
 */
export async function tenantGuid(http: GraphHttp, configured: string): Promise<string> {
  if (GUID.test(configured.trim())) return configured.trim().toLowerCase();
  const org = await http.request(
    'GET',
    '/organization?$select=id',
    z.object({ value: z.array(z.object({ id: z.string() }).loose()).min(1) }).loose(),
  );
  return (org.value[0] as { id: string }).id;
}

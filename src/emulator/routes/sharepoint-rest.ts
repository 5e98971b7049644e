import type { EmulatorCore } from '../core';
import { GraphError } from '../graph-error';
import {
  BUILTIN_ROLE_DEFINITIONS,
  type RoleDefinition,
  principalByLogin,
  roleOfMask,
  siteCapabilities,
  type SitePrincipal,
} from '../permissions';
import type { GraphResponse } from '../router';
import { SITES, type TenantSite, type TenantUser, siteWebUrl } from '../tenant';
import { listRoute } from './sharepoint-rest-lists';
import { addRoleDefinition, customRoleDefinitions } from './sharepoint-rest-store';

/**
 * The SharePoint REST subset Functiewijzer's provisioning uses (docs/emulator.md, "SharePoint
 * REST"), under the site's own path as in a tenant: `/sites/functiewijzer/_api/web/…`. It shares
 * the permission model of the Graph side (permissions.ts): a role assignment made here is what
 * Graph's item routes enforce. JSON only, `odata=nometadata` only: a real SharePoint answers a
 * request without that Accept header in Atom XML or with metadata the product does not read.
 * Tokens must be minted for the SharePoint resource (`resource: https://<tenant>.sharepoint.com`
 * at `/_emulator/token`); a Graph token is refused with 401, as SharePoint refuses one.
 */

export interface RestRequest {
  method: string;
  /** Decoded path below `_api/`, e.g. `web/lists/getbytitle('Functies')/roleassignments`. */
  apiPath: string;
  sitePath: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface RestContext {
  emu: EmulatorCore;
  site: TenantSite;
  user: TenantUser;
  method: string;
  query: URLSearchParams;
  body: unknown;
}

/** A path segment: `lists`, `getbytitle('X')`, `addroleassignment(principalid=1,roledefid=2)`. */
export interface Segment {
  name: string;
  /** Positional argument, e.g. the title of `getbytitle('X')`. */
  arg?: string | number | boolean;
  named: Record<string, string | number | boolean>;
}

const CONTENT_TYPE = 'application/json;odata=nometadata;streaming=true;charset=utf-8';

/** SharePoint's error, `{ "odata.error": { code, message: { lang, value } } }` (nometadata). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const ACCESS_DENIED = (): RestError =>
  new RestError(
    403,
    '-2147024891, System.UnauthorizedAccessException',
    'Access denied. You do not have permission to perform this action or access this resource.',
  );
export const argumentError = (message: string): RestError =>
  new RestError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message);
export const spException = (status: number, message: string): RestError =>
  new RestError(status, '-2146232832, Microsoft.SharePoint.SPException', message);

export const ok = (body: unknown, status = 200): GraphResponse => ({
  status,
  body,
  headers: { 'Content-Type': CONTENT_TYPE },
});
/** What a void method answers in nometadata. */
export const odataNull = (): GraphResponse => ok({ 'odata.null': true });

/** `/sites/x/_api/…` → the site's path and the API path, or null for any other path. */
export function sharePointRestPath(rawPath: string): { sitePath: string; apiPath: string } | null {
  const m = /^((?:\/(?:sites|teams)\/[^/]+)?)\/_api(?:\/(.*))?$/i.exec(rawPath);
  if (!m) return null;
  return { sitePath: m[1] ?? '', apiPath: m[2] ?? '' };
}

export async function handleSharePointRest(
  emu: EmulatorCore,
  req: RestRequest,
): Promise<GraphResponse> {
  try {
    return await Promise.resolve(route(emu, req));
  } catch (error) {
    if (error instanceof RestError) {
      return {
        status: error.status,
        headers: { 'Content-Type': CONTENT_TYPE, ...error.headers },
        body: {
          'odata.error': { code: error.code, message: { lang: 'en-US', value: error.message } },
        },
      };
    }
    if (error instanceof GraphError) {
      // A rule shared with the Graph side (a field value, a column) refused the request.
      return {
        status: error.status,
        headers: { 'Content-Type': CONTENT_TYPE },
        body: {
          'odata.error': {
            code: '-2130575163, Microsoft.SharePoint.SPException',
            message: { lang: 'en-US', value: error.message },
          },
        },
      };
    }
    throw error;
  }
}

function route(emu: EmulatorCore, req: RestRequest): GraphResponse {
  const accept = (req.headers['accept'] ?? '').toLowerCase();
  if (!accept.includes('application/json') || !accept.includes('odata=nometadata')) {
    throw new RestError(
      406,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      "The emulator's SharePoint REST answers JSON with 'Accept: application/json;odata=nometadata' only (SharePoint itself would answer Atom XML or JSON with metadata).",
    );
  }
  const site = SITES.find((s) => s.path.toLowerCase() === req.sitePath.toLowerCase());
  if (!site)
    throw new RestError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
  const user = emu.tokens.authenticate(req.headers['authorization'], 'sharepoint');
  if (user instanceof GraphError) {
    throw new RestError(401, '-2147024891, System.UnauthorizedAccessException', user.message, {
      'WWW-Authenticate': `Bearer realm="${site.id}",client_id="00000003-0000-0ff1-ce00-000000000000"`,
      'x-ms-diagnostics': `3000003;reason="${user.message}";category="invalid_client"`,
    });
  }
  if (!siteCapabilities(user, site).read) throw ACCESS_DENIED();
  const override = (req.headers['x-http-method'] ?? '').toUpperCase();
  const method =
    req.method === 'PATCH' || (req.method === 'POST' && override === 'MERGE')
      ? 'MERGE'
      : req.method === 'POST' && override === 'DELETE'
        ? 'DELETE'
        : req.method;
  const segments = parseSegments(req.apiPath);
  const ctx: RestContext = { emu, site, user, method, query: req.query, body: req.body };
  const [web, collection, ...rest] = segments;
  if (web?.name !== 'web') throw notFoundSegment(segments[0]?.name ?? '');
  if (collection === undefined && method === 'GET') {
    return ok({
      Id: site.webId,
      Title: site.displayName,
      Url: siteWebUrl(site),
      ServerRelativeUrl: site.path || '/',
      Language: 1043,
    });
  }
  switch (collection?.name) {
    case 'roledefinitions':
      return roleDefinitions(ctx, rest);
    case 'ensureuser':
      return ensureUser(ctx, collection);
    case 'lists':
      return listRoute(ctx, rest);
  }
  throw notFoundSegment(collection?.name ?? '');
}

export function notFoundSegment(name: string): RestError {
  return new RestError(
    404,
    '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
    `The emulator's SharePoint REST has no resource '${name}' here; see docs/emulator.md, "SharePoint REST".`,
  );
}

export function methodNotAllowed(): RestError {
  return new RestError(
    405,
    '-1, System.InvalidOperationException',
    'The HTTP method is not allowed on this resource.',
  );
}

export function requireSiteOwner(ctx: RestContext): void {
  if (!siteCapabilities(ctx.user, ctx.site).manageList) throw ACCESS_DENIED();
}

/** Built-in levels first, then the site's own, as SharePoint lists them. */
export function allRoleDefinitions(ctx: Pick<RestContext, 'emu' | 'site'>): RoleDefinition[] {
  return [...BUILTIN_ROLE_DEFINITIONS, ...customRoleDefinitions(ctx.emu.store, ctx.site.id)];
}

function roleDefinitions(ctx: RestContext, rest: Segment[]): GraphResponse {
  const all = allRoleDefinitions(ctx);
  const [pick] = rest;
  if (rest.length > 1) throw notFoundSegment(rest[1]?.name ?? '');
  if (pick === undefined) {
    if (ctx.method === 'GET') return ok({ value: all });
    if (ctx.method === 'POST') return ok(createRoleDefinition(ctx, all), 201);
    throw methodNotAllowed();
  }
  if (ctx.method !== 'GET') throw methodNotAllowed();
  let found: RoleDefinition | undefined;
  if (pick.name === 'getbytype') found = all.find((d) => d.RoleTypeKind === Number(pick.arg));
  else if (pick.name === 'getbyname')
    found = all.find((d) => d.Name.toLowerCase() === String(pick.arg ?? '').toLowerCase());
  else if (pick.name === 'getbyid') found = all.find((d) => d.Id === Number(pick.arg));
  else throw notFoundSegment(pick.name);
  if (!found) throw spException(404, 'Permission level not found.');
  return ok(found);
}

function createRoleDefinition(ctx: RestContext, all: readonly RoleDefinition[]): RoleDefinition {
  requireSiteOwner(ctx);
  const body = ctx.body as Record<string, unknown> | undefined;
  const name = body?.['Name'];
  const perms = body?.['BasePermissions'] as Record<string, unknown> | undefined;
  const unknown = Object.keys(body ?? {}).filter(
    (k) => !['Name', 'Description', 'BasePermissions', 'Order'].includes(k),
  );
  if (unknown.length > 0)
    throw argumentError(
      `The property '${unknown[0] ?? ''}' does not exist on type 'SP.RoleDefinition'.`,
    );
  const half = (v: unknown): string | null =>
    (typeof v === 'string' && /^\d{1,10}$/.test(v)) ||
    (typeof v === 'number' && Number.isInteger(v) && v >= 0)
      ? String(v)
      : null;
  const high = half(perms?.['High']);
  const low = half(perms?.['Low']);
  if (typeof name !== 'string' || name.trim() === '' || high === null || low === null) {
    throw argumentError('A role definition needs a Name and BasePermissions { High, Low }.');
  }
  if (all.some((d) => d.Name.toLowerCase() === name.toLowerCase())) {
    throw spException(
      400,
      'The role definition name is already in use. Please choose another name.',
    );
  }
  const mask = { High: high, Low: low };
  if (roleOfMask(mask) === null) {
    throw argumentError(
      'The emulator models permission levels whose item rights are read, add-only, contribute or manage; this mix is not modelled (docs/emulator.md).',
    );
  }
  return ctx.emu.store.tx(() =>
    addRoleDefinition(ctx.emu.store, ctx.site.id, {
      Name: name,
      Description: typeof body?.['Description'] === 'string' ? body['Description'] : '',
      RoleTypeKind: 0,
      Order: typeof body?.['Order'] === 'number' ? body['Order'] : 2147483647,
      Hidden: false,
      BasePermissions: mask,
    }),
  );
}

export function principalResource(p: SitePrincipal): Record<string, unknown> {
  return {
    Id: p.Id,
    Title: p.Title,
    LoginName: p.LoginName,
    Email: p.Email,
    PrincipalType: p.PrincipalType,
    IsSiteAdmin: false,
  };
}

/**
 * `POST web/ensureuser` with `{ logonName }` (or `ensureuser('…')`): the site entry of a user
 * (UPN or claims) or an Entra group (claims; see permissions.ts, SitePrincipal).
 */
function ensureUser(ctx: RestContext, segment: Segment): GraphResponse {
  if (ctx.method !== 'POST') throw methodNotAllowed();
  requireSiteOwner(ctx);
  const fromBody = (ctx.body as Record<string, unknown> | undefined)?.['logonName'];
  const logon = typeof segment.arg === 'string' ? segment.arg : fromBody;
  if (typeof logon !== 'string' || logon.trim() === '') {
    throw argumentError('Give the user\'s logon name: { "logonName": "…" }.');
  }
  const principal = principalByLogin(logon);
  if (!principal) throw spException(500, `The specified user ${logon} could not be found.`);
  return ok(principalResource(principal));
}

/** Splits the API path into segments, honouring quotes (a title may hold a slash). */
export function parseSegments(apiPath: string): Segment[] {
  let path: string;
  try {
    path = decodeURIComponent(apiPath);
  } catch {
    throw argumentError('The request path is not correctly encoded.');
  }
  const raw: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === "'") {
      if (quoted && path[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (c === '/' && !quoted) {
      if (current !== '') raw.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (quoted) throw argumentError('A quoted argument is not closed.');
  if (current !== '') raw.push(current);
  return raw.map(parseSegment);
}

function parseSegment(raw: string): Segment {
  const open = raw.indexOf('(');
  if (open === -1) return { name: raw.toLowerCase(), named: {} };
  if (!raw.endsWith(')')) throw argumentError(`Malformed segment '${raw}'.`);
  const name = raw.slice(0, open).toLowerCase();
  const inner = raw.slice(open + 1, -1).trim();
  const segment: Segment = { name, named: {} };
  if (inner === '') return segment;
  for (const part of splitArgs(inner)) {
    const eq = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/s.exec(part);
    if (eq) segment.named[(eq[1] as string).toLowerCase()] = literal(eq[2] as string);
    else segment.arg = literal(part);
  }
  return segment;
}

function splitArgs(inner: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of inner) {
    if (c === "'") quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

function literal(text: string): string | number | boolean {
  const t = text.trim();
  const quoted = /^(?:guid)?'(.*)'$/is.exec(t);
  if (quoted) return (quoted[1] as string).replace(/''/g, "'");
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  throw argumentError(`The argument '${t}' is not a literal.`);
}

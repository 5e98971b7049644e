import { z } from 'zod';
import { GRAPH_RESOURCE, type TokenAudience, tokenRequestSchema } from './auth';
import { resetAppInstallations, setAppInstalled } from './app-installations';
import { zodMessage } from './column-input';
import type { EmulatorCore } from './core';
import { faultsBodySchema } from './faults';
import { normaliseWrites } from './field-values';
import { GraphError } from './graph-error';
import { type Grant, listCapabilities, permissionsBodySchema } from './permissions';
import type { GraphResponse } from './router';
import { findSite } from './routes/shared';
import {
  GROUPS,
  SHAREPOINT_HOSTNAME,
  type TenantUser,
  findUser,
  findUserBySiteId,
  personas,
} from './tenant';

/**
 * The emulator's own control API under `/_emulator` (loopback only): health, personas and
 * tokens, reset, faults, recorded notifications — and the one emulator-only SharePoint operation,
 * list permissions, which Graph v1.0 does not offer (in a tenant: SharePoint REST or PnP
 * PowerShell, see docs/emulator.md). Messages here are for developers, in Dutch.
 */

const appInstallationSchema = z.object({ upn: z.string().min(1), installed: z.boolean() }).strict();

const bulkSchema = z
  .object({
    listId: z.string().min(1),
    items: z
      .array(z.object({ fields: z.record(z.string(), z.unknown()) }).strict())
      .min(1)
      .max(100_000),
  })
  .strict();

function ok(status: number, body?: unknown): GraphResponse {
  return body === undefined ? { status } : { status, body };
}

function fail(status: number, code: string, message: string): never {
  throw new GraphError(status, code, message);
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) fail(400, 'invalidRequest', `Ongeldige vraag. ${zodMessage(parsed.error)}`);
  return parsed.data;
}

export async function control(
  emu: EmulatorCore,
  method: string,
  segments: readonly string[],
  body: unknown,
  authorization: string | undefined,
): Promise<GraphResponse> {
  const route = `${method} /${segments.join('/')}`;
  const authenticated = (): TenantUser => {
    const user = emu.tokens.authenticate(authorization);
    if (user instanceof GraphError) throw user;
    return user;
  };

  switch (route) {
    case 'GET /health':
      return ok(200, {
        status: 'ok',
        graphBaseUrl: emu.graphBaseUrl,
        time: new Date(emu.now()).toISOString(),
      });
    case 'GET /personas':
      return ok(200, personas());
    case 'POST /token': {
      const req = parse(tokenRequestSchema, body);
      const upn = req.upn ?? defaultPersona();
      const user = upn === undefined ? undefined : findUser(upn);
      if (!user)
        fail(
          404,
          'unknownUser',
          `Geen gebruiker '${upn ?? ''}' in de tenant van de emulator. Zie GET /_emulator/personas.`,
        );
      return ok(200, {
        ...emu.tokens.mint(user, req.lifetimeSeconds, audienceOf(req.resource)),
        upn: user.userPrincipalName,
      });
    }
    case 'POST /reset':
      emu.reset();
      resetAppInstallations(emu);
      return ok(204);
    case 'POST /app-installations': {
      // Tests: take Functiewijzer away from (or give it back to) one user.
      const req = parse(appInstallationSchema, body);
      const user = findUser(req.upn);
      if (!user) return fail(404, 'itemNotFound', `Gebruiker '${req.upn}' bestaat niet.`);
      setAppInstalled(emu, user, req.installed);
      return ok(204);
    }
    case 'GET /faults':
      return ok(200, { rules: emu.faults.describe() });
    case 'POST /faults': {
      const req = parse(faultsBodySchema, body);
      const added = emu.faults.add('rules' in req ? req.rules : [req]);
      return ok(201, { rules: added.map((r) => ({ id: r.id, ...r.rule })) });
    }
    case 'DELETE /faults':
      emu.faults.clear();
      return ok(204);
    case 'GET /throttling':
      // What the resource-unit budget has seen (bench and tests); `enabled: false` without it.
      return ok(
        200,
        emu.throttling ? { enabled: true, ...emu.throttling.snapshot() } : { enabled: false },
      );
    case 'GET /notifications':
      return ok(200, { value: emu.messages.notifications() });
    case 'POST /bulk': {
      const user = authenticated();
      const req = parse(bulkSchema, body);
      const list = emu.lists.listById(req.listId);
      const site = list ? findSite(list.siteId) : undefined;
      if (!list || !site) return fail(404, 'itemNotFound', `Lijst '${req.listId}' bestaat niet.`);
      if (!listCapabilities(user, site, list).add)
        fail(403, 'accessDenied', 'Deze gebruiker mag geen items toevoegen aan deze lijst.');
      const columns = emu.lists.columns(list);
      const ctx = {
        lookupExists: (listId: string, id: number) => emu.lists.itemExists(listId, id),
        siteUserExists: (id: number) => findUserBySiteId(id) !== undefined,
      };
      const created = emu.store.tx(() =>
        emu.lists.bulkCreate(
          list,
          req.items.map((i) => normaliseWrites(columns, i.fields, ctx)),
          user.siteUserId,
        ),
      );
      return ok(201, { created });
    }
  }

  if (segments[0] === 'lists' && segments[2] === 'permissions' && segments.length === 3) {
    const user = authenticated();
    const list = emu.lists.listById(segments[1] ?? '');
    const site = list ? findSite(list.siteId) : undefined;
    if (!list || !site)
      return fail(404, 'itemNotFound', `Lijst '${segments[1] ?? ''}' bestaat niet.`);
    if (!listCapabilities(user, site, list).manageList) {
      fail(
        403,
        'accessDenied',
        'Alleen eigenaars van de site mogen de machtigingen van een lijst wijzigen.',
      );
    }
    if (method === 'GET') return ok(200, permissionsResource(list.inherits, list.grants));
    if (method === 'POST') {
      const req = parse(permissionsBodySchema, body);
      const inherits = req.inheritFromSite === true;
      const grants: Grant[] = inherits ? [] : (req.grants ?? []);
      for (const g of grants) {
        if (!GROUPS.some((x) => x.id === g.principalId) && !findUser(g.principalId)) {
          fail(
            400,
            'invalidRequest',
            `Onbekende groep of gebruiker '${g.principalId}'. Gebruik een id uit GET /v1.0/groups of /v1.0/users.`,
          );
        }
      }
      emu.store.tx(() => emu.lists.setPermissions(list, inherits, grants));
      return ok(200, permissionsResource(inherits, grants));
    }
  }
  return fail(
    404,
    'notFound',
    `Onbekende opdracht van de emulator: ${route}. Zie docs/emulator.md.`,
  );
}

function permissionsResource(inherits: boolean, grants: readonly Grant[]): unknown {
  return {
    inheritFromSite: inherits,
    grants: grants.map((g) => ({
      ...g,
      principalName:
        GROUPS.find((x) => x.id === g.principalId)?.displayName ??
        findUser(g.principalId)?.displayName ??
        null,
    })),
  };
}

/** The resource a token is asked for: Graph by default, or the tenant's SharePoint origin. */
function audienceOf(resource: string | undefined): TokenAudience {
  const wanted = (resource ?? GRAPH_RESOURCE).replace(/\/+$/, '').toLowerCase();
  if (wanted === GRAPH_RESOURCE) return 'graph';
  if (wanted === `https://${SHAREPOINT_HOSTNAME}`) return 'sharepoint';
  return fail(
    400,
    'invalidResource',
    `Onbekende resource '${resource ?? ''}': de emulator geeft tokens voor ${GRAPH_RESOURCE} en https://${SHAREPOINT_HOSTNAME}.`,
  );
}

/** The persona a token request without a upn is for: the first member of staff, else the first. */
function defaultPersona(): string | undefined {
  const all = personas();
  return (all.find((p) => p.role === 'staff') ?? all[0])?.upn;
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GraphError, badRequest, errorBody } from '../graph-error';
import { type RouteContext, type Router, json } from '../router';
import { parseBody } from './shared';

/**
 * JSON batching (`POST /$batch`): at most 20 requests, each answered on its own (a throttled
 * entry is a 429 inside a 200 envelope), `dependsOn` ordering with 424 for the dependents of a
 * failed request. Entries are not atomic together, exactly as in Graph.
 */

export const MAX_BATCH_REQUESTS = 20;

const batchSchema = z
  .object({
    requests: z.array(
      z
        .object({
          id: z.string().min(1),
          method: z.string().regex(/^[A-Za-z]+$/),
          url: z.string().min(1),
          headers: z.record(z.string(), z.string()).optional(),
          body: z.unknown().optional(),
          dependsOn: z.array(z.string()).optional(),
        })
        .strict(),
    ),
  })
  .strict();

type Entry = z.infer<typeof batchSchema>['requests'][number];

/** Thrown when a fault drops the connection of an entry: the envelope's connection goes with it. */
export class DropConnection extends Error {
  constructor() {
    super('connection dropped by fault injection');
  }
}

const KEPT_HEADERS = [
  'content-type',
  'retry-after',
  'etag',
  'location',
  // SharePoint's budget as it stands (throttling.ts): a client can pace itself per entry.
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

export function registerBatch(router: Router): void {
  router.add('POST', '/$batch', async (ctx) => {
    const body = parseBody(batchSchema, ctx.req.body, 'BadRequest');
    const requests = body.requests;
    if (requests.length === 0) throw badRequest('Invalid batch payload format.');
    if (requests.length > MAX_BATCH_REQUESTS) {
      throw badRequest('Number of requests inside batch exceeds the limit.');
    }
    const byId = new Map<string, Entry>();
    for (const r of requests) {
      if (byId.has(r.id)) throw badRequest(`Batch request contains duplicate id '${r.id}'.`);
      byId.set(r.id, r);
    }
    for (const r of requests) {
      for (const dep of r.dependsOn ?? []) {
        if (!byId.has(dep))
          throw badRequest(`Request '${r.id}' depends on '${dep}', which is not in the batch.`);
      }
      const hasContentType = Object.keys(r.headers ?? {}).some(
        (h) => h.toLowerCase() === 'content-type',
      );
      if (r.body !== undefined && !hasContentType) {
        throw badRequest(
          `Write request id : ${r.id} does not contain Content-Type header or body.`,
        );
      }
    }
    assertAcyclic(requests, byId);

    const results = new Map<
      string,
      { id: string; status: number; headers: Record<string, string>; body?: unknown }
    >();
    const run = async (entry: Entry): Promise<void> => {
      if (results.has(entry.id)) return;
      for (const dep of entry.dependsOn ?? []) await run(byId.get(dep) as Entry);
      const failedDep = (entry.dependsOn ?? []).some(
        (dep) => (results.get(dep)?.status ?? 500) >= 400,
      );
      if (failedDep) {
        results.set(entry.id, failedDependency(ctx, entry));
        return;
      }
      results.set(entry.id, await runEntry(ctx, entry));
    };
    for (const r of requests) await run(r);
    return json(200, { responses: requests.map((r) => results.get(r.id)) });
  });
}

function assertAcyclic(requests: readonly Entry[], byId: Map<string, Entry>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (e: Entry): void => {
    const s = state.get(e.id);
    if (s === 'done') return;
    if (s === 'visiting') throw badRequest(`The dependsOn of request '${e.id}' forms a cycle.`);
    state.set(e.id, 'visiting');
    for (const dep of e.dependsOn ?? []) visit(byId.get(dep) as Entry);
    state.set(e.id, 'done');
  };
  for (const r of requests) visit(r);
}

function failedDependency(
  ctx: RouteContext,
  entry: Entry,
): { id: string; status: number; headers: Record<string, string>; body: unknown } {
  const err = new GraphError(
    424,
    'FailedDependency',
    'The request could not be processed because a request it depends on failed.',
  );
  return {
    id: entry.id,
    status: 424,
    headers: { 'Content-Type': 'application/json' },
    body: errorBody(err, {
      requestId: randomUUID(),
      clientRequestId: ctx.req.headers['client-request-id'] ?? randomUUID(),
      date: new Date(ctx.emu.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  };
}

async function runEntry(
  ctx: RouteContext,
  entry: Entry,
): Promise<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> {
  // The SDK's BatchRequestContent keeps the version in entry URLs ("/v1.0/me"); Graph takes both.
  const relative = entry.url.replace(/^\/+/, '').replace(/^v1\.0\//i, '');
  const invalid = (
    message: string,
  ): { id: string; status: number; headers: Record<string, string>; body: unknown } => {
    const err = badRequest(message);
    return {
      id: entry.id,
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: errorBody(err, {
        requestId: randomUUID(),
        clientRequestId: randomUUID(),
        date: new Date(ctx.emu.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    };
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative))
    return invalid('Invalid request URL: a batch request URL must be relative.');
  if (/^\$batch(\?|$)/i.test(relative))
    return invalid('A batch request cannot contain another batch.');
  const q = relative.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry.headers ?? {})) headers[k.toLowerCase()] = v;
  const result = await ctx.emu.dispatch(
    {
      method: entry.method.toUpperCase(),
      path: `/${q === -1 ? relative : relative.slice(0, q)}`,
      query: new URLSearchParams(q === -1 ? '' : relative.slice(q + 1)),
      headers,
      body: entry.body,
    },
    { authorization: ctx.req.headers['authorization'] },
  );
  if (result === 'drop') throw new DropConnection();
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) {
    if (KEPT_HEADERS.includes(k.toLowerCase())) kept[k] = v;
  }
  if (result.body !== undefined) kept['Content-Type'] = 'application/json';
  return {
    id: entry.id,
    status: result.status,
    headers: kept,
    ...(result.body === undefined ? {} : { body: result.body }),
  };
}

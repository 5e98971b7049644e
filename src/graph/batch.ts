import { z } from 'zod';
import { describe, type GraphHttp, type HttpMethod, validate } from './client';
import { type DataError, errorFromResponse, invalidResponse, ValidationError } from './errors';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry';

/**
 * JSON `$batch` (DESIGN §4): up to 20 requests in one round trip, each with its own status.
 *
 * The middleware's retry sees only the envelope — a batch answered 200 may hold entries that were
 * throttled (429). This helper retries exactly those entries (and entries that failed only because
 * a throttled one they depend on did): a throttled entry (429, or 503 with Retry-After) was
 * refused unprocessed, so a create is never written twice. An entry that failed with 503 without
 * Retry-After, or 504, is retried only when it is a GET.
 */

export const MAX_BATCH_SIZE = 20;
/**
 * Envelopes sent at the same time. Graph throttles per user and per app; a few in parallel keep
 * a view fast without inviting a 429 storm on a bulk write.
 */
export const MAX_PARALLEL_ENVELOPES = 4;

/**
 * Pacing under SharePoint's resource-unit budget, per client (all its batches share one budget):
 * SharePoint sends `RateLimit-Remaining` and `RateLimit-Reset` once 80 % of the app's budget is
 * used. From then on envelopes go one at a time, and when what remains would not pay for another
 * envelope of writes (2 RU an entry), the next wave waits for the reset instead of being refused.
 * Without those headers (the budget is far, or the service does not send them) nothing changes.
 */
const pacing = new WeakMap<GraphHttp, { tight: boolean; until: number }>();

function paceFrom(http: GraphHttp, answers: readonly BatchResponse[]): void {
  let remaining = Number.POSITIVE_INFINITY;
  let resetSeconds = 0;
  for (const a of answers) {
    const left = Number(a.headers['ratelimit-remaining']);
    const reset = Number(a.headers['ratelimit-reset']);
    if (a.headers['ratelimit-remaining'] !== undefined && Number.isFinite(left)) {
      remaining = Math.min(remaining, left);
    }
    if (a.headers['ratelimit-reset'] !== undefined && Number.isFinite(reset)) {
      resetSeconds = Math.max(resetSeconds, reset);
    }
  }
  if (remaining === Number.POSITIVE_INFINITY) {
    pacing.delete(http);
    return;
  }
  pacing.set(http, {
    tight: true,
    until: remaining < 2 * MAX_BATCH_SIZE ? Date.now() + resetSeconds * 1000 : 0,
  });
}

async function waitForBudget(http: GraphHttp, signal: AbortSignal | undefined): Promise<number> {
  const state = pacing.get(http);
  if (!state) return MAX_PARALLEL_ENVELOPES;
  const wait = state.until - Date.now();
  if (wait > 0) {
    await http.retryPolicy.sleep(wait);
    signal?.throwIfAborted();
    state.until = 0;
  }
  return 1;
}

export interface BatchRequest {
  id: string;
  method: HttpMethod;
  /** Relative to the service root, e.g. `/sites/{id}/lists/{id}/items?$top=10`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchRun {
  /** One answer per request, in the order the requests were given. */
  responses: BatchResponse[];
  /** HTTP requests sent (one per envelope, retried envelopes included via the middleware). */
  envelopes: number;
  /** Sequential waves of envelopes: what a user waits for. */
  roundTrips: number;
}

const batchResponseShape = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/**
 * Sends `requests` in as few envelopes as the 20-per-batch limit allows (all envelopes of one wave
 * in parallel), retrying throttled entries in later waves. Requests linked by `dependsOn` always
 * travel in the same envelope, as Graph requires.
 */
export async function runBatch(
  http: GraphHttp,
  requests: readonly BatchRequest[],
  signal?: AbortSignal,
): Promise<BatchRun> {
  checkRequests(requests);
  const policy = http.retryPolicy;
  const done = new Map<string, BatchResponse>();
  let pending = [...requests];
  let envelopes = 0;
  let roundTrips = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const chunks = chunkRequests(pending, done);
    const answers: BatchResponse[] = [];
    // At most MAX_PARALLEL_ENVELOPES in flight (one near the end of the budget): each group of
    // them is one round trip.
    for (let i = 0; i < chunks.length;) {
      const parallel = await waitForBudget(http, signal);
      const wave = chunks.slice(i, i + parallel);
      i += wave.length;
      roundTrips++;
      envelopes += wave.length;
      const waveAnswers: BatchResponse[] = [];
      for (const answer of await Promise.all(
        wave.map((chunk) => sendEnvelope(http, chunk, signal)),
      )) {
        waveAnswers.push(...answer);
      }
      paceFrom(http, waveAnswers);
      answers.push(...waveAnswers);
    }
    const byId = new Map(answers.map((a) => [a.id, a]));
    const retry: BatchRequest[] = [];
    let wait = 0;
    const mayRetry = attempt < policy.maxAttempts;
    for (const request of pending) {
      const answer = byId.get(request.id);
      if (!answer) {
        throw invalidResponse('POST /$batch', [`geen antwoord voor verzoek ${request.id}`]);
      }
      const idempotent = request.method !== 'POST';
      // Each entry carries its own headers in the JSON body, readable in a browser too.
      if (mayRetry && isRetryableStatus(answer.status, idempotent, answer.headers['retry-after'])) {
        const delay = retryDelay(answer.headers['retry-after'], attempt, policy);
        if (delay <= policy.maxDelayMs) {
          retry.push(request);
          wait = Math.max(wait, delay);
          continue;
        }
      }
      done.set(request.id, answer);
    }
    // An entry refused only because its dependency was throttled (424) was not processed either.
    for (const request of pending) {
      const answer = done.get(request.id);
      if (
        mayRetry &&
        answer?.status === 424 &&
        (request.dependsOn ?? []).some((dep) => retry.some((r) => r.id === dep))
      ) {
        done.delete(request.id);
        retry.push(request);
      }
    }
    pending = requests.filter((r) => retry.includes(r));
    if (pending.length > 0) {
      await policy.sleep(wait);
      signal?.throwIfAborted();
    }
  }
  return { responses: requests.map((r) => done.get(r.id) as BatchResponse), envelopes, roundTrips };
}

/** The body of a successful entry, validated; the typed error of a failed one. */
export function entryBody<T>(response: BatchResponse, schema: z.ZodType<T>, request: string): T {
  if (response.status >= 300) throw entryError(response, request);
  return validate(schema, response.body, request);
}

export function entryError(response: BatchResponse, request: string): DataError {
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  return errorFromResponse(response.status, response.body, {
    request,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function checkRequests(requests: readonly BatchRequest[]): void {
  const ids = new Set<string>();
  for (const r of requests) {
    if (ids.has(r.id)) throw new ValidationError(`Batch: id '${r.id}' komt twee keer voor.`);
    ids.add(r.id);
  }
  for (const r of requests) {
    for (const dep of r.dependsOn ?? []) {
      if (!ids.has(dep))
        throw new ValidationError(`Batch: '${r.id}' hangt af van onbekend verzoek '${dep}'.`);
    }
  }
}

/**
 * Splits into envelopes of at most 20, keeping every `dependsOn` group together. A dependency
 * that already succeeded in an earlier wave is dropped from `dependsOn`: it is no longer in flight.
 */
export function chunkRequests(
  requests: readonly BatchRequest[],
  done: ReadonlyMap<string, BatchResponse> = new Map(),
): BatchRequest[][] {
  const pendingIds = new Set(requests.map((r) => r.id));
  const trimmed = requests.map((r): BatchRequest => {
    const deps = (r.dependsOn ?? []).filter((d) => pendingIds.has(d) && !done.has(d));
    const copy: BatchRequest = { ...r };
    delete copy.dependsOn;
    return deps.length > 0 ? { ...copy, dependsOn: deps } : copy;
  });
  // Union-find over dependsOn edges: each group must share an envelope.
  const parent = new Map(trimmed.map((r) => [r.id, r.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const r of trimmed) for (const dep of r.dependsOn ?? []) parent.set(find(r.id), find(dep));
  const groups = new Map<string, BatchRequest[]>();
  for (const r of trimmed) {
    const root = find(r.id);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  const chunks: BatchRequest[][] = [];
  let current: BatchRequest[] = [];
  for (const group of groups.values()) {
    if (group.length > MAX_BATCH_SIZE) {
      throw new ValidationError(
        `Batch: ${group.length} verzoeken hangen van elkaar af; één batch bevat er hoogstens ${MAX_BATCH_SIZE}.`,
      );
    }
    if (current.length + group.length > MAX_BATCH_SIZE) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function sendEnvelope(
  http: GraphHttp,
  chunk: readonly BatchRequest[],
  signal: AbortSignal | undefined,
): Promise<BatchResponse[]> {
  const requests = chunk.map((r) => ({
    id: r.id,
    method: r.method,
    url: r.url.startsWith('/') ? r.url : `/${r.url}`,
    ...(r.body === undefined
      ? r.headers === undefined
        ? {}
        : { headers: r.headers }
      : { body: r.body, headers: { 'Content-Type': 'application/json', ...r.headers } }),
    ...(r.dependsOn === undefined ? {} : { dependsOn: r.dependsOn }),
  }));
  const onlyReads = chunk.every((r) => r.method === 'GET');
  // An envelope of GETs is safe to send again on 503/504; one with writes is not (see retry.ts).
  const response = await http.send('POST', '/$batch', {
    body: { requests },
    idempotent: onlyReads,
    ...(signal === undefined ? {} : { signal }),
  });
  const parsed = http.parse('POST', '/$batch', response, batchResponseShape);
  return parsed.responses.map((r) => ({
    id: r.id,
    status: r.status,
    headers: Object.fromEntries(
      Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    ),
    body: r.body,
  }));
}

/**
 * GETs in batches, following `@odata.nextLink` of every collection in further waves (each wave
 * one round trip), until every collection is complete. Returns the raw items per request id.
 * `firstPageOnly` keeps one request to its first page (a `$top=1` probe of a big list);
 * `optional` leaves a request that fails out (no body, no items) instead of failing them all.
 */
export async function batchGetAll(
  http: GraphHttp,
  requests: readonly { id: string; url: string; firstPageOnly?: boolean; optional?: boolean }[],
  signal?: AbortSignal,
): Promise<{
  items: Map<string, unknown[]>;
  bodies: Map<string, unknown>;
  roundTrips: number;
  envelopes: number;
}> {
  const items = new Map<string, unknown[]>(requests.map((r) => [r.id, []]));
  const bodies = new Map<string, unknown>();
  let wave: { id: string; url: string; firstPageOnly?: boolean; optional?: boolean }[] = [
    ...requests,
  ];
  let roundTrips = 0;
  let envelopes = 0;
  let page = 0;
  while (wave.length > 0) {
    const run = await runBatch(
      http,
      wave.map((r) => ({
        id: page === 0 ? r.id : `${r.id}-p${page}`,
        method: 'GET' as const,
        url: r.url,
      })),
      signal,
    );
    roundTrips += run.roundTrips;
    envelopes += run.envelopes;
    const next: { id: string; url: string }[] = [];
    wave.forEach((r, i) => {
      const response = run.responses[i] as BatchResponse;
      if (r.optional === true && (response.status < 200 || response.status > 299)) return;
      const body = entryBody(response, z.unknown(), describe('GET', r.url));
      if (page === 0) bodies.set(r.id, body);
      const collection = body as { value?: unknown; '@odata.nextLink'?: unknown };
      if (!Array.isArray(collection.value)) return;
      (items.get(r.id) as unknown[]).push(...(collection.value as unknown[]));
      const link = collection['@odata.nextLink'];
      if (typeof link === 'string' && r.firstPageOnly !== true)
        next.push({ id: r.id, url: http.relative(link) });
    });
    wave = next;
    page++;
  }
  return { items, bodies, roundTrips, envelopes };
}

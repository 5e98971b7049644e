import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GraphError } from './graph-error';

/**
 * Fault injection for tests (`POST /_emulator/faults`): throttling, outages, latency and dropped
 * connections, per route (method + path regex) or at random. Faults apply to each Graph request
 * and to each `$batch` entry separately, so a 429 can sit inside a 200 envelope as in Graph.
 */

const faultSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('throttle'),
      retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('unavailable'),
      retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    })
    .strict(),
  z.object({ type: z.literal('timeout') }).strict(),
  z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(60_000) }).strict(),
  z.object({ type: z.literal('drop') }).strict(),
  /**
   * Answers normally but without `createdBy.user.id` and `lastModifiedBy.user.id` (the e-mail
   * and name stay): Graph's identity type makes the id nullable and SharePoint-backed items have
   * been seen without it (M365-FACTS; unverified for list items, so check-tenant looks).
   */
  z.object({ type: z.literal('omitCreatorId') }).strict(),
]);

export const faultRuleSchema = z
  .object({
    match: z
      .object({
        /** HTTP method, case-insensitive; omitted = any. */
        method: z
          .string()
          .regex(/^[A-Za-z]+$/)
          .optional(),
        /** Regular expression over the path below `/v1.0`, query included (e.g. `/items`). */
        path: z
          .string()
          .max(500)
          .refine((p) => {
            try {
              new RegExp(p);
              return true;
            } catch {
              return false;
            }
          }, 'not a valid regular expression')
          .optional(),
      })
      .strict()
      .optional(),
    fault: faultSchema,
    /** Chance that a matching request is hit, 0..1 (default 1). */
    probability: z.number().min(0).max(1).optional(),
    /** Hit at most this many requests, then the rule is spent. */
    times: z.number().int().min(1).optional(),
    /** Let this many matching requests through before the rule starts. */
    skip: z.number().int().min(0).optional(),
  })
  .strict();

export const faultsBodySchema = z.union([
  z.object({ rules: z.array(faultRuleSchema).min(1).max(50) }).strict(),
  faultRuleSchema,
]);

export type FaultRule = z.infer<typeof faultRuleSchema>;
type Fault = FaultRule['fault'];

interface ActiveRule {
  id: string;
  rule: FaultRule;
  method: string | null;
  path: RegExp | null;
  seen: number;
  fired: number;
}

export interface FaultOutcome {
  latencyMs: number;
  /** The failure to answer with, if any (drop = destroy the socket). */
  failure: GraphError | 'drop' | null;
  /** Leave the user ids out of the answer's identities (`omitCreatorId`). */
  omitCreatorId: boolean;
}

/** The body without `createdBy.user.id` / `lastModifiedBy.user.id`, on an item or a collection. */
export function withoutCreatorIds(body: unknown): unknown {
  const strip = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    for (const key of ['createdBy', 'lastModifiedBy']) {
      const identity = copy[key] as { user?: Record<string, unknown> } | undefined;
      if (identity?.user) {
        const user = { ...identity.user };
        delete user['id'];
        copy[key] = { ...identity, user };
      }
    }
    return copy;
  };
  const top = strip(body) as { value?: unknown } | unknown;
  if (
    typeof top === 'object' &&
    top !== null &&
    Array.isArray((top as { value?: unknown }).value)
  ) {
    return { ...top, value: (top as { value: unknown[] }).value.map(strip) };
  }
  return top;
}

export class Faults {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(rules: readonly FaultRule[]): ActiveRule[] {
    const added = rules.map((rule) => ({
      id: randomUUID(),
      rule,
      method: rule.match?.method?.toUpperCase() ?? null,
      path: rule.match?.path === undefined ? null : new RegExp(rule.match.path),
      seen: 0,
      fired: 0,
    }));
    this.rules.push(...added);
    return added;
  }

  clear(): void {
    this.rules = [];
  }

  describe(): Array<{ id: string; seen: number; fired: number } & FaultRule> {
    return this.rules.map((r) => ({ id: r.id, seen: r.seen, fired: r.fired, ...r.rule }));
  }

  /** Decides what happens to one request (or one batch entry). */
  check(method: string, pathAndQuery: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0, failure: null, omitCreatorId: false };
    for (const r of this.rules) {
      if (r.method !== null && r.method !== method.toUpperCase()) continue;
      if (r.path !== null && !r.path.test(pathAndQuery)) continue;
      r.seen++;
      if (r.seen <= (r.rule.skip ?? 0)) continue;
      if (r.rule.times !== undefined && r.fired >= r.rule.times) continue;
      if (this.random() >= (r.rule.probability ?? 1)) continue;
      if (r.rule.fault.type === 'latency') {
        r.fired++;
        outcome.latencyMs += r.rule.fault.ms;
        continue;
      }
      if (r.rule.fault.type === 'omitCreatorId') {
        r.fired++;
        outcome.omitCreatorId = true;
        continue;
      }
      if (outcome.failure !== null) continue;
      r.fired++;
      outcome.failure = failureOf(r.rule.fault);
    }
    return outcome;
  }
}

function failureOf(
  fault: Exclude<Fault, { type: 'latency' } | { type: 'omitCreatorId' }>,
): GraphError | 'drop' {
  switch (fault.type) {
    case 'throttle':
      return new GraphError(429, 'activityLimitReached', 'The request has been throttled', {
        'Retry-After': String(fault.retryAfterSeconds ?? 1),
      });
    case 'unavailable':
      return new GraphError(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable. Please retry later.',
        fault.retryAfterSeconds === undefined
          ? {}
          : { 'Retry-After': String(fault.retryAfterSeconds) },
      );
    case 'timeout':
      return new GraphError(504, 'gatewayTimeout', 'The operation has timed out.');
    case 'drop':
      return 'drop';
  }
}

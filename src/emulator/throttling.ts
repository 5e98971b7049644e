import { z } from 'zod';
import { GraphError } from './graph-error';
import type { GraphRequest, GraphResponse } from './router';

/**
 * SharePoint-shaped throttling, on when the emulator starts with `EMULATOR_THROTTLING=sharepoint`
 * (docs/emulator.md, "As strict as SharePoint"). SharePoint Online gives each app a budget of
 * resource units per minute per tenant, shared by all its users (learn.microsoft.com, "Avoid
 * getting throttled or blocked in SharePoint Online"): a single-item GET costs 1 RU, a
 * multi-item query, a create, an update or a delete 2 RU, and `$batch` entries count one by one.
 * Over budget a request is refused unprocessed with 429 or 503 and `Retry-After`; from 80 % of the
 * budget on, answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
 *
 * Only SharePoint resources (`/sites/…`) are charged: the directory and Teams have budgets of
 * their own that the product barely touches. Every token of the emulator belongs to the one app,
 * so one budget covers everyone, as a tenant's budget covers all users of the tab.
 */

/** SharePoint's per-app budget for a tenant of up to 1,000 licences (a city's size). */
export const DEFAULT_RU_PER_MINUTE = 1250;
const WINDOW_MS = 60_000;
/** SharePoint starts sending the RateLimit headers when 80 % of the budget is used. */
const HEADERS_FROM = 0.8;

export interface ThrottlingOptions {
  ruPerMinute: number;
}

export interface ThrottlingStats {
  ruPerMinute: number;
  /** Resource units charged since start (or the last reset). */
  spent: number;
  /** Requests and batch entries refused with 429 or 503. */
  throttled: number;
  /** Requests and batch entries charged. */
  charged: number;
  /** Top-level requests without a `NONISV|…` or `ISV|…` User-Agent (SharePoint throttles those first). */
  undecorated: number;
}

const envSchema = z.object({
  EMULATOR_THROTTLING: z
    .enum(['sharepoint', 'off'], {
      message: "EMULATOR_THROTTLING moet 'sharepoint' of 'off' zijn",
    })
    .optional(),
  EMULATOR_RU_PER_MINUTE: z.coerce
    .number({ message: 'EMULATOR_RU_PER_MINUTE moet een getal zijn' })
    .int('EMULATOR_RU_PER_MINUTE moet een geheel getal zijn')
    .min(1, 'EMULATOR_RU_PER_MINUTE moet minstens 1 zijn')
    .optional(),
});

/** The throttling an environment asks for; null when it asks for none. Throws a Dutch message. */
export function throttlingFromEnv(env: NodeJS.ProcessEnv): ThrottlingOptions | null {
  const parsed = envSchema.safeParse({
    ...(env['EMULATOR_THROTTLING'] ? { EMULATOR_THROTTLING: env['EMULATOR_THROTTLING'] } : {}),
    ...(env['EMULATOR_RU_PER_MINUTE']
      ? { EMULATOR_RU_PER_MINUTE: env['EMULATOR_RU_PER_MINUTE'] }
      : {}),
  });
  if (!parsed.success) {
    throw new Error(
      `Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  if (parsed.data.EMULATOR_THROTTLING !== 'sharepoint') return null;
  return { ruPerMinute: parsed.data.EMULATOR_RU_PER_MINUTE ?? DEFAULT_RU_PER_MINUTE };
}

function isSharePoint(req: GraphRequest): boolean {
  return /^\/sites(\/|$)/i.test(req.path);
}

/** What a request costs once answered: a collection is a multi-item query. */
function resourceUnits(req: GraphRequest, response: GraphResponse): number {
  if (req.method !== 'GET') return 2;
  const body = response.body as { value?: unknown } | undefined;
  const collection = typeof body === 'object' && body !== null && Array.isArray(body.value);
  // A delta with a token is charged like a single item.
  if (/\/delta$/i.test(req.path) && req.query.has('token')) return 1;
  return collection ? 2 : 1;
}

export class ResourceBudget {
  private windowStart: number | null = null;
  private used = 0;
  private refusals = 0;
  private readonly stats: ThrottlingStats;

  constructor(
    private readonly options: ThrottlingOptions,
    private readonly now: () => number,
  ) {
    this.stats = {
      ruPerMinute: options.ruPerMinute,
      spent: 0,
      throttled: 0,
      charged: 0,
      undecorated: 0,
    };
  }

  snapshot(): ThrottlingStats {
    return { ...this.stats };
  }

  reset(): void {
    this.windowStart = null;
    this.used = 0;
    this.refusals = 0;
    Object.assign(this.stats, { spent: 0, throttled: 0, charged: 0, undecorated: 0 });
  }

  /**
   * Before the request runs: throws the 429 or 503 of an exhausted budget (alternating, so a
   * client meets both), or returns whether the request will be charged.
   */
  admit(req: GraphRequest, entry: boolean): boolean {
    if (
      !entry &&
      req.path !== '/$batch' &&
      !/^(NONISV|ISV)\|/.test(req.headers['user-agent'] ?? '')
    ) {
      this.stats.undecorated++;
    }
    if (!isSharePoint(req)) return false;
    this.roll();
    if (this.used < this.options.ruPerMinute) return true;
    this.stats.throttled++;
    this.refusals++;
    const headers = { 'Retry-After': String(this.resetSeconds()), ...this.rateLimitHeaders() };
    throw this.refusals % 2 === 1
      ? new GraphError(
          429,
          'activityLimitReached',
          'The request has been throttled: the application has used up its resource units for this minute.',
          headers,
        )
      : new GraphError(
          503,
          'serviceNotAvailable',
          'The service is temporarily unavailable: the application has used up its resource units for this minute.',
          headers,
        );
  }

  /** After the request ran: charges it and returns the headers to add to its answer. */
  charge(req: GraphRequest, response: GraphResponse): Record<string, string> {
    const units = resourceUnits(req, response);
    this.used += units;
    this.stats.spent += units;
    this.stats.charged++;
    return this.used >= this.options.ruPerMinute * HEADERS_FROM ? this.rateLimitHeaders() : {};
  }

  private roll(): void {
    const now = this.now();
    if (this.windowStart === null || now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  private resetSeconds(): number {
    const start = this.windowStart ?? this.now();
    return Math.max(1, Math.ceil((start + WINDOW_MS - this.now()) / 1000));
  }

  private rateLimitHeaders(): Record<string, string> {
    return {
      'RateLimit-Limit': String(this.options.ruPerMinute),
      'RateLimit-Remaining': String(Math.max(0, this.options.ruPerMinute - this.used)),
      'RateLimit-Reset': String(this.resetSeconds()),
    };
  }
}

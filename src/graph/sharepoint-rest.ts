import { z } from 'zod';
import { errorFromResponse, invalidResponse, networkError } from './errors';

/**
 * A small client for SharePoint REST on one site (`<site url>/_api/…`), for what Graph cannot
 * do: list permissions, views, column formatting. Its own token source, for the SharePoint
 * resource (`https://<tenant>.sharepoint.com`), not Graph's — locally the emulator mints it; in
 * a tenant the CLI's sign-in does. JSON with `odata=nometadata` both ways; a bearer token needs
 * no form digest. Errors become the data layer's typed errors, as Graph's do.
 */

export interface SharePointRestOptions {
  /** The site's URL, e.g. https://stad.sharepoint.com/sites/functiewijzer (locally the emulator's). */
  siteUrl: string;
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Throttling retries (429, or 503 with Retry-After); default 3. */
  maxRetries?: number;
  /** Test hook. */
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
}

const JSON_LIGHT = 'application/json;odata=nometadata';

/** SharePoint's own error body, mapped onto the shape the data layer reads. */
const restError = z
  .object({
    'odata.error': z
      .object({
        code: z.string().optional(),
        message: z.object({ value: z.string() }).loose().optional(),
      })
      .loose(),
  })
  .loose();

export class SharePointRest {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SharePointRestOptions) {
    this.base = options.siteUrl.replace(/\/+$/, '');
    this.doFetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get siteUrl(): string {
    return this.base;
  }

  async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.parse(path, schema, await this.send('GET', path));
  }

  /** A POST; `schema` reads the answer, else it is ignored (void methods answer `odata.null`). */
  async post<T>(path: string, body?: unknown, schema?: z.ZodType<T>): Promise<T | undefined> {
    const answer = await this.send('POST', path, body);
    return schema ? this.parse(path, schema, answer) : undefined;
  }

  /** An update of an entity (`X-HTTP-Method: MERGE`, `IF-MATCH: *`). */
  async merge(path: string, body: unknown): Promise<void> {
    await this.send('POST', path, body, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
  }

  private parse<T>(path: string, schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw invalidResponse(
        `SharePoint REST ${path}`,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    }
    return parsed.data;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<unknown> {
    const url = `${this.base}/_api/${path.replace(/^\/+/, '')}`;
    const request = `${method === 'POST' && extra['X-HTTP-Method'] ? extra['X-HTTP-Method'] : method} _api/${path.split('?')[0] ?? ''}`;
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      // Outside the try: a token source that failed is its own error (sign-in, consent), not
      // "no connection".
      const token = await this.options.getToken();
      let response: Response;
      try {
        response = await this.doFetch(url, {
          method,
          headers: {
            Accept: JSON_LIGHT,
            Authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'Content-Type': JSON_LIGHT }),
            ...(this.options.userAgent ? { 'User-Agent': this.options.userAgent } : {}),
            ...extra,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw networkError(error, request);
      }
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        parsed = undefined;
      }
      if (response.ok) return parsed;
      const retryAfter = Number(response.headers.get('retry-after'));
      // Throttled and not processed (SharePoint: 429, or 503 with Retry-After): wait and retry.
      const throttled =
        response.status === 429 || (response.status === 503 && response.headers.has('retry-after'));
      if (throttled && attempt < maxRetries) {
        await this.sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 2 ** attempt * 1000,
        );
        continue;
      }
      const sp = restError.safeParse(parsed);
      const graphShaped = sp.success
        ? {
            error: {
              code: sp.data['odata.error'].code,
              message: sp.data['odata.error'].message?.value,
            },
          }
        : parsed;
      throw errorFromResponse(response.status, graphShaped, { request });
    }
  }
}

/** Quotes a string for an OData function argument: `getbytitle('It''s')`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * How SharePoint names principals in claims (what `web/ensureuser` takes): an Entra security
 * group by its object id; every member of the organisation as "Everyone except external
 * users" of the tenant (sources in docs/deploy.md, step 4).
 */
export const claims = {
  securityGroup: (objectId: string): string => `c:0t.c|tenant|${objectId}`,
  everyoneExceptExternal: (tenantId: string): string =>
    `c:0-.f|rolemanager|spo-grid-all-users/${tenantId}`,
};

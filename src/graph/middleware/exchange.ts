import type { Context } from '@microsoft/microsoft-graph-client';
import { Link, methodOf, requestUrl } from './chain';

export interface Exchange {
  method: string;
  /** Path relative to the base URL, query included. */
  path: string;
  status: number;
  requestBytes: number;
  /** The response body as the caller reads it: decompressed. */
  responseBytes: number;
  /**
   * The response body as it crossed the wire: its `Content-Length`, which counts the encoded
   * (gzip, br) bytes, while fetch hands the caller the decoded body. Without a Content-Length
   * (a chunked answer) the decoded size, which is then an upper bound.
   */
  wireBytes: number;
  /** SharePoint resource units the exchange costs (`resourceUnits`), `$batch` entries singly. */
  ru: number;
  /** For a `$batch`: how many Graph requests it carried. */
  batchEntries?: number;
}

export interface ExchangeObserverOptions {
  /** The normalised service root, cut off the reported paths. */
  baseUrl: string;
  observe: (exchange: Exchange) => void;
}

/**
 * Reports each exchange that went over the wire (for round-trip counts and the bench). Sits
 * inside the retry and timeout handlers, so every attempt that got an answer is one exchange.
 */
export class ExchangeObserver extends Link {
  constructor(private readonly options: ExchangeObserverOptions) {
    super();
  }

  async execute(context: Context): Promise<void> {
    await this.forward(context);
    const response = context.response;
    if (!response) return;
    const { baseUrl } = this.options;
    const url = requestUrl(context);
    const body = context.options?.body;
    // Always the decoded body's own length: fetch decodes gzip and br, and a browser does not
    // let a script read Content-Encoding across origins (Graph does not expose it), so the
    // headers cannot say whether Content-Length was the decoded size or the encoded one.
    const responseBytes = (await response.clone().arrayBuffer()).byteLength;
    const length = response.headers.get('Content-Length');
    const wireBytes = length !== null && /^\d+$/.test(length) ? Number(length) : responseBytes;
    const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
    const method = methodOf(context);
    const entries = path === '/$batch' && typeof body === 'string' ? batchEntriesOf(body) : null;
    this.options.observe({
      method,
      path,
      status: response.status,
      requestBytes: typeof body === 'string' ? new TextEncoder().encode(body).byteLength : 0,
      responseBytes,
      wireBytes,
      ru: entries
        ? entries.reduce((n, e) => n + resourceUnits(e.method, e.url), 0)
        : resourceUnits(method, path),
      ...(entries ? { batchEntries: entries.length } : {}),
    });
  }
}

function batchEntriesOf(body: string): Array<{ method: string; url: string }> {
  try {
    const parsed = JSON.parse(body) as { requests?: unknown };
    if (!Array.isArray(parsed.requests)) return [];
    return parsed.requests.map((r: unknown) => {
      const entry = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
      return {
        method: typeof entry['method'] === 'string' ? entry['method'].toUpperCase() : 'GET',
        url: typeof entry['url'] === 'string' ? entry['url'] : '',
      };
    });
  } catch {
    return [];
  }
}

/**
 * What one Graph request costs in SharePoint resource units, as "Avoid getting throttled or
 * blocked in SharePoint Online" (learn.microsoft.com) counts them: 1 for a single item (or list,
 * or site) get and for a delta query with a token, 2 for a query of several items and for every
 * create, update or delete. A `$batch` is not a request of its own: its entries count one by one
 * (the caller adds them up). Requests outside `/sites` (the directory: `/me`, `/groups`,
 * `/users`; Teams) are not SharePoint's and cost no SharePoint units: 0. Every page of a paged
 * query is a request of its own.
 */
export function resourceUnits(method: string, path: string): number {
  const [rawPath = '', query = ''] = path.replace(/^\/?v1\.0/, '').split('?', 2);
  let p = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  if (!p.startsWith('/sites')) return 0;
  // A site by path (`/sites/{host}:/{path}`) is one site; a closing colon goes back to the
  // resource model (`…:/lists`), which costs what it costs on a site addressed by id.
  const byPath = /^\/sites\/[^/]+:\/[^:]*(?::(\/.*)?)?$/.exec(p);
  if (byPath) p = `/sites/by-path${byPath[1] ?? ''}`;
  if (method.toUpperCase() !== 'GET') return 2;
  if (/\/items\/delta(\(\))?$/.test(p)) {
    return new URLSearchParams(query).has('token') ? 1 : 2;
  }
  // A single item, a single list, a single site (by id or by host:path).
  if (/\/items\/[^/]+$/.test(p)) return 1;
  if (/\/lists\/[^/]+$/.test(p)) return 1;
  if (/^\/sites\/[^/]+$/.test(p)) return 1;
  return 2;
}

import type { Context } from '@microsoft/microsoft-graph-client';
import { Link, methodOf, requestUrl } from './chain';

export interface Exchange {
  method: string;
  /** Path relative to the base URL, query included. */
  path: string;
  status: number;
  requestBytes: number;
  responseBytes: number;
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
    const length = response.headers.get('Content-Length');
    const responseBytes =
      length !== null && /^\d+$/.test(length)
        ? Number(length)
        : (await response.clone().arrayBuffer()).byteLength;
    const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
    this.options.observe({
      method: methodOf(context),
      path,
      status: response.status,
      requestBytes: typeof body === 'string' ? new TextEncoder().encode(body).byteLength : 0,
      responseBytes,
      ...(path === '/$batch' && typeof body === 'string'
        ? { batchEntries: countEntries(body) }
        : {}),
    });
  }
}

function countEntries(body: string): number {
  try {
    const parsed = JSON.parse(body) as { requests?: unknown };
    return Array.isArray(parsed.requests) ? parsed.requests.length : 0;
  } catch {
    return 0;
  }
}

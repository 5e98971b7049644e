import type { Context } from '@microsoft/microsoft-graph-client';
import { Link } from './chain';

export interface FetchHandlerOptions {
  /** Defaults to the global `fetch`; a test may wrap it to drop connections or never answer. */
  fetch?: typeof fetch;
}

/** The end of the chain: sends the request. Our HTTPMessageHandler, with an injectable fetch. */
export class FetchHandler extends Link {
  constructor(private readonly options: FetchHandlerOptions = {}) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const doFetch = this.options.fetch ?? globalThis.fetch;
    context.response = await doFetch(context.request, context.options as RequestInit);
  }
}

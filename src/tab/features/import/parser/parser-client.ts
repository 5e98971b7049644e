import type { ParseResult } from '../../../../import/parse';
import type { LayoutProfile } from '../../../../import/profile';
import { parseReplySchema, type ParseRequest } from './protocol';
import { refusal, refuseUnread } from './refuse-unread';

/**
 * The page's side of the import worker: one worker for the page's lifetime, files sent one
 * message each, replies matched by id. A file of the wrong type or too large is refused before
 * it is read (a 60 MB file is never loaded into memory), with the importer's own messages.
 *
 * Its own module so that the jsdom tests, which have no Worker, swap in a parser that runs the
 * same `parseFile` in-process (they never load this one: import.meta makes it an ES module).
 */
export interface DocumentParser {
  parse(file: File, profile: LayoutProfile | null): Promise<ParseResult>;
  dispose(): void;
}

export function createDocumentParser(): DocumentParser {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: ParseResult) => void; fileName: string }>();

  const failAll = (message: string) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve(refusal(message, p.fileName));
    }
    worker?.terminate();
    worker = null;
  };

  const start = (): Worker => {
    if (worker) return worker;
    // webpack 5 bundles the worker and its imports as their own chunk from this exact form
    // (`new Worker(new URL(…, import.meta.url))`, inline). tsc checks this file as CommonJS
    // (jest), where import.meta does not exist; only webpack, which compiles it as ESM, sees it.
    const created = new Worker(
      // @ts-expect-error TS1343: import.meta under the CommonJS module setting (see above).
      new URL('./document.worker.ts', import.meta.url),
      { name: 'functiewijzer-import' },
    );
    created.onmessage = (event: MessageEvent<unknown>) => {
      // pdf.js' worker code, loaded into this worker's thread, announces itself on the worker's
      // own port ({ action: 'ready', … }): only messages with a request's id are replies.
      const id: unknown = (event.data as { id?: unknown } | null)?.id;
      if (typeof id !== 'number' || !pending.has(id)) return;
      const reply = parseReplySchema.safeParse(event.data);
      if (!reply.success) {
        const waiting = pending.get(id);
        pending.delete(id);
        waiting?.resolve(
          refusal(
            'interne fout in de inlezer: onverwacht antwoord. Meld dit aan IT.',
            waiting.fileName,
          ),
        );
        return;
      }
      const waiting = pending.get(reply.data.id);
      pending.delete(reply.data.id);
      waiting?.resolve(reply.data.result);
    };
    created.onerror = (event) => {
      event.preventDefault();
      failAll(
        `interne fout in de inlezer (${event.message || 'de inlezer stopte'}). Laad de pagina opnieuw; blijft het, meld het aan IT.`,
      );
    };
    worker = created;
    return created;
  };

  return {
    async parse(file, profile) {
      const refused = refuseUnread(file);
      if (refused) return refused;
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch {
        return refusal('kan het bestand niet lezen: kies het opnieuw.', file.name);
      }
      const id = nextId++;
      const request: ParseRequest = { id, fileName: file.name, bytes, profile };
      return new Promise<ParseResult>((resolve) => {
        pending.set(id, { resolve, fileName: file.name });
        start().postMessage(request, [bytes]);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      pending.clear();
    },
  };
}

/// <reference lib="webworker" />
import { parseFile } from './parse-file';
import { readPdfPagesInBrowser } from './pdfjs-pages';
import type { ParseRequest } from './protocol';

/**
 * The import page's Web Worker: parses one file per message, off the main thread, so that a
 * 40-page PDF never freezes the page. Replies are checked by the page (protocol.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  void parseFile(event.data, readPdfPagesInBrowser).then(
    (reply) => scope.postMessage(reply),
    (err: unknown) =>
      // parseFile never rejects by design; should it, the page still gets an answer.
      scope.postMessage({
        id: event.data.id,
        result: {
          ok: false,
          errors: [
            {
              file: event.data.fileName,
              line: null,
              message: `interne fout in de inlezer: ${err instanceof Error ? err.message : String(err)}. Meld dit aan IT.`,
            },
          ],
        },
      }),
  );
};

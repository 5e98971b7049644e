import { Worker } from 'node:worker_threads';
import {
  PDF_TIMEOUT_MS,
  PdfReaderFailure,
  pdfReplySchema,
  pdfTextOf,
  type PdfReply,
} from './extract-pdf-text';
import type { PdfText } from './pdf-layout';

/**
 * A .pdf → its text rebuilt by position (pdf-layout.ts), with the page of every line: the Node
 * side of the seam (worker_threads); what the text is made of is extract-pdf-text.ts, shared with
 * the tab's Web Worker.
 */

/**
 * pdf.js runs its "worker" in the calling thread in Node and loads it with a dynamic `import()` of
 * a local .mjs file (never a fetch). Jest's module sandbox cannot run that import, so the whole
 * extraction runs in a worker thread with Node's own loader. That also keeps a pathological PDF
 * (runaway memory or time) from taking the importer down: the thread is capped and can be killed.
 * The script is plain CommonJS so that it needs no TypeScript loader; what it posts back is
 * checked with `pdfReplySchema`.
 */
const PDF_WORKER_SCRIPT = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParsePath);
(async () => {
  const parser = new PDFParse({ data: workerData.data, verbosity: 0 });
  try {
    // pdf-parse's own text joins items in file order; the positions are what pdf-layout.ts needs,
    // so the pdf.js document it loaded is asked for them directly.
    const doc = await parser.load();
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = [];
      for (const item of content.items) {
        if (typeof item.str !== 'string' || item.str === '') continue;
        const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
        const h = Math.abs(item.transform[3]) || item.height || 0;
        items.push({ s: item.str, x, y, w: item.width || 0, h });
      }
      pages.push({ width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    parentPort.postMessage({ ok: true, pages });
  } catch (err) {
    const name = err && typeof err.name === 'string' ? err.name : 'Error';
    const detail = err && typeof err.message === 'string' ? err.message : String(err);
    parentPort.postMessage({ ok: false, name, detail });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
})();
`;

function runPdfWorker(data: Uint8Array): Promise<PdfReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PDF_WORKER_SCRIPT, {
      eval: true,
      workerData: {
        pdfParsePath: require.resolve('pdf-parse'),
        data,
      },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new PdfReaderFailure('timeout', `no reply after ${PDF_TIMEOUT_MS} ms`)),
        ),
      PDF_TIMEOUT_MS,
    );
    worker.on('message', (msg: unknown) => {
      const reply = pdfReplySchema.safeParse(msg);
      finish(() =>
        reply.success
          ? resolve(reply.data)
          : reject(new PdfReaderFailure('internal', 'unexpected reply from the PDF worker')),
      );
    });
    worker.on('error', (err: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          new PdfReaderFailure(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'internal',
            err.message,
            {
              cause: err,
            },
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new PdfReaderFailure('internal', `PDF worker exited with code ${code}`))),
    );
  });
}

export async function pdfText(buf: Uint8Array, fileName: string): Promise<string> {
  return (await pdfTextWithPages(buf, fileName)).text;
}

export function pdfTextWithPages(buf: Uint8Array, fileName: string): Promise<PdfText> {
  return pdfTextOf(buf, fileName, readPdfPagesInNode);
}

/** Node's `PdfPagesReader`: pdf.js (through pdf-parse) in a capped worker thread. */
export function readPdfPagesInNode(bytes: Uint8Array): Promise<PdfReply> {
  return runPdfWorker(new Uint8Array(bytes));
}

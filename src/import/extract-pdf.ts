import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { ExtractError } from './extract-error';
import { layoutText, pdfPageSchema, type PdfText } from './pdf-layout';

/** A .pdf → its text rebuilt by position (pdf-layout.ts), with the page of every line. */

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

const pdfReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), pages: z.array(pdfPageSchema) }),
  z.object({ ok: z.literal(false), name: z.string(), detail: z.string() }),
]);
type PdfReply = z.infer<typeof pdfReplySchema>;

const PDF_TIMEOUT_MS = 60_000;

/** Why the worker gave no reply: each needs a different next step from the user. */
class PdfWorkerFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'internal',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

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
          reject(new PdfWorkerFailure('timeout', `no reply after ${PDF_TIMEOUT_MS} ms`)),
        ),
      PDF_TIMEOUT_MS,
    );
    worker.on('message', (msg: unknown) => {
      const reply = pdfReplySchema.safeParse(msg);
      finish(() =>
        reply.success
          ? resolve(reply.data)
          : reject(new PdfWorkerFailure('internal', 'unexpected reply from the PDF worker')),
      );
    });
    worker.on('error', (err: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          new PdfWorkerFailure(
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
      finish(() => reject(new PdfWorkerFailure('internal', `PDF worker exited with code ${code}`))),
    );
  });
}

const WORKER_FAILURE_MESSAGES: Record<PdfWorkerFailure['reason'], string> = {
  timeout: `het lezen van deze PDF duurde langer dan ${PDF_TIMEOUT_MS / 1000} seconden. Exporteer het document opnieuw als PDF of gebruik het Word-document.`,
  memory:
    'deze PDF vraagt te veel geheugen om te lezen. Exporteer het document opnieuw als PDF of gebruik het Word-document.',
  internal: "interne fout bij het lezen van PDF's. Probeer het Word-document of meld dit aan IT.",
};

export async function pdfText(buf: Buffer, fileName: string): Promise<string> {
  return (await pdfTextWithPages(buf, fileName)).text;
}

export async function pdfTextWithPages(buf: Buffer, fileName: string): Promise<PdfText> {
  let reply: PdfReply;
  try {
    reply = await runPdfWorker(new Uint8Array(buf));
  } catch (err) {
    const reason = err instanceof PdfWorkerFailure ? err.reason : 'internal';
    throw new ExtractError('corrupt-pdf', WORKER_FAILURE_MESSAGES[reason], fileName, null, {
      cause: err,
    });
  }
  if (reply.ok) {
    const laid = layoutText(reply.pages);
    // Only line ends in the PDF's own text would shift the page of each line.
    return { text: laid.text.replace(/\r\n?/g, ' '), pageOfLine: laid.pageOfLine };
  }
  const cause = new Error(`${reply.name}: ${reply.detail}`);
  if (reply.name === 'PasswordException') {
    throw new ExtractError(
      'encrypted-pdf',
      'dit PDF-bestand is beveiligd met een wachtwoord, dus de inlezer ziet er geen tekst in: gebruik het Word-bestand of exporteer het opnieuw zonder beveiliging.',
      fileName,
      null,
      { cause },
    );
  }
  throw new ExtractError(
    'corrupt-pdf',
    'geen geldig PDF-bestand: het bestand is beschadigd of is geen PDF. Exporteer het document opnieuw als PDF.',
    fileName,
    null,
    { cause },
  );
}

import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { ExtractError } from './extract-error';

/** A .pdf → its text (pdf-parse), one line per line of the page. */

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
    const result = await parser.getText(workerData.options);
    parentPort.postMessage({ ok: true, text: result.text });
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
  z.object({ ok: z.literal(true), text: z.string() }),
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
        options: {
          // The default joiner writes "-- 1 of 16 --" after every page: text the document never had.
          pageJoiner: '',
          // Items on one line separated by a wide gap (a ticked box, then its indicator) read as
          // one line of text with a space, as in the .txt export, not with a tab.
          cellSeparator: ' ',
        },
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
  let reply: PdfReply;
  try {
    reply = await runPdfWorker(new Uint8Array(buf));
  } catch (err) {
    const reason = err instanceof PdfWorkerFailure ? err.reason : 'internal';
    throw new ExtractError('corrupt-pdf', WORKER_FAILURE_MESSAGES[reason], fileName, null, {
      cause: err,
    });
  }
  if (reply.ok) return reply.text.replace(/\r\n?/g, '\n');
  const cause = new Error(`${reply.name}: ${reply.detail}`);
  if (reply.name === 'PasswordException') {
    throw new ExtractError(
      'encrypted-pdf',
      'de PDF is beveiligd met een wachtwoord. Exporteer het document opnieuw zonder beveiliging.',
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

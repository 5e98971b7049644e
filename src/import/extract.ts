import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as mammoth from 'mammoth';
import { z } from 'zod';

/**
 * Documents → plain text, one line per line (txt, pdf) or per paragraph (docx), so that the
 * parser sees the same line structure whatever the source, and its line numbers point at
 * something a person can find in the file.
 */

export type ExtractErrorCode =
  | 'unsupported-type'
  | 'not-found'
  | 'unreadable'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'empty'
  | 'corrupt-docx'
  | 'corrupt-pdf'
  | 'encrypted-pdf';

export class ExtractError extends Error {
  override readonly name = 'ExtractError';

  constructor(
    readonly code: ExtractErrorCode,
    /** Dutch, for the person importing: what is wrong and what to do. */
    message: string,
    readonly fileName: string,
    /** Where the file's own line numbering applies (a .txt); null otherwise. */
    readonly line: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.pdf'] as const;
type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

/** Far above any function description (the seeds are < 100 kB); guards memory, not policy. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function isSupported(ext: string): ext is SupportedExtension {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

function extensionOf(fileName: string): string {
  return extname(fileName).toLowerCase();
}

function unsupported(fileName: string): ExtractError {
  const ext = extensionOf(fileName);
  const hint =
    ext === '.doc'
      ? ' Open het in Word en sla het op als .docx.'
      : ' Sla het document op als .docx, .pdf of .txt (UTF-8).';
  const what =
    ext === '' ? 'bestand zonder extensie' : `bestandstype '${ext}' wordt niet ondersteund`;
  return new ExtractError('unsupported-type', `${what}.${hint}`, fileName);
}

export async function extractText(filePath: string): Promise<string> {
  const fileName = basename(filePath);
  // Checked before reading so that an unsupported 2 GB video is refused without loading it.
  if (!isSupported(extensionOf(fileName))) throw unsupported(fileName);
  let buf: Buffer;
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) {
      throw new ExtractError('unreadable', 'dit is een map, geen bestand.', fileName);
    }
    if (info.size > MAX_FILE_BYTES) {
      throw new ExtractError(
        'too-large',
        `bestand te groot (${Math.round(info.size / 1024 / 1024)} MB; maximaal ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
        fileName,
      );
    }
    buf = await readFile(filePath);
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw fileSystemError(err, fileName);
  }
  return extractTextFromBuffer(buf, fileName);
}

function fileSystemError(err: unknown, fileName: string): ExtractError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ExtractError(
      'not-found',
      'bestand niet gevonden. Controleer het pad.',
      fileName,
      null,
      {
        cause: err,
      },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ExtractError('unreadable', 'geen leesrechten op dit bestand.', fileName, null, {
      cause: err,
    });
  }
  return new ExtractError(
    'unreadable',
    `kan het bestand niet lezen (${code ?? 'onbekende fout'}).`,
    fileName,
    null,
    {
      cause: err,
    },
  );
}

export async function extractTextFromBuffer(buf: Buffer, fileName: string): Promise<string> {
  const ext = extensionOf(fileName);
  if (!isSupported(ext)) throw unsupported(fileName);
  if (buf.length > MAX_FILE_BYTES) {
    throw new ExtractError(
      'too-large',
      `bestand te groot (maximaal ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
      fileName,
    );
  }
  let text: string;
  switch (ext) {
    case '.txt':
      text = decodeText(buf, fileName);
      break;
    case '.docx':
      text = await docxText(buf, fileName);
      break;
    case '.pdf':
      text = await pdfText(buf, fileName);
      break;
  }
  if (text.trim() === '') throw emptyError(ext, fileName);
  return text;
}

function emptyError(ext: SupportedExtension, fileName: string): ExtractError {
  const message =
    ext === '.pdf'
      ? 'de PDF bevat geen tekst (een scan zonder tekstlaag?). Gebruik het originele Word-document of een PDF met tekst.'
      : 'het bestand is leeg: er staat geen tekst in.';
  return new ExtractError('empty', message, fileName);
}

// ── .txt ────────────────────────────────────────────────────────────────────────────────────

/** C0 controls that never occur in text: everything but tab, LF, VT, FF, CR. */
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function decodeText(buf: Buffer, fileName: string): string {
  // Notepad's "Unicode" is UTF-16 with a byte order mark; its NUL bytes would otherwise read as binary.
  const utf16 =
    buf[0] === 0xff && buf[1] === 0xfe
      ? 'utf-16le'
      : buf[0] === 0xfe && buf[1] === 0xff
        ? 'utf-16be'
        : null;
  let text: string;
  if (utf16 !== null) {
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(buf);
    } catch (err) {
      throw new ExtractError(
        'encoding',
        'geen geldige UTF-16-tekst (beschadigd bestand?). Sla het op als UTF-8.',
        fileName,
        null,
        {
          cause: err,
        },
      );
    }
  } else {
    const nul = buf.indexOf(0);
    if (nul !== -1) {
      throw new ExtractError(
        'binary',
        `geen tekstbestand (binaire inhoud): nul-byte op positie ${nul}. Kies het originele .txt-, .docx- of .pdf-bestand.`,
        fileName,
      );
    }
    try {
      // ignoreBOM: false means the decoder strips a leading UTF-8 BOM.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    } catch (err) {
      const line = firstInvalidUtf8Line(buf);
      throw new ExtractError(
        'encoding',
        'geen geldige UTF-8-tekst (een andere codering, bv. Windows-1252, of binaire inhoud). Sla het bestand op als UTF-8.',
        fileName,
        line,
        { cause: err },
      );
    }
  }
  const control = BINARY_CONTROL.exec(text);
  if (control) {
    throw new ExtractError(
      'binary',
      `geen tekstbestand (binaire inhoud): stuurteken U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}.`,
      fileName,
      lineAt(text, control.index),
    );
  }
  // Line numbers count LF-separated lines; a CR on its own (old Mac) also ends a line.
  return text.replace(/\r\n?/g, '\n');
}

/** The line of the first byte that is not valid UTF-8, so the user can find it in an editor. */
function firstInvalidUtf8Line(buf: Buffer): number | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b <= 0xdf
          ? 2
          : b >= 0xe0 && b <= 0xef
            ? 3
            : b >= 0xf0 && b <= 0xf4
              ? 4
              : 0;
    if (len === 0 || i + len > buf.length) return line;
    if (len > 1) {
      try {
        decoder.decode(buf.subarray(i, i + len));
      } catch {
        return line;
      }
    } else if (b === 10) {
      line++;
    }
    i += len;
  }
  return null;
}

// ── .docx ───────────────────────────────────────────────────────────────────────────────────

/**
 * The part of mammoth's document model we read. `extractRawText` is not enough: it drops line
 * breaks inside a paragraph (gluing "m.b.t. de" and "gemeente" into "degemeente"), the ☒/☐ of
 * Word checkbox controls (mammoth turns their glyph into a checkbox element without text: every
 * required level would vanish) and list bullets (numbering, not text, in Word).
 */
type DocxNode = {
  type: string;
  value?: string | undefined;
  breakType?: string | undefined;
  checked?: boolean | undefined;
  numbering?: { isOrdered: boolean } | null | undefined;
  children?: DocxNode[] | undefined;
};

const docxNodeSchema: z.ZodType<DocxNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    value: z.string().optional(),
    breakType: z.string().optional(),
    checked: z.boolean().optional(),
    numbering: z.object({ isOrdered: z.boolean() }).nullish(),
    children: z.array(docxNodeSchema).optional(),
  }),
);

/**
 * A bullet for Word's unordered list items, so that a task list reads like the .txt export
 * ("– Werkt mee …"). Ordered lists keep no number: their numbers are not part of the content.
 */
const DOCX_BULLET = '– ';

function docxNodeText(node: DocxNode, out: string[]): void {
  switch (node.type) {
    case 'text':
      out.push(node.value ?? '');
      return;
    case 'tab':
      out.push('\t');
      return;
    case 'break':
      // Line, page and column breaks all start a new line of text.
      out.push('\n');
      return;
    case 'checkbox':
      out.push(node.checked ? '☒' : '☐');
      return;
    case 'paragraph':
      if (node.numbering && !node.numbering.isOrdered) out.push(DOCX_BULLET);
      for (const child of node.children ?? []) docxNodeText(child, out);
      out.push('\n');
      return;
    default:
      for (const child of node.children ?? []) docxNodeText(child, out);
  }
}

async function docxText(buf: Buffer, fileName: string): Promise<string> {
  let tree: unknown;
  try {
    // convertToHtml is mammoth's only entry point that exposes the document model (through
    // transformDocument); the HTML itself is not used.
    await mammoth.convertToHtml(
      { buffer: buf },
      {
        transformDocument: (doc: unknown) => {
          tree = doc;
          return doc;
        },
      },
    );
  } catch (err) {
    throw new ExtractError(
      'corrupt-docx',
      'geen geldig Word-document (.docx): het bestand is beschadigd of is geen .docx. Open het in Word en sla het opnieuw op als .docx.',
      fileName,
      null,
      { cause: err },
    );
  }
  const doc = docxNodeSchema.safeParse(tree);
  if (!doc.success) {
    throw new ExtractError(
      'corrupt-docx',
      'kan de inhoud van dit Word-document niet lezen. Sla het opnieuw op als .docx of exporteer het als PDF.',
      fileName,
      null,
      { cause: doc.error },
    );
  }
  const out: string[] = [];
  docxNodeText(doc.data, out);
  return out.join('').replace(/\r\n?/g, '\n');
}

// ── .pdf ────────────────────────────────────────────────────────────────────────────────────

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

async function pdfText(buf: Buffer, fileName: string): Promise<string> {
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

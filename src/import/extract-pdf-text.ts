import { z } from 'zod';
import { ExtractError } from './extract-error';
import { layoutText, pdfPageSchema, type PdfText } from './pdf-layout';

/**
 * A PDF's pages, as pdf.js read them, → its text rebuilt by position (pdf-layout.ts) with the
 * page of every line, and pdf.js' failures → Dutch messages. Shared by Node (extract-pdf.ts,
 * pdf.js in a worker thread) and the tab (pdf.js in a Web Worker): only the reading differs.
 */

export const pdfReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), pages: z.array(pdfPageSchema) }),
  /** pdf.js refused the file: its exception's name (PasswordException, InvalidPDFException…). */
  z.object({ ok: z.literal(false), name: z.string(), detail: z.string() }),
]);
export type PdfReply = z.infer<typeof pdfReplySchema>;

/** Reads every page's text items; rejects with `PdfReaderFailure` when it gave no answer. */
export type PdfPagesReader = (bytes: Uint8Array) => Promise<PdfReply>;

export const PDF_TIMEOUT_MS = 60_000;

/** Why the reader gave no reply: each needs a different next step from the user. */
export class PdfReaderFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'memory' | 'internal',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const READER_FAILURE_MESSAGES: Record<PdfReaderFailure['reason'], string> = {
  timeout: `het lezen van deze PDF duurde langer dan ${PDF_TIMEOUT_MS / 1000} seconden. Exporteer het document opnieuw als PDF of gebruik het Word-document.`,
  memory:
    'deze PDF vraagt te veel geheugen om te lezen. Exporteer het document opnieuw als PDF of gebruik het Word-document.',
  internal: "interne fout bij het lezen van PDF's. Probeer het Word-document of meld dit aan IT.",
};

export async function pdfTextOf(
  bytes: Uint8Array,
  fileName: string,
  readPages: PdfPagesReader,
): Promise<PdfText> {
  let reply: PdfReply;
  try {
    reply = await readPages(bytes);
  } catch (err) {
    const reason = err instanceof PdfReaderFailure ? err.reason : 'internal';
    throw new ExtractError('corrupt-pdf', READER_FAILURE_MESSAGES[reason], fileName, null, {
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

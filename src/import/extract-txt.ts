import { ExtractError } from './extract-error';

/** A .txt file's bytes → its text, or why they are not text a person saved. */

/** C0 controls that never occur in text: everything but tab, LF, VT, FF, CR. */
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function decodeText(buf: Uint8Array, fileName: string): string {
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
function firstInvalidUtf8Line(buf: Uint8Array): number | null {
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

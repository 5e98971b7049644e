import { extensionOf, isSupported, tooLarge, unsupported } from '../../../../import/extract-bytes';
import type { ParseResult } from '../../../../import/parse';

/** One problem with the file as a whole, as the importer reports it. */
export function refusal(
  message: string,
  fileName: string,
  line: number | null = null,
): ParseResult {
  return { ok: false, errors: [{ file: fileName, line, message }] };
}

/**
 * The checks made before a file is read, with the importer's own messages (a .doc, a 60 MB
 * file: never loaded into memory); null when it may be read.
 */
export function refuseUnread(file: { name: string; size: number }): ParseResult | null {
  if (!isSupported(extensionOf(file.name)))
    return refusal(unsupported(file.name).message, file.name);
  const large = tooLarge(file.size, file.name);
  return large ? refusal(large.message, file.name) : null;
}

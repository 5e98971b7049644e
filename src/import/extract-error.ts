/** Why a file gave no text; `message` is shown to the person importing as it is. */
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

import { z } from 'zod';
import { functionDescriptionSchema } from '../../../../domain/schema';
import type { ParseResult } from '../../../../import/parse';
import type { LayoutProfile } from '../../../../import/profile';

/**
 * The messages between the import page and its Web Worker. The page checks every reply with
 * `parseReplySchema` (a worker is an edge like any other: zod at the edges).
 */

export interface ParseRequest {
  id: number;
  fileName: string;
  /** Transferred, not copied. */
  bytes: ArrayBuffer;
  /** The city's layout profile (the same file as the CLI's --profile), already validated. */
  profile: LayoutProfile | null;
}

export interface ParseReply {
  id: number;
  result: ParseResult;
}

const issueSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  message: z.string(),
  page: z.number().int().optional(),
});

export const parseReplySchema = z.object({
  id: z.number().int(),
  result: z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      description: functionDescriptionSchema,
      warnings: z.array(issueSchema),
    }),
    z.object({ ok: z.literal(false), errors: z.array(issueSchema) }),
  ]),
});

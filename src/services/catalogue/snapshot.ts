import { type FunctionContent, functionContentSchema } from '../../domain/schema';

// Version 1 or 2 of the format: an old snapshot is migrated like any other interchange object.
const snapshotSchema = functionContentSchema;

/**
 * A decision's snapshot (Momentopname: the approved content as canonical JSON) as content; null
 * for a missing or unreadable one, which the screens show as such. An edge: the text is list
 * content anyone with edit rights on Besluiten could have written.
 */
export function parseSnapshot(snapshot: string | null): FunctionContent | null {
  if (snapshot === null) return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(snapshot));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

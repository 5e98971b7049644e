import { z } from 'zod';
import { CATALOGUE_SOURCE_LISTS } from '../../graph/repositories/roles/source-lists';

/**
 * The stamp a catalogue's rows were read with (revalidation.ts). On its own so that the tab
 * validates a stored stamp without loading the reads: its first screen renders before the data
 * layer's chunk has arrived (src/tab/index.tsx).
 */
export const catalogueVersionSchema = z.object({
  /** Per source list its `lastModifiedDateTime` before the rows were read; '' = not settled. */
  lists: z.record(z.enum(CATALOGUE_SOURCE_LISTS), z.string()),
  /** The approver group's member ids, sorted: whose decisions count. */
  approvers: z.string(),
  /** Role key → Functies item id, for the rows stamped. */
  ids: z.record(z.string(), z.string()),
  /** `rowsDigest` of the rows stamped. */
  digest: z.string(),
});
export type CatalogueVersion = z.infer<typeof catalogueVersionSchema>;

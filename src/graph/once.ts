/**
 * A read done once and shared by every caller, until it fails: a failed attempt is not
 * remembered, so the next caller tries again (the network may be back).
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

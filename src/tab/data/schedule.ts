/**
 * Runs `task` after `delayMs`, or at the page's next idle moment (within `idleTimeoutMs`) when 0;
 * without requestIdleCallback (Safari, iOS Teams), in the next task. Returns a cancel.
 */
export function schedule(task: () => void, delayMs: number, idleTimeoutMs: number): () => void {
  if (delayMs === 0 && typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: idleTimeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, delayMs);
  return () => clearTimeout(id);
}

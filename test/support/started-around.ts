/**
 * Something a test file (or `describe` block) starts before its tests and closes after them —
 * an emulator, a target — returned at once, before it has started, so the tests read it as a
 * plain `const`: every property is looked up on the started value when used.
 */
export function startedAround<T extends object>(
  start: () => Promise<T>,
  close: (started: T) => Promise<void>,
  timeoutMs = 60_000,
): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, timeoutMs);
  afterAll(async () => {
    if (started) await close(started);
  });
  return new Proxy({} as T, {
    get(_unused, property) {
      if (!started) throw new Error('nog niet gestart: gebruik het binnen een test');
      return Reflect.get(started, property, started) as unknown;
    },
  });
}

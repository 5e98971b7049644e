import { performance } from 'node:perf_hooks';
import type { Exchange } from '../graph/client';
import type { NetworkName } from './bench-network';

/**
 * What a benchmark module under `src/cli/bench/` exports (the module itself, not a default):
 *
 *   export const name = 'import';
 *   export const budget = { importParseBothSeedsMs: 50 };   // optional: maximum per metric
 *   export async function run(options: BenchOptions): Promise<Record<string, number>> { … }
 *
 * Metric names are global (the runner merges every benchmark's metrics into one JSON object), so
 * prefix them with the benchmark's subject.
 */
export type BenchOptions = {
  /** Generated roles to load (`--roles`); the figures are for 2,000. */
  roles: number;
  /** Where a line of progress goes (the runner's stderr); standard error when not given. */
  progress?: (line: string) => void;
  /** The network to measure over (`--network`, bench-network.ts); loopback when not given. */
  network?: NetworkName;
};

export const DEFAULT_ROLES = 2000;

export type Benchmark = {
  name: string;
  run(options: BenchOptions): Promise<Record<string, number>>;
  /** Upper bounds the runner checks: a metric above its budget fails the run (exit 1). */
  budget?: Record<string, number>;
};

/** Registers how to close something a benchmark has just opened. */
export type Defer = (close: () => Promise<unknown> | unknown) => void;

/**
 * Runs `body`, then closes everything it registered with `defer`, last opened first, whether it
 * finished or threw. A benchmark that opens an emulator, a server or a browser and then fails
 * must not leave them open: the bench would print its error and never exit. Every close runs
 * even when an earlier one fails; the body's own error is the one rethrown (a close failing
 * after it is usually its consequence), else the first close that failed.
 */
export async function withResources<T>(body: (defer: Defer) => Promise<T>): Promise<T> {
  const closers: Array<() => Promise<unknown> | unknown> = [];
  let result: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    result = { ok: true, value: await body((close) => closers.push(close)) };
  } catch (error) {
    result = { ok: false, error };
  }
  let closeError: { error: unknown } | null = null;
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch (error) {
      closeError ??= { error };
    }
  }
  if (!result.ok) throw result.error;
  if (closeError) throw closeError.error;
  return result.value;
}

export type Samples = {
  /** Milliseconds per iteration, in the order they ran. */
  ms: number[];
  totalMs: number;
  /**
   * Process CPU time (user + system, all threads) over the measured iterations. On a shared
   * machine wall time includes waiting for a core; CPU time mostly does not.
   */
  cpuMs: number;
};

/**
 * Runs `fn` `warmup` times unmeasured (so the JIT has compiled the hot paths and caches are warm,
 * as in a long-lived importer), then measures each of `iterations` calls.
 */
export async function measure(
  fn: () => unknown,
  { warmup, iterations }: { warmup: number; iterations: number },
): Promise<Samples> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { ms, totalMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Three significant decimals are more than a timer on a shared machine can tell apart. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * What a view costs on the wire, counted from the Graph client's exchange log (`onExchange`):
 * `roundTrips` are HTTP exchanges, `requests` the Graph requests in them (each `$batch` entry
 * counts), `bytes` request and response bodies together, uncompressed; `wireBytes` the same
 * bodies as they crossed the wire (answers gzip- or br-encoded, requests as sent); `ru` the
 * SharePoint resource units (`resourceUnits` in src/graph/middleware/exchange.ts).
 */
export type Traffic = {
  requests: number;
  roundTrips: number;
  bytes: number;
  wireBytes: number;
  ru: number;
};

export function trafficOf(exchanges: readonly Exchange[]): Traffic {
  return {
    requests: exchanges.reduce((n, e) => n + (e.path === '/$batch' ? (e.batchEntries ?? 1) : 1), 0),
    roundTrips: exchanges.length,
    bytes: exchanges.reduce((n, e) => n + e.requestBytes + e.responseBytes, 0),
    wireBytes: exchanges.reduce((n, e) => n + e.requestBytes + e.wireBytes, 0),
    ru: exchanges.reduce((n, e) => n + e.ru, 0),
  };
}

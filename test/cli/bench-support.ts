import type { LoadedBenchmarks } from '../../src/cli/bench';
import type { Benchmark } from '../../src/cli/bench-kit';

/** What the bench tests share: the runner's output captured, and benchmarks given in place of a folder. */

export function capture(): {
  io: { stdout: (t: string) => void; stderr: (t: string) => void };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

export const fixed = (
  name: string,
  metrics: Record<string, number>,
  budget?: Record<string, number>,
): Benchmark => ({
  name,
  run: () => Promise.resolve(metrics),
  ...(budget ? { budget } : {}),
});

export const loaded = (
  benchmarks: Benchmark[],
  problems: string[] = [],
): Promise<LoadedBenchmarks> => Promise.resolve({ benchmarks, problems });

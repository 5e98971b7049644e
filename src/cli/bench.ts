import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Benchmark } from './bench-kit';

/**
 * `npm run bench -- [--json] [--only NAME]`: runs every benchmark module in `src/cli/bench/`
 * (see `bench-kit.ts` for what one exports). Adding a benchmark is adding a file there.
 *
 * Exit codes: 0 all ran within budget, 1 a benchmark failed or went over budget, 2 usage.
 */

export const USAGE = `Gebruik: npm run bench -- [--json] [--only NAAM]

  --json       één JSON-object met alle meetwaarden op stdout
  --only NAAM  alleen de benchmark NAAM uitvoeren
  -h, --help   deze hulp`;

export type BenchIo = { stdout: (text: string) => void; stderr: (text: string) => void };

const benchmarkModuleSchema = z.object({
  name: z.string().min(1),
  run: z.custom<Benchmark['run']>((v) => typeof v === 'function', 'run moet een functie zijn'),
  budget: z.record(z.string(), z.number()).optional(),
});

const metricsSchema = z.record(z.string(), z.number().refine(Number.isFinite, 'geen eindig getal'));

const BENCH_DIR = join(__dirname, 'bench');

/** A loaded module as a benchmark, or an error naming the file that is not one. */
export function toBenchmark(mod: unknown, file: string): Benchmark {
  const parsed = benchmarkModuleSchema.safeParse(mod);
  if (!parsed.success) {
    throw new Error(`${file} is geen benchmark: exporteer 'name' en 'run' (zie bench-kit.ts).`);
  }
  return parsed.data;
}

export type LoadedBenchmarks = {
  benchmarks: Benchmark[];
  /** Modules that could not be loaded (a missing import, a wrong export), one line each. */
  problems: string[];
};

/**
 * Every module in `src/cli/bench/`, sorted by file name so the order is stable. A module that
 * does not load is a problem to report, not a reason to run none of the others.
 */
export async function loadBenchmarks(dir: string = BENCH_DIR): Promise<LoadedBenchmarks> {
  const files = (await readdir(dir))
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  // require, not import(): the project is CommonJS, tsx hooks require for .ts files, and jest can
  // load a required module but not a dynamically imported one.
  const requireModule = createRequire(__filename);
  const benchmarks: Benchmark[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const benchmark = toBenchmark(requireModule(join(dir, file)), file);
      if (benchmarks.some((b) => b.name === benchmark.name)) {
        problems.push(`${file}: een andere benchmark heet al '${benchmark.name}'.`);
      } else {
        benchmarks.push(benchmark);
      }
    } catch (err) {
      const message = errorLine(err);
      problems.push(message.startsWith(file) ? message : `${file}: niet geladen: ${message}`);
    }
  }
  return { benchmarks, problems };
}

/**
 * The first line of a thrown value's message. Not `instanceof Error`: an error thrown by another
 * realm's loader (jest's, a worker's) is error-shaped without being an instance of ours.
 */
function errorLine(err: unknown): string {
  const message =
    typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
  return message.split('\n')[0] ?? message;
}

type Row = { benchmark: string; metric: string; value: number; budget: number | undefined };

export async function runBench(
  argv: readonly string[],
  io: BenchIo,
  load: () => Promise<LoadedBenchmarks> = () => loadBenchmarks(),
): Promise<number> {
  let values: { json?: boolean; only?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  const { benchmarks: all, problems } = await load();
  const selected = values.only === undefined ? all : all.filter((b) => b.name === values.only);
  // Running everything promises every benchmark: one that did not load fails the run. With
  // --only, someone else's broken module is only worth a warning.
  let failed = values.only === undefined && problems.length > 0;
  for (const p of problems) io.stderr(`${values.only === undefined ? '' : 'waarschuwing: '}${p}\n`);
  if (selected.length === 0) {
    const known = all.map((b) => b.name).join(', ') || '(geen)';
    if (values.only !== undefined) {
      io.stderr(`Onbekende benchmark '${values.only}'. Beschikbaar: ${known}.\n`);
      return 2;
    }
    io.stderr('Geen benchmarks om uit te voeren.\n');
    return 1;
  }

  const merged: Record<string, number> = {};
  const owner = new Map<string, string>();
  const rows: Row[] = [];
  for (const benchmark of selected) {
    let metrics: Record<string, number>;
    try {
      metrics = metricsSchema.parse(await benchmark.run());
    } catch (err) {
      failed = true;
      io.stderr(
        `benchmark '${benchmark.name}' mislukt: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      continue;
    }
    for (const [metric, value] of Object.entries(metrics)) {
      const other = owner.get(metric);
      if (other !== undefined) {
        // Merging into one object must not let one benchmark silently overwrite another's figure.
        failed = true;
        io.stderr(
          `meetwaarde '${metric}' komt uit '${other}' én '${benchmark.name}'; geef ze een eigen naam.\n`,
        );
        continue;
      }
      owner.set(metric, benchmark.name);
      merged[metric] = value;
      rows.push({ benchmark: benchmark.name, metric, value, budget: benchmark.budget?.[metric] });
    }
  }

  const over = rows.filter((r) => r.budget !== undefined && r.value > r.budget);
  for (const r of over) {
    failed = true;
    io.stderr(`boven budget: ${r.metric} = ${r.value} (maximaal ${r.budget})\n`);
  }
  io.stdout(values.json ? `${JSON.stringify(merged, null, 2)}\n` : table(rows));
  return failed ? 1 : 0;
}

function table(rows: readonly Row[]): string {
  const header = ['benchmark', 'meetwaarde', 'waarde', 'budget'];
  const cells = rows.map((r) => [
    r.benchmark,
    r.metric,
    String(r.value),
    r.budget === undefined ? '' : `≤ ${r.budget}${r.value > r.budget ? '  TE HOOG' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

if (require.main === module) {
  runBench(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `Onverwachte fout: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

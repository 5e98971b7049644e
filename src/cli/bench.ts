import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Benchmark, type BenchOptions, DEFAULT_ROLES } from './bench-kit';
import { NETWORK_NAMES, type NetworkName } from './bench-network';
import { buildReport } from './bench-report';

export { type BenchReport, benchReportSchema, buildReport, REPORT_BUDGETS } from './bench-report';

/**
 * `npm run bench -- [--json] [--only NAME] [--roles N]`: runs every benchmark module in
 * `src/cli/bench/` (see `bench-kit.ts` for what one exports). Adding a benchmark is adding a file
 * there. Progress goes to stderr; stdout carries only the result.
 *
 * `--json` on a full run prints the report of issue #7 (`bench-report.ts`, docs/quality.md);
 * with `--only` it prints that benchmark's own metrics as one flat object.
 *
 * Exit codes: 0 all ran within budget, 1 a benchmark failed or went over budget, 2 usage.
 * A benchmark that fails closes what it opened (`withResources` in bench-kit.ts); should one
 * still leave something open, the process says what and exits anyway (`exitWhenDone`).
 */

export const USAGE = `Gebruik: npm run bench -- [--json] [--only NAAM] [--roles N] [--network NET]

  --json         één JSON-object op stdout: het rapport (volledige run) of de meetwaarden (--only)
  --only NAAM    alleen de benchmark NAAM uitvoeren
  --roles N      aantal gegenereerde functies (standaard ${DEFAULT_ROLES}, minstens 12)
  --network NET  loopback (standaard) of city: 100 ms per retour, 20 Mbit/s neer, 5 Mbit/s op
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
  let values: {
    json?: boolean;
    only?: string;
    roles?: string;
    network?: string;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        only: { type: 'string' },
        roles: { type: 'string' },
        network: { type: 'string' },
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
  const roles = rolesSchema.safeParse(values.roles ?? String(DEFAULT_ROLES));
  if (!roles.success) {
    io.stderr(`--roles moet een geheel getal vanaf 12 zijn, niet '${values.roles}'.\n\n${USAGE}\n`);
    return 2;
  }
  const network = values.network ?? 'loopback';
  if (!NETWORK_NAMES.includes(network as NetworkName)) {
    io.stderr(
      `--network moet ${NETWORK_NAMES.join(' of ')} zijn, niet '${network}'.\n\n${USAGE}\n`,
    );
    return 2;
  }
  const options: BenchOptions = {
    roles: roles.data,
    progress: (line) => io.stderr(`${line}\n`),
    network: network as NetworkName,
  };

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
    io.stderr(`benchmark '${benchmark.name}'…\n`);
    try {
      metrics = metricsSchema.parse(await benchmark.run(options));
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
  if (!values.json) {
    io.stdout(table(rows));
  } else if (values.only !== undefined) {
    io.stdout(`${JSON.stringify(merged, null, 2)}\n`);
  } else {
    const report = buildReport(merged, network as NetworkName);
    if (report.ok) {
      for (const [figure, b] of Object.entries(report.report.budgets)) {
        if (b.pass) continue;
        failed = true;
        io.stderr(`boven budget (rapport): ${figure} = ${b.value} (maximaal ${b.max})\n`);
      }
      io.stdout(`${JSON.stringify(report.report, null, 2)}\n`);
    } else {
      // Still one object on stdout, so a script reading it gets what was measured.
      failed = true;
      io.stderr(`rapport onvolledig: ${report.problem}\n`);
      io.stdout(`${JSON.stringify(merged, null, 2)}\n`);
    }
  }
  return failed ? 1 : 0;
}

const rolesSchema = z.coerce.number().int().min(12).max(100_000);

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

/** How long a finished run may take to wind down before an open handle is taken for a leak. */
const WIND_DOWN_MS = 10_000;

export type ExitWhenDoneOptions = {
  graceMs?: number;
  stderr?: (text: string) => void;
  exit?: (code: number) => void;
  /** The code Node exits with once nothing is left open. */
  setExitCode?: (code: number) => void;
  /** What keeps the process alive (`process.getActiveResourcesInfo`). */
  openResources?: () => string[];
};

/**
 * Ends the process with `code` once the run is over. Normally Node exits by itself, everything
 * being closed; if something a benchmark opened (a server, a browser, a timer) keeps it running,
 * the bench would hang with no sign of why. Then this names what is still open and exits with 1
 * (a leak is a failure of the benchmark, even when its figures were good).
 */
export function exitWhenDone(code: number, options: ExitWhenDoneOptions = {}): void {
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const exit = options.exit ?? ((c: number) => process.exit(c));
  const openResources = options.openResources ?? (() => process.getActiveResourcesInfo());
  const setExitCode =
    options.setExitCode ??
    ((c: number) => {
      process.exitCode = c;
    });
  setExitCode(code);
  const watchdog = setTimeout(() => {
    const counts = new Map<string, number>();
    for (const resource of openResources()) counts.set(resource, (counts.get(resource) ?? 0) + 1);
    const open = [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
    stderr(
      `De bench is klaar, maar iets bleef open (${open || 'onbekend'}); het proces stopt nu. ` +
        'Een benchmark moet sluiten wat hij opent (withResources in src/cli/bench-kit.ts).\n',
    );
    exit(code === 0 ? 1 : code);
  }, options.graceMs ?? WIND_DOWN_MS);
  // The watchdog itself must not keep the process alive.
  watchdog.unref();
}

if (require.main === module) {
  runBench(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => exitWhenDone(code),
    (err: unknown) => {
      process.stderr.write(
        `Onverwachte fout: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      exitWhenDone(1);
    },
  );
}

import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: injectable, so tests capture what a user would read. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const PROCESS_IO: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs a command as the process's entry point: its exit code becomes the process's, and an error
 * nobody expected is printed with its stack (for the bug report) and exits 1.
 */
export function runAsMain(
  command: (argv: string[], io: CommandIo, env: NodeJS.ProcessEnv) => Promise<number>,
): void {
  command(process.argv.slice(2), PROCESS_IO, process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `Onverwachte fout: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

/**
 * A command line `node:util` parseArgs refused, said in Dutch: which option, and what is wrong
 * with it. The commands print their usage after it.
 */
export function argumentProblem(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  const named = option ? ` '${option}'` : '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Onbekende optie${named}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /argument missing/.test(message)
      ? `Optie${named} verwacht een waarde (bij --tenant het adres van de site).`
      : `Optie${named} neemt geen waarde.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Onverwacht argument${named}.`;
  return `Ongeldige opdracht: ${message}`;
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Every command answers `-h`/`--help` with its usage. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type CommandConfig<O extends OptionsConfig, P extends boolean> = {
  args: string[];
  options: O & typeof HELP;
  strict: true;
  allowPositionals: P;
};

export type CommandLine<O extends OptionsConfig, P extends boolean = false> =
  | ({ ok: true } & ReturnType<typeof parseArgs<CommandConfig<O, P>>>)
  | { ok: false; exitCode: number };

/**
 * A command's flags, read the way every command reads them: `node:util` parseArgs (strict), a
 * refusal said in Dutch with the usage after it and exit code 2, `--help` printing the usage with
 * exit code 0. Positional arguments only where the command takes them (`positionals: true`).
 */
export function parseCommandLine<const O extends OptionsConfig, P extends boolean = false>(
  argv: readonly string[],
  options: O,
  usage: string,
  io: CommandIo,
  settings: { positionals?: P } = {},
): CommandLine<O, P> {
  let parsed: ReturnType<typeof parseArgs<CommandConfig<O, P>>>;
  try {
    parsed = parseArgs<CommandConfig<O, P>>({
      args: [...argv],
      options: { ...options, ...HELP },
      strict: true,
      allowPositionals: (settings.positionals ?? false) as P,
    });
  } catch (error) {
    io.stderr(`${argumentProblem(error)}\n\n${usage}\n`);
    return { ok: false, exitCode: 2 };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(`${usage}\n`);
    return { ok: false, exitCode: 0 };
  }
  return { ok: true, ...parsed };
}

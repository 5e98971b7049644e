import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildAppPackage, PackageError } from './package/build-package';
import { encodePng, renderColorIcon, renderOutlineIcon } from './package/icon-art';

/**
 * `npm run package -- --env <name>` — fills manifest/ from env/.env.<name>, validates it offline
 * against the official schema bundled in @microsoft/app-manifest, checks the icons and writes
 * appPackage/build/appPackage.<name>.zip. Exit code 0 on success, 1 on any problem, 2 on a
 * usage error.
 *
 * `npm run package -- --write-icons` redraws manifest/color.png and manifest/outline.png.
 */

export const USAGE = `Gebruik: npm run package -- --env <naam> [--allow-placeholders]
       npm run package -- --write-icons

  --env <naam>            omgeving: leest env/.env.<naam> (local, dev, prod, …)
  --allow-placeholders    maak ook een pakket als er nog voorbeeldwaarden in staan (om te proberen)
  --write-icons           teken manifest/color.png en manifest/outline.png opnieuw
`;

export type PackageCommand =
  | { kind: 'package'; envName: string; allowPlaceholders: boolean }
  | { kind: 'write-icons' }
  | { kind: 'help' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parsePackageArgs(argv: readonly string[]): PackageCommand {
  let envName: string | undefined;
  let allowPlaceholders = false;
  let writeIcons = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--allow-placeholders') allowPlaceholders = true;
    else if (arg === '--write-icons') writeIcons = true;
    else if (arg === '--env') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError('--env heeft een naam nodig, bv. --env prod.');
      }
      envName = value;
      i += 1;
    } else if (arg.startsWith('--env=')) envName = arg.slice('--env='.length);
    else throw new UsageError(`Onbekende optie: ${arg}`);
  }
  if (writeIcons) return { kind: 'write-icons' };
  if (!envName) throw new UsageError('Kies een omgeving met --env, bv. --env local.');
  return { kind: 'package', envName, allowPlaceholders };
}

export async function writeIcons(manifestDir: string): Promise<string[]> {
  const files = [
    { name: 'color.png', png: renderColorIcon() },
    { name: 'outline.png', png: renderOutlineIcon() },
  ];
  await fs.mkdir(manifestDir, { recursive: true });
  for (const file of files)
    await fs.writeFile(path.join(manifestDir, file.name), encodePng(file.png));
  return files.map((file) => path.join(manifestDir, file.name));
}

export interface RunOptions {
  root: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** The whole command; returns the exit code instead of exiting, so tests can run it. */
export async function runPackage(argv: readonly string[], options: RunOptions): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  let command: PackageCommand;
  try {
    command = parsePackageArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message);
    err(USAGE);
    return 2;
  }
  if (command.kind === 'help') {
    out(USAGE);
    return 0;
  }
  if (command.kind === 'write-icons') {
    for (const file of await writeIcons(path.join(options.root, 'manifest'))) {
      out(`Geschreven: ${path.relative(options.root, file)}`);
    }
    return 0;
  }
  try {
    const built = await buildAppPackage({
      root: options.root,
      envName: command.envName,
      allowPlaceholders: command.allowPlaceholders,
    });
    for (const warning of built.warnings) err(`Let op: ${warning}`);
    out(
      `App-pakket gemaakt: ${path.relative(options.root, built.zipPath)} (${built.entries.join(', ')}; ${built.bytes} bytes)`,
    );
    out(`Ingevuld manifest: ${path.relative(options.root, built.manifestPath)}`);
    if (built.runtimeConfigPath) {
      out(
        `Configuratie van het tabblad (te serveren als /config.json): ${path.relative(options.root, built.runtimeConfigPath)}`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    err(error.message);
    return 1;
  }
}

if (require.main === module) {
  runPackage(process.argv.slice(2), { root: path.resolve(__dirname, '..', '..') }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    },
  );
}

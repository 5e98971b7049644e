import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import webpack from 'webpack';
import { z } from 'zod';

/**
 * The production build of the tab and the local Teams host (webpack's Node API), redone only
 * when the last build is missing or older than its sources, so a second `npm start` starts in a
 * moment.
 */

/** Files outside the sources that change what webpack produces. */
const BUILD_INPUTS_ALWAYS = ['webpack.config.js', 'package-lock.json', 'tsconfig.json'];
const STAMP_FILE = '.build-stamp.json';

const stampSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), z.string()),
});

async function fileDigest(file: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await fs.readFile(file))
      .digest('hex');
  } catch {
    return null;
  }
}

/**
 * Up to date when every file the last build read (webpack's own list of file dependencies,
 * outside node_modules) still has the content it had. A new import can only appear by changing
 * a file that is on that list, so the list is complete.
 */
export async function isTabBuildFresh(root: string): Promise<boolean> {
  const distDir = path.join(root, 'dist');
  for (const required of ['tab/index.html', 'teams-host/teams-host.html', STAMP_FILE]) {
    if (!existsSync(path.join(distDir, required))) return false;
  }
  let stamp: z.infer<typeof stampSchema>;
  try {
    stamp = stampSchema.parse(
      JSON.parse(await fs.readFile(path.join(distDir, STAMP_FILE), 'utf8')),
    );
  } catch {
    return false;
  }
  const entries = Object.entries(stamp.files);
  const digests = await Promise.all(entries.map(([file]) => fileDigest(path.join(root, file))));
  return entries.every(([, digest], index) => digests[index] === digest);
}

type WebpackConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: 'production' | 'development' },
) => webpack.Configuration[];

function loadWebpackConfig(root: string): webpack.Configuration[] {
  // webpack.config.js is CommonJS by webpack-cli convention.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory: unknown = require(path.join(root, 'webpack.config.js'));
  if (typeof factory !== 'function') throw new Error('webpack.config.js exporteert geen functie.');
  return (factory as WebpackConfigFactory)({}, { mode: 'production' });
}

function runWebpack(configs: webpack.Configuration[]): Promise<webpack.MultiStats> {
  return new Promise((resolve, reject) => {
    webpack(configs, (error, stats) => {
      if (error) return reject(error);
      if (!stats) return reject(new Error('webpack gaf geen resultaat.'));
      if (stats.hasErrors()) {
        return reject(
          new Error(`De build van het tabblad mislukte:\n${stats.toString('errors-only')}`),
        );
      }
      resolve(stats);
    });
  });
}

/** A production build of the tab and the local Teams host, with the stamp `isTabBuildFresh` reads. */
export async function buildTab(root: string): Promise<{ ms: number }> {
  const started = performance.now();
  const stats = await runWebpack(loadWebpackConfig(root));
  const inputs = new Set<string>(BUILD_INPUTS_ALWAYS.map((file) => path.join(root, file)));
  for (const child of stats.stats) {
    for (const file of child.compilation.fileDependencies) {
      if (
        file.startsWith(root + path.sep) &&
        !file.includes(`${path.sep}node_modules${path.sep}`)
      ) {
        inputs.add(file);
      }
    }
  }
  const files: Record<string, string> = {};
  for (const file of [...inputs].sort()) {
    const digest = await fileDigest(file);
    if (digest) files[path.relative(root, file)] = digest;
  }
  await fs.writeFile(
    path.join(root, 'dist', STAMP_FILE),
    JSON.stringify({ version: 1, files }, null, 1),
  );
  return { ms: Math.round(performance.now() - started) };
}

export async function ensureTabBuild(
  root: string,
  log: (line: string) => void = () => undefined,
): Promise<{ built: boolean }> {
  if (await isTabBuildFresh(root)) return { built: false };
  log('Tabblad bouwen (webpack, productie)…');
  const { ms } = await buildTab(root);
  log(`Tabblad gebouwd in ${(ms / 1000).toFixed(1)} s.`);
  return { built: true };
}

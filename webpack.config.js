// The Teams tab bundle and, separately, the local Teams host page (a development and test tool
// that must never ship with the tab: it gets its own output folder).
const { createHash } = require('crypto');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

// ts-loader compiles for the bundler, not for Node: ES modules let webpack tree-shake Fluent UI
// and teams-js; `bundler` resolution matches how webpack resolves packages.
const tsRule = {
  test: /\.tsx?$/,
  loader: 'ts-loader',
  exclude: /node_modules/,
  options: {
    transpileOnly: true,
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false },
  },
};

const common = (mode) => ({
  mode,
  devtool: mode === 'development' ? 'eval-cheap-module-source-map' : false,
  resolve: {
    extensions: ['.tsx', '.ts', '.js', '.mjs'],
    // TypeScript's node16 resolution wants `import('./x.js')` for ./x.tsx; map it back.
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
  },
  module: { rules: [tsRule] },
  // The budgets are checked by `npm run bench` (initial JS ≤ 250 KB gzip), not by webpack's
  // uncompressed hints.
  performance: { hints: false },
  stats: 'errors-warnings',
});

const tabHtml = `<!doctype html>
<html lang="nl-BE">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Functiewijzer</title>
    <!-- Fetched while the scripts download: the tab cannot start without it. -->
    <link rel="preload" href="/config.json" as="fetch" crossorigin="anonymous" />
  </head>
  <body>
    <div id="root"></div>
    <noscript>Functiewijzer heeft JavaScript nodig. Schakel JavaScript in en laad de pagina opnieuw.</noscript>
  </body>
</html>
`;

const redirectHtml = `<!doctype html>
<html lang="nl-BE">
  <head>
    <meta charset="utf-8" />
    <title>Aanmelden – Functiewijzer</title>
  </head>
  <body></body>
</html>
`;

// `npm run build -- --env name=prod`: also writes dist/tab/staticwebapp.config.json for Azure
// Static Web Apps, with the CSP and headers of the local server (src/cli/static-web-app.ts, which
// shares the TypeScript of src/cli/tab-server, loaded through tsx) from env/.env.prod. A build
// without a name writes none: the policy names the tenant's SharePoint host.
function loadTypeScript(file) {
  try {
    // Under tsx (npm start) or jest, TypeScript is already loadable.
    return require(file);
  } catch (error) {
    if (!(error instanceof SyntaxError) && error.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    return require('tsx/cjs/api').require(file, __filename);
  }
}

class StaticWebAppConfigPlugin {
  constructor(envName, root) {
    this.envName = envName;
    this.root = root;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('StaticWebAppConfig', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'StaticWebAppConfig', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          try {
            const { staticWebAppConfigJson, STATIC_WEB_APP_CONFIG_FILE } = loadTypeScript(
              './src/cli/static-web-app.ts',
            );
            compilation.emitAsset(
              STATIC_WEB_APP_CONFIG_FILE,
              new sources.RawSource(staticWebAppConfigJson(this.root, this.envName)),
            );
          } catch (error) {
            compilation.errors.push(
              new WebpackError(
                `staticwebapp.config.json: ${error instanceof Error ? error.message : String(error)}`,
              ),
            );
          }
        },
      );
    });
  }
}

// The app-shell service worker (src/tab/sw/, docs/service-worker.md): an entry of its own in
// production builds, written as sw.js (a fixed name: the browser checks that URL for updates).
const SHELL_WORKER_ENTRY = 'sw';
const SHELL_MANIFEST_PLACEHOLDER = /(["'])__FUNCTIEWIJZER_SHELL_MANIFEST__\1/g;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * Writes this build's manifest into sw.js: index.html's digest and every script the tab's page
 * can load — its initial scripts and all their lazy chunks, webpack's own chunk graph, so none is
 * forgotten or added by a name pattern. Not the sign-in pages' scripts (their pages are not
 * cached) and not the import page's Web Worker entry (an async entrypoint, not a lazy chunk of
 * the page; the HTTP cache keeps it). Runs after webpack's real content hashes and
 * HtmlWebpackPlugin, so the names are the final ones.
 */
class ShellWorkerPlugin {
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ShellWorker', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'ShellWorker', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        () => {
          const fail = (message) => compilation.errors.push(new WebpackError(`sw.js: ${message}`));
          const entry = compilation.entrypoints.get('tab');
          const page = compilation.getAsset('index.html');
          const worker = compilation.getAsset('sw.js');
          if (!entry || !page || !worker) return fail('tab entry, index.html or sw.js missing');
          const scripts = new Set();
          for (const chunk of entry.chunks) {
            for (const member of [chunk, ...chunk.getAllAsyncChunks()]) {
              for (const file of member.files) if (file.endsWith('.js')) scripts.add(`/${file}`);
            }
          }
          const pageDigest = sha256(page.source.buffer());
          const sorted = [...scripts].sort();
          // Static Web Apps serves the page with this file's headers (its CSP): a new policy is a
          // new sw.js, so the cached page is fetched again with it.
          const hosting = compilation.getAsset('staticwebapp.config.json');
          const headers = hosting ? sha256(hosting.source.buffer()) : '';
          const manifest = {
            version: sha256(`${pageDigest}\n${sorted.join('\n')}\n${headers}`).slice(0, 16),
            pageDigest,
            scripts: sorted,
          };
          const source = worker.source.source().toString();
          const found = source.match(SHELL_MANIFEST_PLACEHOLDER) ?? [];
          if (found.length !== 1) return fail(`${found.length} manifest placeholders, expected 1`);
          compilation.updateAsset(
            'sw.js',
            new sources.RawSource(
              source.replace(SHELL_MANIFEST_PLACEHOLDER, () =>
                JSON.stringify(JSON.stringify(manifest)),
              ),
            ),
          );
        },
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  // `envRoot` only for tests: where env/.env.<name> is read from.
  const staticWebApp =
    typeof env.name === 'string'
      ? [
          new StaticWebAppConfigPlugin(
            env.name,
            typeof env.envRoot === 'string' ? env.envRoot : __dirname,
          ),
        ]
      : [];

  // Development builds get no worker: a cached shell would hide every edit (src/tab/sw/register.ts
  // unregisters one a production build left behind).
  const shellWorker = mode === 'production';
  const tab = {
    ...common(mode),
    name: 'tab',
    entry: {
      tab: './src/tab/index.tsx',
      // Tenant mode's sign-in popup lands here (MSAL_REDIRECT_PATH): it must load nothing else.
      'auth-redirect': './src/auth/msal-redirect.ts',
      // Teams' own sign-in window where NAA is not offered (TEAMS_SIGN_IN_PATH).
      'auth-teams': './src/auth/msal-teams-sign-in.ts',
      // Its own runtime (`runtime: false`), not runtimeChunk's shared one: a worker loads one file.
      ...(shellWorker
        ? {
            [SHELL_WORKER_ENTRY]: {
              import: './src/tab/sw/sw.ts',
              filename: 'sw.js',
              runtime: false,
            },
          }
        : {}),
    },
    output: {
      path: path.resolve(__dirname, 'dist/tab'),
      publicPath: '/',
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      clean: true,
    },
    optimization: {
      // Vendors in their own long-cached file: an app release does not invalidate React/Fluent.
      splitChunks: {
        // Every chunk but the worker's, which must stay one file.
        chunks: (chunk) => chunk.name !== SHELL_WORKER_ENTRY,
        cacheGroups: {
          vendor: {
            test: /[\\/]node_modules[\\/]/,
            name: 'vendor',
            // Only the tab's: the sign-in redirect page must stay tiny.
            chunks: (chunk) => chunk.name === 'tab',
            priority: -10,
          },
        },
      },
      runtimeChunk: 'single',
    },
    plugins: [
      new HtmlWebpackPlugin({
        templateContent: tabHtml,
        chunks: ['tab'],
        scriptLoading: 'defer',
        inject: 'head',
      }),
      new HtmlWebpackPlugin({
        templateContent: redirectHtml,
        filename: 'auth-redirect.html',
        chunks: ['auth-redirect'],
        scriptLoading: 'defer',
        inject: 'head',
      }),
      new HtmlWebpackPlugin({
        templateContent: redirectHtml,
        filename: 'auth-teams.html',
        chunks: ['auth-teams'],
        scriptLoading: 'defer',
        inject: 'head',
      }),
      ...(shellWorker ? [new ShellWorkerPlugin()] : []),
      ...staticWebApp,
    ],
  };
  const teamsHost = {
    ...common(mode),
    name: 'teams-host',
    entry: { 'teams-host': './src/emulator/teams-host/teams-host.ts' },
    output: {
      path: path.resolve(__dirname, 'dist/teams-host'),
      publicPath: '/',
      filename: '[name].[contenthash].js',
      clean: true,
    },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/emulator/teams-host/teams-host.html',
        filename: 'teams-host.html',
        scriptLoading: 'defer',
        inject: 'head',
      }),
    ],
  };
  return [tab, teamsHost];
};

import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { envNameSchema, loadTenantConfig, toTenantRuntimeConfig } from '../config/tenant-config';
import {
  DEFAULT_EMULATOR_DATA,
  DEFAULT_EMULATOR_PORT,
  LOCAL_SITE,
  startLocalStack,
} from './local-stack';
import { startLocalTab, startTenantTab } from './tab-server';

/**
 * `npm start`: the whole product locally — the Graph emulator with provisioned lists and, on
 * first run, the two sample descriptions. Data lives in EMULATOR_DATA and survives restarts.
 * Then the tab and the local Teams host (tab-server/, on PORT, default 53000). Stays up until
 * Ctrl-C (or SIGTERM), then closes cleanly. The URLs are printed; a browser opens only on a
 * desktop, never with CI set.
 *
 * `npm start -- --https`: the same, with the tab over https and a local certificate.
 * `npm start -- --env <name>`: tenant mode for sideloading into a real Teams client — no
 * emulator; `env/.env.<name>` is validated (every missing value named) and served as
 * `/config.json`; always over https, because Teams and the sign-in redirect want https.
 */

const ROOT = path.resolve(__dirname, '..', '..');

export interface StartArgs {
  https: boolean;
  /** Tenant mode's environment (`env/.env.<name>`); null: local mode with the emulator. */
  envName: string | null;
}

export const START_USAGE =
  'Gebruik: npm start [-- --https] [-- --env <naam>]  (zie README.md en docs/deploy.md)';

/** The command line of `npm start`; an unknown or incomplete argument is named in Dutch. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  // Not strict: node's own messages are English; every unknown or incomplete argument is named
  // here in Dutch instead.
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: { https: { type: 'boolean' }, env: { type: 'string' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    const unknown =
      token.kind === 'positional' ||
      (token.kind === 'option' &&
        (token.name === 'https' ? token.inlineValue === true : token.name !== 'env'));
    if (unknown) throw new Error(`Onbekend argument "${argv[token.index]}". ${START_USAGE}`);
  }
  let envName: string | null = null;
  if (values.env !== undefined) {
    const value = typeof values.env === 'string' ? values.env : undefined;
    const parsed = envNameSchema.safeParse(value ?? '');
    if (!parsed.success) {
      throw new Error(
        `--env verwacht de naam van een omgeving (local, dev, prod: env/.env.<naam>), kreeg ${value === undefined ? 'niets' : `"${value}"`}. ${START_USAGE}`,
      );
    }
    envName = parsed.data;
  }
  // Tenant mode only makes sense over https: Teams loads nothing else.
  return { https: values.https === true || envName !== null, envName };
}

export interface Running {
  close(): Promise<void>;
}

const envSchema = z.object({
  EMULATOR_PORT: z.coerce
    .number()
    .int()
    .min(0, 'EMULATOR_PORT: een poortnummer van 0 tot 65535')
    .max(65535, 'EMULATOR_PORT: een poortnummer van 0 tot 65535')
    .default(DEFAULT_EMULATOR_PORT),
  EMULATOR_DATA: z.string().min(1).default(DEFAULT_EMULATOR_DATA),
});

export type StartEnv = z.infer<typeof envSchema>;

export function readStartEnv(env: NodeJS.ProcessEnv): StartEnv {
  const parsed = envSchema.safeParse({
    ...(env['EMULATOR_PORT'] ? { EMULATOR_PORT: env['EMULATOR_PORT'] } : {}),
    ...(env['EMULATOR_DATA'] ? { EMULATOR_DATA: env['EMULATOR_DATA'] } : {}),
  });
  if (!parsed.success) {
    throw new Error(
      `Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return parsed.data;
}

export async function start(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  argv: readonly string[] = [],
  root: string = ROOT,
): Promise<Running> {
  const args = parseStartArgs(argv);
  if (args.envName) return startTenant(args.envName, env, out, root);
  const settings = readStartEnv(env);
  out(`Functiewijzer start lokaal (gegevens in ${settings.EMULATOR_DATA})…`);
  const stack = await startLocalStack({
    port: settings.EMULATOR_PORT,
    dataDir: settings.EMULATOR_DATA,
    log: (line) => out(`  ${line}`),
  });
  out('');
  out(`Graph-emulator:     ${stack.emulator.graphBaseUrl}`);
  out(`Gebruikers/tokens:  ${stack.emulator.url}/_emulator/personas`);
  out(
    `SharePoint-site:    https://stadtienen.sharepoint.com/sites/functiewijzer (id ${stack.siteId})`,
  );
  const tab = await startLocalTab({
    root,
    emulatorUrl: stack.emulator.url,
    site: LOCAL_SITE,
    env,
    log: out,
    https: args.https,
  }).catch(async (error: unknown) => {
    await stack.close();
    throw error;
  });
  out('');
  out('Stoppen: Ctrl-C.');
  return { close: () => tab.close().finally(() => stack.close()) };
}

async function startTenant(
  envName: string,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  root: string,
): Promise<Running> {
  // Throws TenantConfigError naming every missing or invalid value at once.
  const tenant = loadTenantConfig({ root, envName, processEnv: env });
  out(`Functiewijzer start in tenantmodus met env/.env.${envName} (geen emulator)…`);
  out(`Microsoft Graph:    ${tenant.graphBaseUrl}`);
  out(`SharePoint-site:    ${tenant.sharePoint.siteUrl}`);
  out(`App-registratie:    ${tenant.clientId} (tenant ${tenant.tenantId})`);
  const tab = await startTenantTab({
    root,
    config: toTenantRuntimeConfig(tenant),
    tabEndpoint: tenant.tabEndpoint,
    env,
    log: out,
    https: true,
  });
  out(
    `Sideloaden: npm run package -- --env ${envName}, dan in Teams › Apps › Apps beheren › Een app uploaden (docs/deploy.md).`,
  );
  out('');
  out('Stoppen: Ctrl-C.');
  return tab;
}

if (require.main === module) {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  start(process.env, out, process.argv.slice(2)).then(
    (stack) => {
      let closing = false;
      const stop = (): void => {
        if (closing) return;
        closing = true;
        out('Functiewijzer stopt…');
        stack.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(
        `Functiewijzer kon niet starten: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

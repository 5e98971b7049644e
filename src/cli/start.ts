import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_EMULATOR_DATA, DEFAULT_EMULATOR_PORT, LOCAL_SITE, type LocalStack, startLocalStack } from './local-stack';
import { startLocalTab } from './tab-server';

/**
 * `npm start`: the whole product locally — the Graph emulator with provisioned lists and, on
 * first run, the two sample descriptions. Data lives in EMULATOR_DATA and survives restarts.
 * Then the tab and the local Teams host (tab-server.ts, on PORT, default 53000). Stays up until
 * Ctrl-C (or SIGTERM), then closes cleanly. The URLs are printed; a browser opens only on a
 * desktop, never with CI set.
 */

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
    throw new Error(`Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

export async function start(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<LocalStack> {
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
  out(`SharePoint-site:    https://stadtienen.sharepoint.com/sites/functiewijzer (id ${stack.siteId})`);
  const tab = await startLocalTab({
    root: path.resolve(__dirname, '..', '..'),
    emulatorUrl: stack.emulator.url,
    site: LOCAL_SITE,
    env,
    log: out,
  }).catch(async (error: unknown) => {
    await stack.close();
    throw error;
  });
  out('');
  out('Stoppen: Ctrl-C.');
  return { ...stack, close: () => tab.close().finally(() => stack.close()) };
}

if (require.main === module) {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  start(process.env, out).then(
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

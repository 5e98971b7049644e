import path from 'node:path';
import { z } from 'zod';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { personas } from '../emulator/tenant';
import { throttlingFromEnv } from '../emulator/throttling';

/**
 * `npm run emulator`: only the local Microsoft Graph emulator, on EMULATOR_PORT (default 53001)
 * with its data in EMULATOR_DATA (default .data/emulator in the project). Stays up until Ctrl-C.
 */

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const envSchema = z.object({
  EMULATOR_PORT: z.coerce
    .number({ message: 'EMULATOR_PORT moet een poortnummer zijn (0 tot 65535)' })
    .int('EMULATOR_PORT moet een geheel getal zijn')
    .min(0, 'EMULATOR_PORT moet tussen 0 en 65535 liggen')
    .max(65535, 'EMULATOR_PORT moet tussen 0 en 65535 liggen')
    .default(53001),
  EMULATOR_DATA: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, '.data', 'emulator')),
});

export function readEmulatorEnv(env: NodeJS.ProcessEnv): z.infer<typeof envSchema> {
  const parsed = envSchema.safeParse({
    ...(env['EMULATOR_PORT'] ? { EMULATOR_PORT: env['EMULATOR_PORT'] } : {}),
    ...(env['EMULATOR_DATA'] ? { EMULATOR_DATA: env['EMULATOR_DATA'] } : {}),
  });
  if (!parsed.success) {
    throw new Error(
      `Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return { ...parsed.data, EMULATOR_DATA: path.resolve(PROJECT_ROOT, parsed.data.EMULATOR_DATA) };
}

export async function runEmulator(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<RunningEmulator> {
  const settings = readEmulatorEnv(env);
  const emulator = await startEmulator({
    port: settings.EMULATOR_PORT,
    dataDir: settings.EMULATOR_DATA,
    quiet: true,
    throttling: throttlingFromEnv(env),
  });
  out(`Graph-emulator: ${emulator.graphBaseUrl}`);
  out(`Beheer-API:     ${emulator.url}/_emulator (health, personas, token, reset, faults)`);
  out(`Gegevens:       ${settings.EMULATOR_DATA}`);
  const throttling = throttlingFromEnv(env);
  if (throttling) {
    out(`Throttling:     zoals SharePoint, ${throttling.ruPerMinute} resource units per minuut`);
  }
  out('Gebruikers (POST /_emulator/token met {"upn": …}):');
  for (const p of personas()) out(`  ${p.role.padEnd(8)} ${p.displayName.padEnd(15)} ${p.upn}`);
  return emulator;
}

if (require.main === module) {
  runEmulator(process.env, (line) => console.log(line)).then(
    (emulator) => {
      const stop = (): void => {
        emulator.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const inUse = /EADDRINUSE/.test(message);
      console.error(
        inUse
          ? 'De poort van de emulator is al in gebruik. Stop het andere proces of kies een andere met EMULATOR_PORT.'
          : `De emulator start niet: ${message}`,
      );
      process.exit(1);
    },
  );
}

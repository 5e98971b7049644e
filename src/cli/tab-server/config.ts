import { z } from 'zod';
import {
  RUNTIME_CONFIG_PATH,
  tenantRuntimeConfigSchema,
  type RuntimeConfig,
} from '../../teams/runtime-config';

/** What the tab server is told to serve, and the port it reads from the environment. */

export const DEFAULT_TAB_PORT = 53000;
export const LOOPBACK = '127.0.0.1';

export type Scheme = 'http' | 'https';

/** The configuration the server hands out, minus `tabUrl`, which it only knows once listening. */
export type TabServerConfig =
  | Omit<Extract<RuntimeConfig, { mode: 'local' }>, 'tabUrl'>
  | Extract<RuntimeConfig, { mode: 'tenant' }>;

const PORT_MESSAGE = 'PORT: een poortnummer van 0 tot 65535 (0 kiest een vrije poort)';

export const tabServerEnvSchema = z.object({
  PORT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: PORT_MESSAGE })
      .int(PORT_MESSAGE)
      .min(0, PORT_MESSAGE)
      .max(65535, PORT_MESSAGE)
      .default(DEFAULT_TAB_PORT),
  ),
});

/** The tab server's settings from the environment; an invalid value is named in Dutch. */
export function readTabServerEnv(env: NodeJS.ProcessEnv): { port: number } {
  const parsed = tabServerEnvSchema.safeParse({ PORT: env['PORT'] });
  if (!parsed.success) {
    throw new Error(
      `Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return { port: parsed.data.PORT };
}

/** A tenant configuration the tab would refuse must not be served: say what is wrong now. */
export function checkedConfig(config: TabServerConfig): TabServerConfig {
  if (config.mode !== 'tenant') return config;
  const parsed = tenantRuntimeConfigSchema.safeParse(config);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(geheel)');
    throw new Error(
      `De tenantconfiguratie voor ${RUNTIME_CONFIG_PATH} is ongeldig: ${[...new Set(fields)].join(', ')}.`,
    );
  }
  return parsed.data;
}

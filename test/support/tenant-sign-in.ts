import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorTokens } from '../../src/cli/local-stack';
import type { TenantTokens } from '../../src/cli/tenant-sign-in';
import { startEmulator } from '../../src/emulator/server';
import { startedAround } from './started-around';

/**
 * The tenant commands (`provision --tenant`, `import --tenant`) with the device-code sign-in
 * replaced by the emulator's tokens (the sign-in itself is tested at msal-node's boundary in
 * test/cli/tenant-sign-in.test.ts): everything after the sign-in is the tenant path.
 */

export const TENANT_SITE = 'https://stadtienen.sharepoint.com/sites/functiewijzer';
const SHAREPOINT_ORIGIN = 'https://stadtienen.sharepoint.com';

/** The app registration's flags, as IT passes them. */
export const TENANT_REGISTRATION = [
  '--client-id',
  '3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
  '--tenant-id',
  'stadtienen.onmicrosoft.com',
];

export type TenantEmulator = Awaited<ReturnType<typeof startEmulator>>;

/** An emulator in its own data folder for the tests of the file (or block) it is called in. */
export function useTenantEmulator(name: string): TenantEmulator {
  let dataDir = '';
  return startedAround(
    async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), `functiewijzer-${name}-`));
      return startEmulator({ port: 0, dataDir, quiet: true });
    },
    async (emulator) => {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  );
}

/** What a device-code sign-in as `upn` gives: a Graph token and one for the site's SharePoint. */
export function fakeTenantTokens(emulator: TenantEmulator, upn: string): TenantTokens {
  return {
    account: upn,
    graph: emulatorTokens(emulator.url, upn),
    sharePoint: emulatorTokens(emulator.url, upn, SHAREPOINT_ORIGIN),
  };
}

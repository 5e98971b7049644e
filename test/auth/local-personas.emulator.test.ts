import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalPersonaTokenProvider } from '../../src/auth/local-personas';
import { TokenUnavailableError } from '../../src/auth/token-provider';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server';

/** The local persona provider against the real emulator (in-process, fresh data directory). */

let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'personas-'));
  emulator = await startEmulator({ port: 0, dataDir, quiet: true });
});
afterAll(async () => {
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function me(token: string): Promise<{ userPrincipalName: string }> {
  const response = await fetch(`${emulator.graphBaseUrl}/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { userPrincipalName: string };
}

describe('local persona tokens from the emulator', () => {
  it('offers a medewerker, HR and an algemeen directeur', async () => {
    const provider = createLocalPersonaTokenProvider({ emulatorUrl: emulator.url });
    const roles = (await provider.listPersonas()).map((p) => p.role);
    expect(roles).toEqual(expect.arrayContaining(['staff', 'hr', 'approver']));
  });

  it('acts as whichever persona is chosen, as Graph sees it', async () => {
    const provider = createLocalPersonaTokenProvider({ emulatorUrl: emulator.url });
    const personas = await provider.listPersonas();
    for (const persona of personas.slice(0, 3)) {
      provider.setPersona(persona.upn);
      expect((await me(await provider.getToken())).userPrincipalName).toBe(persona.upn);
    }
  });

  it('refuses a user the emulator does not know, with a Dutch explanation', async () => {
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: emulator.url,
      initialUpn: 'onbekend@stadtienen.onmicrosoft.com',
    });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as Error).message).toMatch(/HTTP 404/);
  });
});

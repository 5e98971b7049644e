import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalPersonaTokenProvider } from '../../../src/auth/local-personas';
import { GROUP_IDS } from '../../../src/emulator/tenant';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { identityFromGroups } from '../../../src/tab/host/permissions';
import { readSignedInUser } from '../../../src/tab/host/repositories';

/**
 * Tenant mode's "who am I and what may I do", against the real emulator's Graph: `/me` and
 * `/me/transitiveMemberOf` for each persona, decided with the emulator's group ids as a tenant
 * configuration would name them (HR = "Functiewijzer Leden", approvers = "… Goedkeurders").
 */

let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'signed-in-user-'));
  emulator = await startEmulator({ port: 0, dataDir, quiet: true });
});
afterAll(async () => {
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

const GROUPS = { hr: GROUP_IDS.members, approvers: GROUP_IDS.approvers.toUpperCase() };

it('decides every persona’s permissions from the groups Graph reports for them', async () => {
  const tokenProvider = createLocalPersonaTokenProvider({ emulatorUrl: emulator.url });
  const personas = await tokenProvider.listPersonas();
  const decided = [];
  for (const persona of personas.filter((p) => p.role !== 'admin')) {
    tokenProvider.setPersona(persona.upn);
    const me = await readSignedInUser({ graphBaseUrl: emulator.graphBaseUrl, tokenProvider });
    expect(me.person.userPrincipalName).toBe(persona.upn);
    // The persona list's role is the emulator's own view; Graph's groups must agree with it.
    const { role } = identityFromGroups(me.memberOf, GROUPS);
    expect(role).toBe(persona.role);
    decided.push(role);
  }
  expect(new Set(decided)).toEqual(new Set(['staff', 'hr', 'approver']));
});

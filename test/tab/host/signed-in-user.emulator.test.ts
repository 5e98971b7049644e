import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalPersonaTokenProvider } from '../../../src/auth/local-personas';
import { GROUP_IDS } from '../../../src/emulator/tenant';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { identityOf, LOCAL_GROUPS } from '../../../src/services/identity';
import { readSignedInUser } from '../../../src/tab/host/repositories';

/**
 * "Who am I and what may I do", against the real emulator's Graph: `/me` and
 * `/me/transitiveMemberOf` for each persona, decided with the group ids local mode configures
 * (HR = "Functiewijzer Leden", approvers = "… Goedkeurders", IT = "… Eigenaars").
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

it("local mode's configured groups are the emulator's groups", () => {
  expect(LOCAL_GROUPS).toEqual({
    hr: GROUP_IDS.members,
    approvers: GROUP_IDS.approvers,
    it: GROUP_IDS.owners,
  });
});

it('decides every persona’s permissions from the groups Graph reports for them', async () => {
  const tokenProvider = createLocalPersonaTokenProvider({ emulatorUrl: emulator.url });
  const personas = await tokenProvider.listPersonas();
  const decided = [];
  // Ids compare case-insensitively: a configuration may write them in capitals.
  const groups = { ...LOCAL_GROUPS, approvers: LOCAL_GROUPS.approvers.toUpperCase() };
  for (const persona of personas) {
    tokenProvider.setPersona(persona.upn);
    const me = await readSignedInUser({ graphBaseUrl: emulator.graphBaseUrl, tokenProvider });
    expect(me.person.userPrincipalName).toBe(persona.upn);
    // The persona list's role is the emulator's own view; Graph's groups must agree with it.
    const { primaryRole } = identityOf(me.person, me.memberOf, groups);
    expect(primaryRole === 'it' ? 'admin' : primaryRole).toBe(persona.role);
    decided.push(primaryRole);
  }
  expect(new Set(decided)).toEqual(new Set(['staff', 'hr', 'approver', 'it']));
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalPersonaTokenProvider } from '../../../src/auth/local-personas';
import {
  LOCAL_SITE,
  PERSONAS,
  startLocalStack,
  type LocalStack,
} from '../../../src/cli/local-stack';
import { NotFoundError } from '../../../src/graph/errors';
import { createTabRepositories } from '../../../src/tab/host/repositories';

/**
 * The tab's port to the data layer against the real emulator with the local stack's sample
 * data (provisioned lists, the two sample descriptions with their approval lines).
 */

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tab-repositories-'));
  stack = await startLocalStack({ port: 0, dataDir });
}, 60_000);
afterAll(async () => {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
});

function repositoriesFor(upn: string) {
  const tokenProvider = createLocalPersonaTokenProvider({
    emulatorUrl: stack.emulator.url,
    initialUpn: upn,
  });
  return {
    tokenProvider,
    repositories: createTabRepositories({
      graphBaseUrl: stack.emulator.graphBaseUrl,
      site: LOCAL_SITE,
      tokenProvider,
    }),
  };
}

describe('tab repositories', () => {
  it('lists the catalogue for a member of staff, with the derived status', async () => {
    const { repositories } = repositoriesFor(PERSONAS.staff);
    const catalogue = await repositories.listCatalogue();
    const ict = catalogue.find((entry) => entry.key === 'deskundige-ict');
    expect(ict).toMatchObject({
      title: 'Deskundige ICT',
      kind: 'functiebeschrijving',
      department: 'Algemeen beheer',
      service: 'ICT',
      careerPath: 'B1-B3',
      // The local stack writes the samples' approval lines with the director's token, so the
      // imported decision counts (docs/approval.md, "Which decisions count").
      status: { kind: 'approved', date: '2023-02-09', imported: true },
    });
    expect(ict?.competencies.length).toBe(39);
    expect(catalogue.length).toBeGreaterThanOrEqual(2);
  });

  it('reads one role with its approval and the competency dictionary', async () => {
    const { repositories } = repositoriesFor(PERSONAS.staff);
    const role = await repositories.getRole('deskundige-ict');
    expect(role.description.title).toBe('Deskundige ICT');
    expect(role.description.approval).toEqual({
      approvedBy: 'algemeen directeur',
      decisionDate: '2023-02-09',
    });
    expect(role.status).toMatchObject({ kind: 'approved', date: '2023-02-09', imported: true });
    const dictionary = await repositories.listCompetencies();
    expect(dictionary.length).toBeGreaterThan(39);
    expect(dictionary[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), levels: expect.any(Array) }),
    );
  });

  it('answers an unknown role with NotFound, never with HTTP', async () => {
    const { repositories } = repositoriesFor(PERSONAS.staff);
    await expect(repositories.getRole('bestaat-niet')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gets a new token once when Graph no longer accepts the cached one', async () => {
    const { repositories, tokenProvider } = repositoriesFor(PERSONAS.staff);
    await repositories.listCatalogue();
    // A token the emulator never issued stands for one it no longer knows (after a reset).
    const stale = 'eyJ0eXAiOiJKV1QifQ.e30.verlopen';
    const realGetToken = tokenProvider.getToken.bind(tokenProvider);
    let served = 0;
    tokenProvider.getToken = () => (served++ === 0 ? Promise.resolve(stale) : realGetToken());
    const catalogue = await repositories.listCatalogue();
    expect(catalogue.length).toBeGreaterThanOrEqual(2);
    expect(served).toBeGreaterThanOrEqual(2);
  });
});

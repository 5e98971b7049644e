import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalPersonaTokenProvider } from '../../src/auth/local-personas';
import { LOCAL_SITE, PERSONAS, startLocalStack, type LocalStack } from '../../src/cli/local-stack';
import { writeDescriptions } from '../../src/graph/import-writer';
import { createRepositories } from '../../src/graph/repositories';
import { createTabRepositories } from '../../src/tab/host/repositories';
import { HOSTILE, HOSTILE_KEY, hostileDescription } from './payloads';

/**
 * Hostile text written through Graph (the real graph client, HR's token) into the emulator and
 * read back through the data layer and the tab's port: byte for byte what was written, no
 * field cut, escaped, stripped or normalised on the way.
 */

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hostile-roundtrip-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
}, 60_000);
afterAll(async () => {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('hostile list content through Graph', () => {
  test('is written by HR and read back unchanged by the repositories and the tab', async () => {
    const written = hostileDescription();
    const hr = createRepositories(stack.clientFor(PERSONAS.hr), stack.site);
    const report = await writeDescriptions([written], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    expect(report.failed).toBe(false);
    expect(report.documents[0]).toMatchObject({ ok: true, action: 'created', mismatch: false });

    // Read as a member of staff, through the tab's own port.
    const tab = createTabRepositories({
      graphBaseUrl: stack.emulator.graphBaseUrl,
      site: LOCAL_SITE,
      tokenProvider: createLocalPersonaTokenProvider({
        emulatorUrl: stack.emulator.url,
        initialUpn: PERSONAS.staff,
      }),
    });
    const detail = await tab.getRole(HOSTILE_KEY);
    expect(detail.description.title).toBe(written.title);
    expect(detail.description.department).toBe(HOSTILE.rtl);
    expect(detail.description.service).toBe(HOSTILE.zeroWidth);
    expect(detail.description.grade).toBe(HOSTILE.jsUrl);
    expect(detail.description.purpose).toBe(HOSTILE.img);
    expect(detail.description.mainTasks).toEqual([HOSTILE.link, HOSTILE.long]);
    expect(detail.description.mainTasks[1]).toHaveLength(HOSTILE.long.length);
    expect(detail.description.resultAreas).toEqual(written.resultAreas);
    expect(detail.description.competencies.map((c) => c.name)).toEqual([HOSTILE.emoji]);
    expect(detail.description.technicalKnowledge).toEqual([HOSTILE.rtl]);

    const entry = (await tab.listCatalogue()).find((e) => e.key === HOSTILE_KEY);
    expect(entry?.title).toBe(written.title);
    expect(entry?.department).toBe(HOSTILE.rtl);
    // The dictionary entry the import created carries the emoji name and the markup definition.
    const dictionary = await tab.listCompetencies();
    expect(dictionary.find((c) => c.name === HOSTILE.emoji)?.definition).toBe(HOSTILE.link);
  }, 60_000);

  test('a second import of the same hostile content is recognised as unchanged', async () => {
    const hr = createRepositories(stack.clientFor(PERSONAS.hr), stack.site);
    const report = await writeDescriptions([hostileDescription()], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    // The content hash over the hostile text is stable through SharePoint: no spurious update.
    expect(report.documents[0]).toMatchObject({ ok: true, action: 'unchanged' });
  }, 60_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorTokens, LOCAL_SITE, PERSONAS } from '../../src/cli/local-stack';
import { contentOf } from '../../src/domain/content-hash';
import { createGraphClient } from '../../src/graph/client';
import { writeDescriptions } from '../../src/graph/import-writer';
import { createRepositories } from '../../src/graph/repositories';
import { loadSiteLists, resolveSiteId } from '../../src/graph/site';
import { functiebeschrijving } from '../graph/fixtures';

/**
 * The local stack (what `npm start` runs before the tab server) as a separate process, killed
 * with SIGKILL (no chance to flush or close) and started again on the same data directory:
 * everything acknowledged must still be there.
 */

const ROOT = path.join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startStack(port: number, dataDir: string): { child: ChildProcess; output: () => string } {
  const chunks: string[] = [];
  // One process (tsx as a loader, not as a wrapper that forks), in its own process group.
  const script = `
    const { startLocalStack } = require('./src/cli/local-stack');
    startLocalStack({ port: Number(process.env.STACK_PORT), dataDir: process.env.STACK_DATA, seed: false })
      .then((stack) => console.log('KLAAR ' + stack.emulator.url + ' wijzigingen=' + stack.provisioned.length), (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, STACK_PORT: String(port), STACK_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { child, output: () => chunks.join('') };
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`start stopte (${child.exitCode}):\n${output()}`);
    // Ready means provisioned: the script prints KLAAR after that.
    if (output().includes('KLAAR')) {
      const ok = await fetch(`${url}/_emulator/personas`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`start niet klaar:\n${output()}`);
}

/** SIGKILL to the whole group: no handler runs, nothing is flushed or closed. */
function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  });
}

describe('persistence across kill -9 [emulator]', () => {
  let dataDir: string;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-kill-'));
  });
  afterAll(async () => {
    for (const child of running) await killed(child);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps an imported role and its decision after SIGKILL and a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startStack(port, dataDir);
    running.push(first.child);
    await waitUntilReady(url, first.child, first.output);

    const client = (upn: string) =>
      createGraphClient({ baseUrl: `${url}/v1.0`, getToken: emulatorTokens(url, upn) });
    const site = await loadSiteLists(
      client(PERSONAS.hr),
      await resolveSiteId(client(PERSONAS.hr), LOCAL_SITE),
    );
    const doc = functiebeschrijving({ key: 'overleeft-kill' });
    const hr = createRepositories(client(PERSONAS.hr), site);
    const report = await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: createRepositories(client(PERSONAS.admin), site).decisions,
    });
    expect(report.failed).toBe(false);

    await killed(first.child);

    const second = startStack(port, dataDir);
    running.push(second.child);
    await waitUntilReady(url, second.child, second.output);
    const again = createRepositories(client(PERSONAS.staff), site);
    const role = await again.roles.getByKey(doc.key);
    expect(role.content).toEqual(contentOf(doc));
    expect(role.decisions.map((d) => d.imported)).toEqual([true]);
    // The second start found the lists as they should be.
    expect(second.output()).toContain('wijzigingen=0');
    await killed(second.child);
  }, 180_000);
});

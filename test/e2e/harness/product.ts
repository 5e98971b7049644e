import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts the product exactly as a person does — `npm start` — on free loopback ports and a fresh
 * data directory, with CI set so no browser window opens. Stops it, and everything it spawned,
 * by its process group.
 */

export interface RunningProduct {
  tabUrl: string;
  teamsHostUrl: string;
  emulatorUrl: string;
  dataDir: string;
  /** Everything the product printed so far (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`npm start stopte (code ${child.exitCode}) vóór ${what}:\n${output()}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} niet bereikt binnen ${timeoutMs / 1000} s:\n${output()}`);
}

export interface StartOptions {
  root: string;
  /** Extra environment, e.g. a bench data size. */
  env?: Record<string, string>;
  /** The first start builds the tab: on a shared two-core machine that takes a while. */
  timeoutMs?: number;
  /** Print the product's output as it comes (for debugging). */
  echo?: boolean;
}

export async function startProduct(options: StartOptions): Promise<RunningProduct> {
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-e2e-'));
  const chunks: string[] = [];
  const child = spawn('npm', ['start', '--silent'], {
    cwd: options.root,
    env: {
      ...process.env,
      ...options.env,
      CI: 'true',
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_DATA: dataDir,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const output = () => chunks.join('');

  const tabUrl = `http://127.0.0.1:${port}/`;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      'het tabblad op ' + tabUrl,
      async () => (await fetch(`${tabUrl}config.json`)).ok,
      child,
      options.timeoutMs ?? 300_000,
      output,
    );
    await waitFor(
      'de gebruikers van de emulator',
      async () => (await fetch(`${emulatorUrl}/_emulator/personas`)).ok,
      child,
      30_000,
      output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  // npm start must print where things are (issue #4, item 7).
  if (!output().includes(tabUrl)) {
    await stop();
    throw new Error(`npm start drukte de URL van het tabblad (${tabUrl}) niet af:\n${output()}`);
  }
  return {
    tabUrl,
    teamsHostUrl: `${tabUrl}teams-host.html`,
    emulatorUrl,
    dataDir,
    output,
    stop,
  };
}

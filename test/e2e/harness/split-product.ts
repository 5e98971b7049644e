import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphImportWrite, LOCAL_SITE, SAMPLES_DIR } from '../../../src/cli/local-stack';
import { startLocalTab } from '../../../src/cli/tab-server';
import type { FunctionDescription } from '../../../src/domain/schema';
import { importFile } from '../../../src/import/import-file';
import { freePort, type RunningProduct } from './product';

/**
 * The product with its Graph emulator in a process of its own (`npm run emulator`), so a fault
 * scenario can kill it with SIGKILL — a crash, no clean shutdown — and start it again on the
 * same port and data directory, while the tab (served from this process) stays open in the
 * browser. Only the kill/restart scenarios use this; every other scenario runs on `npm start`.
 */

export interface EmulatorProcess {
  url: string;
  dataDir: string;
  /** SIGKILL, and wait until the process is gone (the port is then closed). */
  kill(): Promise<void>;
  /** Start it again on the same port and data directory; resolves once it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

const root = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(root, 'node_modules', '.bin', 'tsx');

/** The emulator alone, as `npm run emulator` runs it, in its own process group. */
export async function startEmulatorProcess(
  options: { port?: number; dataDir?: string } = {},
): Promise<EmulatorProcess> {
  const port = options.port ?? (await freePort());
  const dataDir =
    options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'functiewijzer-e2e-emulator-')));
  const url = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const started = spawn(TSX, [path.join(root, 'src', 'cli', 'emulator.ts')], {
      cwd: root,
      env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_DATA: dataDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    started.stderr?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    child = started;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) {
        throw new Error(`de emulator stopte (code ${started.exitCode}):\n${chunks.join('')}`);
      }
      const up = await fetch(`${url}/_emulator/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`de emulator antwoordt niet op ${url}:\n${chunks.join('')}`);
  };

  const signal = async (name: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    try {
      process.kill(-running.pid, name);
    } catch {
      // already gone
    }
    await exited;
  };

  await launch();
  return {
    url,
    dataDir,
    kill: () => signal('SIGKILL'),
    restart: async () => {
      await signal('SIGKILL');
      await launch();
    },
    stop: async () => {
      await signal('SIGTERM');
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    output: () => chunks.join(''),
  };
}

/** The two sample documents, written as `npm start` does on a first run (through Graph). */
export async function seedSamples(emulatorUrl: string): Promise<void> {
  const files = (await readdir(SAMPLES_DIR)).filter((f) => /\.(txt|docx|pdf)$/i.test(f)).sort();
  const descriptions: FunctionDescription[] = [];
  for (const file of files) {
    const result = await importFile(path.join(SAMPLES_DIR, file));
    if (!result.ok) throw new Error(`voorbeeld ${file} niet ingelezen`);
    descriptions.push(result.description);
  }
  const write = graphImportWrite({ EMULATOR_URL: emulatorUrl }, { isTTY: false, write: () => 0 });
  const report = await write(descriptions);
  if (report.failed) throw new Error(`voorbeelden niet geladen:\n${report.summary}`);
}

export interface SplitProduct extends RunningProduct {
  emulator: EmulatorProcess;
}

/** Emulator in its own process, provisioned and seeded; the tab served from this process. */
export async function startSplitProduct(): Promise<SplitProduct> {
  const emulator = await startEmulatorProcess();
  try {
    await seedSamples(emulator.url);
    const tab = await startLocalTab({
      root,
      emulatorUrl: emulator.url,
      site: LOCAL_SITE,
      env: { PORT: '0', CI: 'true' },
      log: () => undefined,
    });
    return {
      tabUrl: tab.url,
      teamsHostUrl: tab.teamsHostUrl ?? `${tab.url}teams-host.html`,
      emulatorUrl: emulator.url,
      dataDir: emulator.dataDir,
      output: emulator.output,
      emulator,
      stop: async () => {
        await tab.close();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

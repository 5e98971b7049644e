import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitWhenDone, type LoadedBenchmarks, runBench } from '../../src/cli/bench';
import * as browserBenchmark from '../../src/cli/bench/browser';
import { type Benchmark, withResources } from '../../src/cli/bench-kit';
import { capture, loaded } from './bench-support';

/**
 * The bench ends when one of its parts fails, instead of hanging with the emulator open: what a
 * part opened is closed again, the error is printed in Dutch, the exit code is 1.
 */

describe('withResources', () => {
  it('closes what was opened, last first, and rethrows the failure', async () => {
    const closed: string[] = [];
    await expect(
      withResources(async (defer) => {
        defer(() => closed.push('emulator'));
        defer(() => Promise.reject(new Error('tabbladserver sluit niet')));
        defer(() => closed.push('browser'));
        throw new Error('Chromium start niet');
      }),
    ).rejects.toThrow('Chromium start niet');
    // The failing close did not stop the emulator's.
    expect(closed).toEqual(['browser', 'emulator']);
  });

  it('returns what the body made, and fails when a close fails after a good run', async () => {
    const closed: string[] = [];
    expect(
      await withResources(async (defer) => {
        defer(() => closed.push('a'));
        return 42;
      }),
    ).toBe(42);
    expect(closed).toEqual(['a']);
    await expect(
      withResources(async (defer) => {
        defer(() => Promise.reject(new Error('niet gesloten')));
        return 1;
      }),
    ).rejects.toThrow('niet gesloten');
  });
});

/** True when nothing listens on the URL's port any more. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('a bench run whose part fails', () => {
  let root: string;
  beforeAll(async () => {
    // A project that counts as built (an empty build stamp), so the browser bench runs no webpack.
    root = await mkdtemp(join(tmpdir(), 'fw-bench-browser-'));
    await mkdir(join(root, 'dist', 'tab'), { recursive: true });
    await mkdir(join(root, 'dist', 'teams-host'), { recursive: true });
    await writeFile(join(root, 'dist/tab/index.html'), '<!doctype html><script src="/tab.js">');
    await writeFile(join(root, 'dist/tab/tab.js'), 'void 0;');
    await writeFile(join(root, 'dist/teams-host/teams-host.html'), '<!doctype html>');
    await writeFile(join(root, 'dist/.build-stamp.json'), '{"version":1,"files":{}}');
    // A Chromium that exists but does not start, as a broken install.
    await writeFile(join(root, 'chromium'), '#!/bin/sh\necho kapot >&2\nexit 1\n', { mode: 0o755 });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const browserWith = (chromiumPath: string): Benchmark => ({
    name: 'browser',
    run: (options) => browserBenchmark.measureBrowser(options, { root, chromiumPath }),
  });

  it('fails (1) with the Dutch error when Chromium does not start, the emulator and tab server it opened closed', async () => {
    const c = capture();
    const load = (): Promise<LoadedBenchmarks> => loaded([browserWith(join(root, 'chromium'))]);
    expect(await runBench(['--only', 'browser', '--roles', '12'], c.io, load)).toBe(1);
    expect(c.err()).toMatch(/benchmark 'browser' mislukt: Chromium \(.*chromium\) start niet: /);
    const opened = /browser: emulator op (\S+), tabblad op (\S+)/.exec(c.err());
    expect(opened).not.toBeNull();
    expect(await refused(opened?.[1] ?? '')).toBe(true);
    expect(await refused(opened?.[2] ?? '')).toBe(true);
  }, 120_000);

  it('says where Chromium was looked for, before opening anything, when it is missing', async () => {
    const c = capture();
    const load = (): Promise<LoadedBenchmarks> =>
      loaded([browserWith(join(root, 'geen-chromium'))]);
    expect(await runBench(['--only', 'browser', '--roles', '12'], c.io, load)).toBe(1);
    expect(c.err()).toMatch(
      /mislukt: Chromium niet gevonden op .*geen-chromium: installeer het .* of zet CHROMIUM_PATH/,
    );
    expect(c.err()).not.toMatch(/emulator op/);
  });

  it('ends `npm run bench` with exit code 1 and the error on stderr', async () => {
    // The CLI as a process, loaded as `npm run bench` loads it (tsx), without npm's start-up.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bench.ts', '--only', 'browser', '--roles', '12'],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, CHROMIUM_PATH: join(root, 'geen-chromium') },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/benchmark 'browser' mislukt: Chromium niet gevonden/);
    expect(stderr).not.toMatch(/bleef open/);
  });

  it('still exits, naming what stayed open, when a part left something running', async () => {
    const c = capture();
    const exitCode = (runCode: number): Promise<number> =>
      new Promise((resolve) =>
        exitWhenDone(runCode, {
          graceMs: 1,
          stderr: c.io.stderr,
          exit: resolve,
          setExitCode: () => undefined,
          openResources: () => ['TCPServerWrap', 'Timeout', 'Timeout'],
        }),
      );
    // Good figures are no excuse for a leak; a failed run keeps its own code.
    expect(await exitCode(0)).toBe(1);
    expect(await exitCode(2)).toBe(2);
    expect(c.err()).toMatch(/iets bleef open \(TCPServerWrap, Timeout ×2\); het proces stopt nu/);
  });
});

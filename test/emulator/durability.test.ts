import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startEmulator } from '../../src/emulator/server';
import { PRODUCT_SITE } from '../../src/emulator/tenant';
import type { Body } from './helpers';

/**
 * `kill -9` in the middle of a stream of writes: every write that was acknowledged is there after
 * a restart, complete, and nothing is half-written (an item without its version, a counter
 * behind its items, a field missing from an item).
 */

const ROOT = resolve(__dirname, '..', '..');
const SITE = PRODUCT_SITE.id;
let child: ChildProcess | null = null;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'fw-emu-kill-'));
});
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startChild(): Promise<{ url: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/emulator.ts'], {
    cwd: ROOT,
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Graph-emulator: (http:\/\/127\.0\.0\.1:\d+)\/v1\.0/.exec(out);
      if (m) resolvePromise({ url: m[1] as string, process: proc });
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.on('exit', (code) => reject(new Error(`emulator exited (${code ?? 'signal'}): ${err}`)));
  });
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${url}/v1.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function tokenFor(url: string, upn: string): Promise<string> {
  const res = await fetch(`${url}/_emulator/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upn }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

interface Sent {
  Title: string;
  Nummer: number;
  Tekst: string;
}

it('loses no acknowledged write and leaves none half-done when killed mid-stream', async () => {
  const started = await startChild();
  child = started.process;
  const url = started.url;
  const tom = await tokenFor(url, 'tom.vermeulen@stadtienen.onmicrosoft.com');
  const hilde = await tokenFor(url, 'hilde.janssens@stadtienen.onmicrosoft.com');
  const created = await call(url, tom, 'POST', `/sites/${SITE}/lists`, {
    displayName: 'Duurzaam',
    columns: [
      { name: 'Nummer', number: {}, indexed: true },
      { name: 'Tekst', text: { allowMultipleLines: true } },
    ],
  });
  expect(created.status).toBe(201);
  const items = `/sites/${SITE}/lists/${created.body.id as string}/items`;
  const counter = await call(url, hilde, 'POST', items, { fields: { Title: 'teller', Nummer: 0 } });
  expect(counter.body.id).toBe('1');

  const sent = new Map<string, Sent>();
  const acknowledged = new Map<string, Sent>();
  let ackedCounter = 0;
  let killed = false;
  const KILL_AFTER = 120;

  const writer = async (w: number): Promise<void> => {
    for (let n = 0; !killed; n++) {
      const payload: Sent = {
        Title: `w${w}-${n}`,
        Nummer: w * 100_000 + n,
        Tekst: `${'regel\n'.repeat(50 + ((n * 37) % 400))}einde ${w}-${n}`,
      };
      sent.set(payload.Title, payload);
      try {
        const res = await call(url, hilde, 'POST', items, { fields: payload });
        if (res.status === 201) acknowledged.set(payload.Title, payload);
      } catch {
        return; // the connection went with the process
      }
      if (!killed && acknowledged.size >= KILL_AFTER) {
        killed = true;
        child?.kill('SIGKILL');
      }
    }
  };
  const patcher = async (): Promise<void> => {
    for (let v = 1; !killed; v++) {
      try {
        const res = await call(url, hilde, 'PATCH', `${items}/1/fields`, { Nummer: v });
        if (res.status === 200) ackedCounter = v;
      } catch {
        return;
      }
    }
  };
  const exited = new Promise<void>((r) => child?.on('exit', () => r()));
  await Promise.all([writer(1), writer(2), writer(3), writer(4), patcher()]);
  await exited;
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

  const db = new Database(join(dataDir, 'emulator.sqlite'));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();

  const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
  try {
    const reader = await tokenFor(emulator.url, 'sofie.maes@stadtienen.onmicrosoft.com');
    const found = new Map<string, { id: string; fields: Record<string, unknown> }>();
    let next: string | undefined = `${items}?$expand=fields($select=Title,Nummer,Tekst)&$top=5000`;
    while (next !== undefined) {
      const page = await call(emulator.url, reader, 'GET', next);
      for (const item of page.body.value as Array<{
        id: string;
        fields: Record<string, unknown>;
      }>) {
        found.set(item.fields['Title'] as string, item);
      }
      const link = page.body['@odata.nextLink'] as string | undefined;
      next = link === undefined ? undefined : link.slice(`${emulator.url}/v1.0`.length);
    }

    for (const [title, payload] of acknowledged) {
      expect(found.get(title)?.fields).toEqual({ '@odata.etag': expect.any(String), ...payload });
    }
    for (const [title, item] of found) {
      if (title === 'teller') continue;
      // An item that was in flight at the kill may be there, but only whole.
      expect(item.fields).toEqual({ '@odata.etag': expect.any(String), ...sent.get(title) });
    }
    expect(found.size - 1).toBeLessThanOrEqual(sent.size);

    const teller = found.get('teller');
    const value = teller?.fields['Nummer'] as number;
    expect(value === ackedCounter || value === ackedCounter + 1).toBe(true);
    const versions = await call(emulator.url, reader, 'GET', `${items}/1/versions`);
    expect(versions.body.value).toHaveLength(value + 1);
    expect(versions.body.value[0].fields.Nummer).toBe(value);

    // The list's id counter committed with its items: a new item never takes an old id.
    const fresh = await call(
      emulator.url,
      await tokenFor(emulator.url, 'hilde.janssens@stadtienen.onmicrosoft.com'),
      'POST',
      items,
      {
        fields: { Title: 'na herstart', Nummer: -1 },
      },
    );
    expect(fresh.status).toBe(201);
    const maxId = Math.max(...[...found.values()].map((i) => Number(i.id)));
    expect(Number(fresh.body.id)).toBe(maxId + 1);
  } finally {
    await emulator.close();
  }
}, 120_000);

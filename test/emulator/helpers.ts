import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server';
import { APPROVAL_CHANNEL_ID, PRODUCT_SITE, TEAM_ID } from '../../src/emulator/tenant';

/** An emulator on a free loopback port with a fresh data directory, and small fetch helpers. */

export const UPN = {
  sofie: 'sofie.maes@stadtienen.onmicrosoft.com',
  pieter: 'pieter.claes@stadtienen.onmicrosoft.com',
  hilde: 'hilde.janssens@stadtienen.onmicrosoft.com',
  jan: 'jan.peeters@stadtienen.onmicrosoft.com',
  els: 'els.wouters@stadtienen.onmicrosoft.com',
  tom: 'tom.vermeulen@stadtienen.onmicrosoft.com',
  koen: 'koen.desmet@stadtienen.onmicrosoft.com',
} as const;
export type Who = keyof typeof UPN;

export const SITE_ID = PRODUCT_SITE.id;

/**
 * A parsed JSON response as a test reads it. Its shape is what the test asserts, so it is not
 * known up front; this one alias is the only place the tests give up on typing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;
export { APPROVAL_CHANNEL_ID, TEAM_ID };

export interface TestEmulator {
  emu: RunningEmulator;
  dataDir: string;
  token(who: Who): Promise<string>;
  /** fetch against /v1.0 as `who` (or with no token when who is null). */
  graph(
    who: Who | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: Body }>;
  control(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Body }>;
  stop(): Promise<void>;
}

export async function startTestEmulator(
  options: {
    now?: () => number;
    dataDir?: string;
    throttling?: import('../../src/emulator/throttling').ThrottlingOptions | null;
  } = {},
): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fw-emu-'));
  const emu = await startEmulator({
    port: 0,
    dataDir,
    quiet: true,
    ...(options.now ? { now: options.now } : {}),
    // Tests never inherit EMULATOR_THROTTLING from the shell that runs them.
    throttling: options.throttling ?? null,
  });
  const tokens = new Map<Who, string>();
  const parse = async (res: Response): Promise<Body> => {
    const text = await res.text();
    return text === '' ? undefined : JSON.parse(text);
  };
  const t: TestEmulator = {
    emu,
    dataDir,
    async token(who) {
      const cached = tokens.get(who);
      if (cached) return cached;
      const res = await fetch(`${emu.url}/_emulator/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upn: UPN[who] }),
      });
      const body = (await res.json()) as { access_token: string };
      tokens.set(who, body.access_token);
      return body.access_token;
    },
    async graph(who, method, path, body, headers = {}) {
      const all: Record<string, string> = { ...headers };
      if (who !== null) all['authorization'] = `Bearer ${await t.token(who)}`;
      if (body !== undefined) all['content-type'] = 'application/json';
      const res = await fetch(`${emu.graphBaseUrl}${path}`, {
        method,
        headers: all,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, headers: res.headers, body: await parse(res) };
    },
    async control(method, path, body, headers = {}) {
      const res = await fetch(`${emu.url}/_emulator${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await parse(res) };
    },
    async stop() {
      await emu.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A small version of the product's lists, created through Graph as the site owner. */
export async function createLists(t: TestEmulator): Promise<{
  functies: string;
  competenties: string;
  koppelingen: string;
  aanvragen: string;
  besluiten: string;
}> {
  const create = async (body: unknown): Promise<string> => {
    const res = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, body);
    if (res.status !== 201)
      throw new Error(`list not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const functies = await create({
    displayName: 'Functies',
    list: { template: 'genericList' },
    columns: [
      {
        name: 'FunctieKey',
        text: { maxLength: 100 },
        indexed: true,
        enforceUniqueValues: true,
        required: true,
      },
      {
        name: 'Soort',
        choice: { choices: ['functiebeschrijving', 'functieprofiel'] },
        required: true,
      },
      { name: 'Afdeling', text: {}, indexed: true },
      { name: 'Graad', text: {} },
      { name: 'Inhoudsversie', number: { minimum: 0 } },
      { name: 'Doel', text: { allowMultipleLines: true } },
      { name: 'Actief', boolean: {} },
    ],
  });
  const competenties = await create({
    displayName: 'Competenties',
    columns: [
      { name: 'Cluster', text: {} },
      { name: 'Blok', choice: { choices: ['Technisch', 'Gedrag'] } },
    ],
  });
  const koppelingen = await create({
    displayName: 'Functiecompetenties',
    columns: [
      {
        name: 'Functie',
        lookup: { listId: functies, columnName: 'Title' },
        indexed: true,
        required: true,
      },
      { name: 'Competentie', lookup: { listId: competenties, columnName: 'Title' }, indexed: true },
      { name: 'VereistNiveau', number: { minimum: 0, maximum: 3 }, indexed: true },
      { name: 'Cluster', text: {} },
    ],
  });
  const aanvragen = await create({
    displayName: 'Goedkeuringsaanvragen',
    columns: [
      {
        name: 'Functie',
        lookup: { listId: functies, columnName: 'Title' },
        indexed: true,
        required: true,
      },
      { name: 'Status', choice: { choices: ['Open', 'Gesloten'] }, indexed: true },
    ],
  });
  const besluiten = await create({
    displayName: 'Besluiten',
    columns: [
      { name: 'Aanvraag', lookup: { listId: aanvragen, columnName: 'ID' }, indexed: true },
      { name: 'Uitkomst', choice: { choices: ['Goedgekeurd', 'Afgewezen'] }, required: true },
      { name: 'Besluitdatum', dateTime: { format: 'dateOnly' } },
      { name: 'Beslisser', personOrGroup: {} },
    ],
  });
  return { functies, competenties, koppelingen, aanvragen, besluiten };
}

export const GROUP = {
  visitors: '7d0a6b1f-8c9e-4daf-9a01-dc2d1eaf9088',
  members: '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199',
  owners: '9f2c8d3b-aeb0-4fc1-9c23-fe4f3ac1b2aa',
  approvers: 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb',
} as const;

/** The product's rules: content for HR, requests by HR, decisions added by approvers only. */
export async function applyProductPermissions(
  t: TestEmulator,
  lists: Awaited<ReturnType<typeof createLists>>,
): Promise<void> {
  const set = async (
    listId: string,
    grants: Array<{ principalId: string; role: string }>,
  ): Promise<void> => {
    const res = await t.control(
      'POST',
      `/lists/${listId}/permissions`,
      { grants },
      { authorization: `Bearer ${await t.token('tom')}` },
    );
    if (res.status !== 200)
      throw new Error(`permissions not set: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await set(lists.aanvragen, [
    { principalId: GROUP.visitors, role: 'read' },
    { principalId: GROUP.members, role: 'contribute' },
    { principalId: GROUP.approvers, role: 'contribute' },
  ]);
  await set(lists.besluiten, [
    { principalId: GROUP.visitors, role: 'read' },
    { principalId: GROUP.approvers, role: 'addOnly' },
  ]);
}

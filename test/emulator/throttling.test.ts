import { throttlingFromEnv } from '../../src/emulator/throttling';
import { type Body, SITE_ID, type TestEmulator, startTestEmulator } from './helpers';

/*
 * SharePoint-shaped throttling (EMULATOR_THROTTLING=sharepoint): a resource-unit budget per app
 * per minute, 1 RU a single get, 2 RU a multi-item query or a write, `$batch` entries one by one;
 * over budget 429 or 503 with Retry-After, RateLimit-* from 80 % of the budget on.
 */

let clock = Date.UTC(2025, 4, 2, 9, 0, 0);
let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ now: () => clock, throttling: { ruPerMinute: 10 } });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await t.control('POST', '/reset');
  clock += 120_000;
});

const site = `/sites/${SITE_ID}`;

it('charges 1 RU for a single get and 2 for a collection, and refuses what is over budget', async () => {
  for (let i = 0; i < 4; i++) expect((await t.graph('sofie', 'GET', site)).status).toBe(200);
  for (let i = 0; i < 3; i++) {
    expect((await t.graph('sofie', 'GET', `${site}/lists`)).status).toBe(200);
  }
  // 4 × 1 + 3 × 2 = 10 RU: the budget is spent; the next two are refused, 429 then 503.
  const first = await t.graph('sofie', 'GET', site);
  const second = await t.graph('sofie', 'GET', site);
  expect([first.status, second.status]).toEqual([429, 503]);
  for (const refused of [first, second]) {
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit-limit')).toBe('10');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  }
  // The directory is not SharePoint: not charged, not refused.
  expect((await t.graph('sofie', 'GET', '/me')).status).toBe(200);
  const stats = (await t.control('GET', '/throttling')).body;
  expect(stats).toMatchObject({ enabled: true, ruPerMinute: 10, spent: 10, throttled: 2 });
  // The next minute brings a fresh budget.
  clock += 60_000;
  expect((await t.graph('sofie', 'GET', site)).status).toBe(200);
});

it('sends RateLimit headers from 80 % of the budget on', async () => {
  for (let i = 0; i < 7; i++) {
    const r = await t.graph('sofie', 'GET', site);
    expect(r.headers.get('ratelimit-limit')).toBeNull();
  }
  const at80 = await t.graph('sofie', 'GET', site);
  expect(at80.headers.get('ratelimit-remaining')).toBe('2');
  expect(Number(at80.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
});

it('charges batch entries one by one and answers each over-budget entry with its own Retry-After', async () => {
  const requests = Array.from({ length: 12 }, (_, i) => ({
    id: String(i),
    method: 'GET',
    url: `${site}`,
  }));
  const run = await t.graph('sofie', 'POST', '/$batch', { requests });
  expect(run.status).toBe(200);
  const answers: Body[] = run.body.responses;
  const statuses = answers.map((a: Body) => a.status as number);
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  const refused = answers.filter((a: Body) => a.status !== 200);
  expect(refused.map((a: Body) => a.status).sort()).toEqual([429, 503]);
  for (const entry of refused)
    expect(Number(entry.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
});

it('counts top-level requests without a decorated User-Agent', async () => {
  await t.graph('sofie', 'GET', site, undefined, {
    'user-agent': 'NONISV|Stad Tienen|Functiewijzer/1.0',
  });
  await t.graph('sofie', 'GET', site);
  expect((await t.control('GET', '/throttling')).body.undecorated).toBe(1);
});

it('is off unless EMULATOR_THROTTLING=sharepoint; EMULATOR_RU_PER_MINUTE overrides the budget', () => {
  expect(throttlingFromEnv({})).toBeNull();
  expect(throttlingFromEnv({ EMULATOR_THROTTLING: 'off' })).toBeNull();
  expect(throttlingFromEnv({ EMULATOR_THROTTLING: 'sharepoint' })).toEqual({ ruPerMinute: 1250 });
  expect(
    throttlingFromEnv({ EMULATOR_THROTTLING: 'sharepoint', EMULATOR_RU_PER_MINUTE: '300' }),
  ).toEqual({ ruPerMinute: 300 });
  expect(() => throttlingFromEnv({ EMULATOR_THROTTLING: 'ja' })).toThrow(/EMULATOR_THROTTLING/);
  expect(() =>
    throttlingFromEnv({ EMULATOR_THROTTLING: 'sharepoint', EMULATOR_RU_PER_MINUTE: '0' }),
  ).toThrow(/minstens 1/);
});

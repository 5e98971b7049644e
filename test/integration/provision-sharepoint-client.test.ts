import { z } from 'zod';
import { ForbiddenError, ThrottledError } from '../../src/graph/errors';
import { SharePointRest } from '../../src/graph/sharepoint-rest';

/**
 * The SharePoint REST client as provisioning relies on it: JSON light both ways, the token of
 * its own source (never in the URL), throttling answers waited out, SharePoint's error body
 * turned into the data layer's typed errors.
 */

function fakeFetch(
  answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>,
) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const fetch = ((url: string, init: RequestInit) => {
    seen.push({ url, init });
    const next = answers.shift() ?? { status: 500 };
    return Promise.resolve(
      new Response(next.body === undefined ? null : JSON.stringify(next.body), {
        status: next.status,
        headers: next.headers ?? {},
      }),
    );
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

const site = 'https://stad.sharepoint.com/sites/functiewijzer';

it('sends JSON light with the SharePoint token, and waits out 429 and 503 with Retry-After', async () => {
  const waits: number[] = [];
  const { fetch, seen } = fakeFetch([
    { status: 429, headers: { 'Retry-After': '2' } },
    { status: 503, headers: { 'Retry-After': '1' } },
    { status: 200, body: { Id: 7 } },
  ]);
  const rest = new SharePointRest({
    siteUrl: `${site}/`,
    getToken: () => Promise.resolve('sp-token'),
    fetch,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  const user = await rest.post('web/ensureuser', { logonName: 'x' }, z.object({ Id: z.number() }));
  expect(user).toEqual({ Id: 7 });
  expect(waits).toEqual([2000, 1000]);
  expect(seen).toHaveLength(3);
  const first = seen[0] as { url: string; init: RequestInit };
  expect(first.url).toBe(`${site}/_api/web/ensureuser`);
  expect(first.url).not.toContain('sp-token');
  expect(first.init.headers).toEqual(
    expect.objectContaining({
      Accept: 'application/json;odata=nometadata',
      'Content-Type': 'application/json;odata=nometadata',
      Authorization: 'Bearer sp-token',
    }),
  );
});

it("turns SharePoint's error body into typed errors, and gives up on throttling after the retries", async () => {
  const denied = fakeFetch([
    {
      status: 403,
      body: {
        'odata.error': {
          code: '-2147024891, System.UnauthorizedAccessException',
          message: { lang: 'en-US', value: 'Access denied.' },
        },
      },
    },
  ]);
  const rest = new SharePointRest({
    siteUrl: site,
    getToken: () => Promise.resolve('t'),
    fetch: denied.fetch,
  });
  const error = await rest.post('web/roledefinitions', {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ForbiddenError);
  expect((error as ForbiddenError).detail.graphMessage).toBe('Access denied.');

  const busy = fakeFetch(
    Array.from({ length: 4 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })),
  );
  const throttled = new SharePointRest({
    siteUrl: site,
    getToken: () => Promise.resolve('t'),
    fetch: busy.fetch,
    sleep: () => Promise.resolve(),
  });
  await expect(
    throttled.merge("web/lists/getbytitle('Functies')", { x: 1 }),
  ).rejects.toBeInstanceOf(ThrottledError);
  expect(busy.seen).toHaveLength(4);
  expect(busy.seen[0]?.init.headers).toEqual(
    expect.objectContaining({ 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' }),
  );
});

import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { contentCodingFor, MIN_COMPRESSED_BYTES } from '../../src/emulator/server';
import { createGraphClient, type Exchange } from '../../src/graph/client';
import { resourceUnits } from '../../src/graph/middleware/exchange';
import { z } from 'zod';
import { createLists, SITE_ID, type TestEmulator, startTestEmulator } from './helpers';

/**
 * The emulator compresses as Graph does for a client that asks (browsers always do): gzip or
 * brotli per Accept-Encoding, small bodies as they are, Vary: Accept-Encoding. Read with
 * node:http, which — unlike fetch — hands over the bytes as they came over the wire.
 */

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
  await createLists(t);
});
afterAll(async () => {
  await t.stop();
});

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

async function raw(path: string, headers: Record<string, string>): Promise<Raw> {
  const token = await t.token('sofie');
  return new Promise((resolve, reject) => {
    const req = request(
      `${t.emu.graphBaseUrl}${path}`,
      { headers: { authorization: `Bearer ${token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The site's lists (five, with their columns): a body above the compression threshold. */
const BIG = `/sites/${SITE_ID}/lists`;

describe('response compression', () => {
  it('answers gzip when asked for gzip, with the encoded length and Vary', async () => {
    const plain = await raw(BIG, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.byteLength).toBeGreaterThanOrEqual(MIN_COMPRESSED_BYTES);
    const zipped = await raw(BIG, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/Accept-Encoding/);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.byteLength);
    expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(
      JSON.parse(plain.body.toString('utf8')),
    );
  });

  it('prefers brotli when the client accepts it, as browsers do', async () => {
    const plain = await raw(BIG, {});
    const br = await raw(BIG, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(
      JSON.parse(plain.body.toString('utf8')),
    );
  });

  it('leaves small bodies and refused codings alone', async () => {
    const me = await raw('/me', { 'accept-encoding': 'gzip, br' });
    expect(me.body.byteLength).toBeLessThan(MIN_COMPRESSED_BYTES);
    expect(me.headers['content-encoding']).toBeUndefined();
    const refused = await raw(BIG, { 'accept-encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(contentCodingFor('identity')).toBeNull();
    expect(contentCodingFor('*')).toBe('br');
    expect(contentCodingFor('br;q=0, *')).toBe('gzip');
  });

  it('keeps CORS as it was: the origin allowed and Vary on both', async () => {
    const res = await raw(BIG, { origin: 'https://localhost:53000', 'accept-encoding': 'gzip' });
    expect(res.headers['access-control-allow-origin']).toBe('https://localhost:53000');
    expect(res.headers['vary']).toBe('Origin, Accept-Encoding');
    expect(String(res.headers['access-control-expose-headers'])).not.toMatch(/retry-after/i);
  });

  it("the client's exchange log counts wire bytes and decoded bytes apart", async () => {
    const log: Exchange[] = [];
    const http = createGraphClient({
      baseUrl: t.emu.graphBaseUrl,
      getToken: () => t.token('sofie'),
      onExchange: (e) => log.push(e),
    });
    await http.getAll(BIG, z.unknown());
    const [exchange] = log;
    const plain = await raw(BIG, {});
    expect(exchange?.responseBytes).toBe(plain.body.byteLength);
    // Node's fetch asks for gzip over plain http and decodes it; the wire carried less.
    expect(exchange?.wireBytes).toBeLessThan(plain.body.byteLength);
    expect(exchange?.ru).toBe(2);
  });
});

describe('resource units (SharePoint throttling guidance)', () => {
  it('counts a single get and a delta with a token as 1, a query or a write as 2', () => {
    expect(resourceUnits('GET', '/sites/s1/lists/l1/items/7?$expand=fields')).toBe(1);
    expect(resourceUnits('GET', '/sites/s1/lists/l1/items/delta?token=abc')).toBe(1);
    expect(resourceUnits('GET', '/sites/s1/lists/l1/items/delta')).toBe(2);
    expect(resourceUnits('GET', '/sites/s1/lists/l1/items?$filter=x')).toBe(2);
    expect(resourceUnits('GET', '/sites/s1/lists?$select=id')).toBe(2);
    expect(resourceUnits('GET', '/sites/contoso.sharepoint.com:/sites/hr')).toBe(1);
    expect(resourceUnits('GET', '/sites/contoso.sharepoint.com:/sites/hr?$select=id')).toBe(1);
    // The lists of a site addressed by its path: a query of several, as by the site's id.
    expect(resourceUnits('GET', '/sites/contoso.sharepoint.com:/sites/hr:/lists?$select=id')).toBe(
      2,
    );
    expect(resourceUnits('GET', '/sites/contoso.sharepoint.com:/sites/hr:/lists/l1')).toBe(1);
    expect(resourceUnits('PATCH', '/sites/s1/lists/l1/items/7/fields')).toBe(2);
    expect(resourceUnits('POST', '/sites/s1/lists/l1/items')).toBe(2);
    expect(resourceUnits('GET', '/groups/g1/transitiveMembers')).toBe(0);
  });
});

/**
 * @jest-environment jsdom
 */
import { createHash } from 'node:crypto';
import { canonicalContentJson, contentHash } from '../../src/domain/content-hash';
import { deskundigeIct } from './fixture';

// The tab runs this code in a browser DOM: the hash must be the one Node computes.
it('gives the same hash in a DOM environment as node:crypto', async () => {
  const d = deskundigeIct();
  const expected = `sha256:${createHash('sha256').update(canonicalContentJson(d), 'utf8').digest('hex')}`;
  expect(await contentHash(d)).toBe(expected);
});

import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The network a bench run pretends to be on (`--network`, issue 15). `loopback` is the machine
 * itself, the default. `city` is a member of staff on a city's network reaching Microsoft 365:
 * 100 ms round trip, 20 Mbit/s down, 5 Mbit/s up — in Chromium through the DevTools protocol's
 * `Network.emulateNetworkConditions`, in Node through `throttledFetch` below, so the Node-side
 * figures (our fetches, the naive client) pay the same price per exchange.
 */
export type NetworkName = 'loopback' | 'city';
export const NETWORK_NAMES: readonly NetworkName[] = ['loopback', 'city'];

export interface NetworkProfile {
  name: NetworkName;
  /** Added to every exchange: request out, first byte of the answer back. */
  latencyMs: number;
  downloadBytesPerSecond: number;
  uploadBytesPerSecond: number;
}

const MBIT = 1_000_000 / 8;

export const NETWORKS: Record<NetworkName, NetworkProfile | null> = {
  loopback: null,
  city: {
    name: 'city',
    latencyMs: 100,
    downloadBytesPerSecond: 20 * MBIT,
    uploadBytesPerSecond: 5 * MBIT,
  },
};

/** The profile's parameters for `Network.emulateNetworkConditions` (Chromium DevTools). */
export function cdpConditions(profile: NetworkProfile): {
  offline: false;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
} {
  return {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: profile.downloadBytesPerSecond,
    uploadThroughput: profile.uploadBytesPerSecond,
  };
}

/**
 * `fetch` as if over `profile`: each exchange waits the round trip once, and its bytes queue on
 * one shared link per direction (so four `$batch` envelopes at once share the 20 Mbit/s, as in
 * Chromium's throttle). The answer's size is its Content-Length — the bytes on the wire, gzip
 * or br as the emulator sent them; fetch decodes them afterwards. Headers are not counted.
 */
export function throttledFetch(
  profile: NetworkProfile,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  const freeAt = { up: 0, down: 0 };
  const transfer = async (direction: 'up' | 'down', bytes: number): Promise<void> => {
    if (bytes <= 0) return;
    const rate =
      direction === 'up' ? profile.uploadBytesPerSecond : profile.downloadBytesPerSecond;
    const now = performance.now();
    const start = Math.max(now, freeAt[direction]);
    freeAt[direction] = start + (bytes / rate) * 1000;
    await sleep(freeAt[direction] - now);
  };
  return async (input, init) => {
    const body = init?.body;
    await transfer('up', typeof body === 'string' ? Buffer.byteLength(body) : 0);
    await sleep(profile.latencyMs);
    const response = await base(input, init);
    const length = Number(response.headers.get('content-length') ?? '0');
    await transfer('down', Number.isFinite(length) ? length : 0);
    return response;
  };
}

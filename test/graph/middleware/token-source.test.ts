import { z } from 'zod';
import { SignInError as TabSignInError } from '../../../src/auth/sign-in-problem';
import { SignInError as CliSignInError } from '../../../src/cli/tenant-sign-in';
import { isDataError } from '../../../src/graph/errors';
import { SharePointRest } from '../../../src/graph/sharepoint-rest';
import { fakeFetch, json, testClient } from '../fake-fetch';

/**
 * A token source that fails (sign-in needed, consent missing, session expired) is not a lost
 * connection: nothing was sent, and waiting signs nobody in. The Graph client must hand the token
 * source's own error to the caller at once, with no retry and no back-off, so the tab can show
 * its sign-in screen and the CLI can name the real cause.
 */

const anything = z.unknown();

function tabSignInNeeded(): TabSignInError {
  return new TabSignInError({
    code: 'sign-in-required',
    message: 'Meld u aan om verder te gaan.',
    askIt: null,
    action: 'sign-in',
    technical: 'interaction_required',
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (err: unknown) => err,
  );
}

/** A token source that fails with `error` from the `failFrom`-th call on (0-based). */
function failingTokens(
  error: Error,
  failFrom = 0,
): { getToken: () => Promise<string>; asked: () => number } {
  let count = 0;
  return {
    getToken: () => (count++ >= failFrom ? Promise.reject(error) : Promise.resolve('token')),
    asked: () => count,
  };
}

describe('graph client: a failing token source', () => {
  it("gives the tab's sign-in error to the caller as it is, without retrying", async () => {
    const signIn = tabSignInNeeded();
    const tokens = failingTokens(signIn);
    const { http, calls, waits } = testClient(() => json(200, {}), {
      getToken: tokens.getToken,
      retry: { maxAttempts: 6 },
    });
    const err = await failure(http.get('/sites/x/lists', anything));
    expect(err).toBe(signIn);
    expect(isDataError(err)).toBe(false);
    expect(tokens.asked()).toBe(1);
    expect(calls).toHaveLength(0);
    expect(waits).toEqual([]);
  });

  it("gives the CLI's sign-in error (consent missing) as it is, for POSTs too", async () => {
    const consent = new CliSignInError(
      'no-consent',
      'Functiewijzer heeft nog geen toestemming.',
      'AADSTS65001',
    );
    const tokens = failingTokens(consent);
    const { http, calls, waits } = testClient(() => json(201, {}), { getToken: tokens.getToken });
    const err = await failure(
      http.request('POST', '/$batch', anything, { body: { requests: [] }, idempotent: true }),
    );
    expect(err).toBe(consent);
    expect(tokens.asked()).toBe(1);
    expect(calls).toHaveLength(0);
    expect(waits).toEqual([]);
  });

  it('stops at the token source when it fails on a retry after throttling', async () => {
    const expired = new CliSignInError('session-expired', 'Je aanmelding is verlopen.');
    const tokens = failingTokens(expired, 1);
    const { http, calls, waits } = testClient(() => json(429, {}, { 'Retry-After': '1' }), {
      getToken: tokens.getToken,
      retry: { maxAttempts: 6 },
    });
    const err = await failure(http.get('/x', anything));
    expect(err).toBe(expired);
    // One throttled answer, one wait, then the renewal failed and nothing more was tried.
    expect(calls).toHaveLength(1);
    expect(waits).toHaveLength(1);
    expect(tokens.asked()).toBe(2);
  });

  it('still retries a dropped connection when the token source is fine', async () => {
    const { http, calls } = testClient(
      (_c, i) =>
        i === 0 ? Promise.reject(new TypeError('fetch failed')) : json(200, { ok: true }),
      { retry: { maxAttempts: 3 } },
    );
    await expect(http.get('/x', anything)).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });
});

describe('SharePoint REST client: a failing token source', () => {
  it('gives the sign-in error as it is, not as "no connection", and sends nothing', async () => {
    const consent = new CliSignInError(
      'no-consent',
      'Geen toestemming voor SharePoint.',
      'AADSTS65001',
    );
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    const rest = new SharePointRest({
      siteUrl: 'https://stad.sharepoint.com/sites/functiewijzer',
      getToken: failingTokens(consent).getToken,
      fetch,
      sleep: () => Promise.resolve(),
    });
    const err = await failure(rest.get('web', anything));
    expect(err).toBe(consent);
    expect(calls).toHaveLength(0);
  });
});

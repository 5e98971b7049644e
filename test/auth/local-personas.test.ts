import { createLocalPersonaTokenProvider } from '../../src/auth/local-personas';
import { TokenUnavailableError } from '../../src/auth/token-provider';

/**
 * The provider's own logic (which persona, caching, expiry, errors) against a recorded control
 * API. test/auth/local-personas.emulator.test.ts runs it against the real emulator.
 */
function fakeControlApi(options: { expiresIn?: number; failWith?: number } = {}) {
  const calls: { url: string; body: unknown }[] = [];
  let minted = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ url, body });
    if (options.failWith) return new Response('{}', { status: options.failWith });
    if (url.endsWith('/_emulator/personas')) {
      return Response.json([
        { upn: 'medewerker@stad.example', displayName: 'Mia Medewerker', role: 'staff' },
        { upn: 'directeur@stad.example', displayName: 'Dirk Directeur', role: 'approver' },
      ]);
    }
    minted += 1;
    // The emulator's default persona when the request names nobody.
    const upn = (body as { upn?: string }).upn ?? 'medewerker@stad.example';
    return Response.json({
      upn,
      access_token: `token-${minted}-${upn}`,
      ...(options.expiresIn ? { expires_in: options.expiresIn } : {}),
    });
  };
  return { calls, fetchImpl };
}

describe('local persona token provider', () => {
  it('mints a token for the chosen persona once and serves it from memory', async () => {
    const api = fakeControlApi();
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001/',
      initialUpn: 'medewerker@stad.example',
      fetch: api.fetchImpl,
    });
    const [a, b] = await Promise.all([provider.getToken(), provider.getToken()]);
    expect(a).toBe('token-1-medewerker@stad.example');
    expect(b).toBe(a);
    expect(await provider.getToken()).toBe(a);
    expect(api.calls).toEqual([
      { url: 'http://127.0.0.1:53001/_emulator/token', body: { upn: 'medewerker@stad.example' } },
    ]);
  });

  it("mints ahead for the emulator's default persona and serves that token when it is chosen", async () => {
    const api = fakeControlApi();
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      fetch: api.fetchImpl,
    });
    await expect(provider.prefetch(null)).resolves.toBe('medewerker@stad.example');
    provider.setPersona('medewerker@stad.example');
    expect(await provider.getToken()).toBe('token-1-medewerker@stad.example');
    // Another choice mints its own.
    provider.setPersona('directeur@stad.example');
    expect(await provider.getToken()).toBe('token-2-directeur@stad.example');
    expect(api.calls.map((c) => c.body)).toEqual([{}, { upn: 'directeur@stad.example' }]);
  });

  it('says null when minting ahead fails, and mints again when the token is asked for', async () => {
    const failing = fakeControlApi({ failWith: 503 });
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      initialUpn: 'medewerker@stad.example',
      fetch: failing.fetchImpl,
    });
    await expect(provider.prefetch('medewerker@stad.example')).resolves.toBeNull();
    await expect(provider.getToken()).rejects.toBeInstanceOf(TokenUnavailableError);
    expect(failing.calls).toHaveLength(2);
  });

  it('switches persona and keeps each persona its own token', async () => {
    const api = fakeControlApi();
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      initialUpn: 'medewerker@stad.example',
      fetch: api.fetchImpl,
    });
    const staff = await provider.getToken();
    provider.setPersona('directeur@stad.example');
    expect(provider.currentUpn).toBe('directeur@stad.example');
    const director = await provider.getToken();
    expect(director).toBe('token-2-directeur@stad.example');
    provider.setPersona('medewerker@stad.example');
    expect(await provider.getToken()).toBe(staff);
    expect(api.calls).toHaveLength(2);
  });

  it('renews a token shortly before it expires and after invalidate()', async () => {
    const api = fakeControlApi({ expiresIn: 3600 });
    let clock = 0;
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      initialUpn: 'medewerker@stad.example',
      fetch: api.fetchImpl,
      now: () => clock,
    });
    expect(await provider.getToken()).toBe('token-1-medewerker@stad.example');
    clock = 3_000_000;
    expect(await provider.getToken()).toBe('token-1-medewerker@stad.example');
    clock = 3_550_000;
    expect(await provider.getToken()).toBe('token-2-medewerker@stad.example');
    provider.invalidate();
    expect(await provider.getToken()).toBe('token-3-medewerker@stad.example');
  });

  it('lists the personas, validated', async () => {
    const api = fakeControlApi();
    const provider = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      fetch: api.fetchImpl,
    });
    const personas = await provider.listPersonas();
    expect(personas.map((p) => p.role)).toEqual(['staff', 'approver']);
  });

  it('says in Dutch what to do when there is no persona or the emulator refuses', async () => {
    const none = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      fetch: fakeControlApi().fetchImpl,
    });
    await expect(none.getToken()).rejects.toThrow(/Kies een gebruiker/);

    const refused = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:53001',
      initialUpn: 'onbekend@stad.example',
      fetch: fakeControlApi({ failWith: 404 }).fetchImpl,
    });
    const error = await refused.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as Error).message).toMatch(/HTTP 404/);
    expect((error as Error).message).not.toMatch(/token-/);

    const down = createLocalPersonaTokenProvider({
      emulatorUrl: 'http://127.0.0.1:9',
      initialUpn: 'medewerker@stad.example',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(down.getToken()).rejects.toThrow(/antwoordt niet/);
  });
});

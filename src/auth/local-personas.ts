import { z } from 'zod';
import { TokenUnavailableError, type TokenProvider } from './token-provider';

/**
 * Local mode only (DESIGN §6): the user is one of the emulator's personas and the emulator mints
 * the token. Never used in tenant mode: the tab only builds this provider when the runtime config
 * says `mode: 'local'`.
 */

export const personaRoleSchema = z.enum(['staff', 'hr', 'approver', 'admin']);
export type PersonaRole = z.infer<typeof personaRoleSchema>;

export const personaSchema = z.object({
  upn: z.string().min(1),
  displayName: z.string().min(1),
  role: personaRoleSchema,
});
export type Persona = z.infer<typeof personaSchema>;

const personasResponseSchema = z.array(personaSchema);
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  /** Whose token it is (the emulator names the persona it chose for a request without one). */
  upn: z.string().min(1).optional(),
});

/** Dutch names of the personas' roles, as the persona switchers show them. */
export const PERSONA_ROLE_LABELS: Record<PersonaRole, string> = {
  staff: 'Medewerker',
  hr: 'HR',
  approver: 'Algemeen directeur',
  admin: 'IT-beheerder',
};

export interface LocalPersonaTokenProvider extends TokenProvider {
  readonly currentUpn: string | null;
  /** Switches the user; tokens of other personas stay cached for switching back. */
  setPersona(upn: string): void;
  listPersonas(): Promise<Persona[]>;
  /**
   * Mints a token ahead of `getToken`, for `upn` or, when null, for the emulator's default
   * persona, and keeps it for that persona. Resolves whose token it is; null when it failed (the
   * token is then minted when asked for, with that error). Boot asks for it beside the persona
   * list: one round trip before the start-up instead of two.
   */
  prefetch(upn: string | null): Promise<string | null>;
}

export interface LocalPersonaOptions {
  /** Base URL of the emulator's control API, e.g. http://127.0.0.1:53001. */
  emulatorUrl: string;
  initialUpn?: string | null;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Renew a little before the emulator's expiry so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

export function createLocalPersonaTokenProvider(
  options: LocalPersonaOptions,
): LocalPersonaTokenProvider {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => Date.now());
  const base = options.emulatorUrl.replace(/\/+$/, '');
  const cache = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<string>>();
  let currentUpn = options.initialUpn ?? null;

  async function request(path: string, init?: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, init);
    } catch {
      throw new TokenUnavailableError(
        `De lokale Graph-emulator op ${base} antwoordt niet. Start hem met \`npm start\` en probeer opnieuw.`,
      );
    }
    if (!response.ok) {
      throw new TokenUnavailableError(
        `De lokale Graph-emulator weigerde ${path} (HTTP ${response.status}). Kies een andere gebruiker of start \`npm start\` opnieuw.`,
      );
    }
    return response.json() as Promise<unknown>;
  }

  async function mint(upn: string | null): Promise<{ upn: string; token: string }> {
    const body = await request('/_emulator/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(upn === null ? {} : { upn }),
    });
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new TokenUnavailableError(
        'De lokale Graph-emulator gaf een onverwacht antwoord op de tokenaanvraag. Start `npm start` opnieuw.',
      );
    }
    const lifetimeMs = (parsed.data.expires_in ?? Number.POSITIVE_INFINITY) * 1000;
    const owner = upn ?? parsed.data.upn;
    if (owner === undefined) {
      throw new TokenUnavailableError(
        'De lokale Graph-emulator zei niet voor wie het token is. Start `npm start` opnieuw.',
      );
    }
    cache.set(owner, { token: parsed.data.access_token, expiresAt: now() + lifetimeMs });
    return { upn: owner, token: parsed.data.access_token };
  }

  return {
    get currentUpn() {
      return currentUpn;
    },
    setPersona(upn) {
      currentUpn = upn;
    },
    async listPersonas() {
      const parsed = personasResponseSchema.safeParse(await request('/_emulator/personas'));
      if (!parsed.success) {
        throw new TokenUnavailableError(
          'De lokale Graph-emulator gaf een onverwachte lijst van gebruikers. Start `npm start` opnieuw.',
        );
      }
      return parsed.data;
    },
    getToken() {
      const upn = currentUpn;
      if (!upn) {
        return Promise.reject(
          new TokenUnavailableError(
            'Er is geen gebruiker gekozen. Kies een gebruiker in de lijst.',
          ),
        );
      }
      const cached = cache.get(upn);
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now())
        return Promise.resolve(cached.token);
      const pending = inFlight.get(upn);
      if (pending) return pending;
      const minted = mint(upn)
        .then((m) => m.token)
        .finally(() => inFlight.delete(upn));
      inFlight.set(upn, minted);
      return minted;
    },
    async prefetch(upn) {
      try {
        return (await mint(upn)).upn;
      } catch {
        return null;
      }
    },
    invalidate() {
      if (currentUpn) cache.delete(currentUpn);
    },
  };
}

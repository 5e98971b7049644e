import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { unauthenticated, type GraphError } from './graph-error';
import { findUser, type TenantUser } from './tenant';

/**
 * Bearer tokens minted by the emulator: `fwemu.<payload>.<hmac>`, HMAC-SHA256 with a secret kept in
 * the database (so tokens survive a restart, and a token from another data directory is refused).
 * Opaque to clients, like a real access token is meant to be; they must not read it.
 */

const PREFIX = 'fwemu';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const payloadSchema = z.object({
  sub: z.string(),
  upn: z.string(),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
  /** Absent in tokens minted before SharePoint REST existed here: those are Graph tokens. */
  aud: z.enum(['graph', 'sharepoint']).optional(),
});

/**
 * Which resource a token is for. A real access token is issued for one resource (its `aud`):
 * Graph refuses a token for `https://<tenant>.sharepoint.com` and SharePoint REST refuses a Graph
 * token (docs/emulator.md, "SharePoint REST"), so the emulator does too.
 */
export type TokenAudience = 'graph' | 'sharepoint';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export const tokenRequestSchema = z
  .object({
    /**
     * Whose token; absent: the emulator's default persona (its first member of staff), whom a
     * local tab opened for the first time acts as (`POST /token` answers whose token it is).
     */
    upn: z.string().min(1).optional(),
    /** Shorter lifetimes let tests see expiry; at most a day. */
    lifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
    /** `https://graph.microsoft.com` (the default) or the tenant's SharePoint origin. */
    resource: z.string().min(1).optional(),
  })
  .strict();

export interface MintedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  mint(
    user: TenantUser,
    lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS,
    audience: TokenAudience = 'graph',
  ): MintedToken {
    const iat = Math.floor(this.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        sub: user.id,
        upn: user.userPrincipalName,
        iat,
        exp: iat + lifetimeSeconds,
        jti: randomUUID(),
        ...(audience === 'graph' ? {} : { aud: audience }),
      }),
    ).toString('base64url');
    return {
      access_token: `${PREFIX}.${payload}.${this.sign(payload)}`,
      token_type: 'Bearer',
      expires_in: lifetimeSeconds,
    };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`${PREFIX}.${payload}`).digest('base64url');
  }

  /** The user of an `Authorization` header, or Graph's 401 for what is wrong with it. */
  authenticate(
    header: string | undefined,
    audience: TokenAudience = 'graph',
  ): TenantUser | GraphError {
    if (header === undefined || header.trim() === '') {
      return unauthenticated('Access token is empty.');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) return unauthenticated('Access token is empty.');
    const parts = (match[1] as string).split('.');
    if (parts.length !== 3 || parts[0] !== PREFIX) {
      return unauthenticated('CompactToken parsing failed with error code: 80049217');
    }
    const [, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return unauthenticated('Access token validation failure. Invalid signature.');
    }
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return unauthenticated('CompactToken parsing failed with error code: 80049217');
    }
    if (parsed.exp * 1000 <= this.now()) {
      return unauthenticated('Lifetime validation failed, the token is expired.');
    }
    if ((parsed.aud ?? 'graph') !== audience) {
      return unauthenticated('Access token validation failure. Invalid audience.');
    }
    const user = findUser(parsed.sub);
    if (!user) return unauthenticated('Access token validation failure. Unknown user.');
    return user;
  }
}

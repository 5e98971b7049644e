import { z } from 'zod';
import { keySchema } from '../domain/schema';

/**
 * Where a Teams deep link (`page.subPageId`, the legacy `subEntityId`) points inside the tab.
 *
 * The wire format is a short path so a link stays readable in a card or a chat message:
 *   role/deskundige-ict
 *   competency/analyseren            (a competency of the dictionary, by its key)
 *   compare/deskundige-ict/leidinggevende
 *   approval/42                      (an approval request, opened from the channel card)
 * The value comes from outside (anyone can craft a deep link), so it is validated here and an
 * unknown or malformed value yields null: the tab then simply opens on the catalogue.
 */
export type DeepLinkTarget =
  | { kind: 'role'; key: string }
  | { kind: 'competency'; key: string }
  | { kind: 'compare'; keys: string[] }
  | { kind: 'approval'; requestId: string };

export const MAX_COMPARED_ROLES = 4;

const requestIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** The length of the FunctieKey column: a longer key names no role, so the link is malformed. */
export const MAX_LINK_KEY_LENGTH = 255;
const linkKeySchema = keySchema.max(MAX_LINK_KEY_LENGTH);

/** A sub-page target, validated: the one schema for links, aliases and the tab's routes. */
export const deepLinkTargetSchema = z.union([
  z.object({ kind: z.literal('role'), key: linkKeySchema }),
  z.object({ kind: z.literal('competency'), key: linkKeySchema }),
  z.object({
    kind: z.literal('compare'),
    keys: z
      .array(linkKeySchema)
      .min(2)
      .max(MAX_COMPARED_ROLES)
      .refine((keys) => new Set(keys).size === keys.length, 'dubbele functie'),
  }),
  z.object({ kind: z.literal('approval'), requestId: requestIdSchema }),
]);

export function parseSubPageId(raw: string | null | undefined): DeepLinkTarget | null {
  if (!raw) return null;
  let value = raw.trim();
  // Some hosts hand over the value still URL-encoded (it travels inside `context=` of a link).
  if (/%[0-9a-f]{2}/i.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  const [kind, ...rest] = value.replace(/^\/+|\/+$/g, '').split('/');
  const candidate =
    kind === 'role' || kind === 'competency'
      ? rest.length === 1
        ? { kind, key: rest[0] }
        : null
      : kind === 'compare'
        ? { kind, keys: rest }
        : kind === 'approval'
          ? rest.length === 1
            ? { kind, requestId: rest[0] }
            : null
          : null;
  if (!candidate) return null;
  const parsed = deepLinkTargetSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function formatSubPageId(target: DeepLinkTarget): string {
  // Validate on the way out too: a malformed link would silently open the catalogue later.
  const valid = deepLinkTargetSchema.parse(target);
  switch (valid.kind) {
    case 'role':
    case 'competency':
      return `${valid.kind}/${valid.key}`;
    case 'compare':
      return `compare/${valid.keys.join('/')}`;
    case 'approval':
      return `approval/${valid.requestId}`;
  }
}

/**
 * A Teams deep link that opens the tab on `target` (DESIGN §5), for cards and "share link"
 * buttons. `appId` is the manifest id, `entityId` the static or configured tab's entity id.
 */
export function buildTeamsDeepLink(options: {
  appId: string;
  entityId: string;
  target: DeepLinkTarget;
  /** Only for a channel tab: Teams refuses a personal tab's link that names a channel. */
  channelId?: string;
  label?: string;
  /** Where a client that cannot open the tab sends the user instead (an https address). */
  webUrl?: string;
}): string {
  const context: Record<string, string> = { subEntityId: formatSubPageId(options.target) };
  if (options.channelId) context.channelId = options.channelId;
  // encodeURIComponent, not URLSearchParams: Teams does not read '+' as a space in a label.
  const query: string[] = [];
  if (options.webUrl) query.push(`webUrl=${encodeURIComponent(options.webUrl)}`);
  if (options.label) query.push(`label=${encodeURIComponent(options.label)}`);
  query.push(`context=${encodeURIComponent(JSON.stringify(context))}`);
  const path = [options.appId, options.entityId].map(encodeURIComponent).join('/');
  return `https://teams.microsoft.com/l/entity/${path}?${query.join('&')}`;
}

const teamsLinkContextSchema = z
  .object({ subEntityId: z.string().optional(), channelId: z.string().optional() })
  .loose();

export interface ParsedTeamsDeepLink {
  appId: string;
  entityId: string;
  /** The raw sub-entity id as the link carries it (null when absent). */
  subEntityId: string | null;
  channelId: string | null;
  webUrl: string | null;
  label: string | null;
  /** The target inside the tab; null when the sub-entity id is missing or malformed. */
  target: DeepLinkTarget | null;
}

/**
 * Reads a link `buildTeamsDeepLink` writes (or Teams' own "copy link"): the inverse of the
 * builder, for the local Teams host and the tests. Null for anything that is not an
 * `https://teams.microsoft.com/l/entity/{appId}/{entityId}` link with a readable context.
 */
export function parseTeamsDeepLink(link: string): ParsedTeamsDeepLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const match = /^\/l\/entity\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (url.protocol !== 'https:' || url.hostname !== 'teams.microsoft.com' || !match) return null;
  let context: z.infer<typeof teamsLinkContextSchema> = {};
  const raw = url.searchParams.get('context');
  if (raw !== null) {
    try {
      const parsed = teamsLinkContextSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) return null;
      context = parsed.data;
    } catch {
      return null;
    }
  }
  try {
    const subEntityId = context.subEntityId ?? null;
    return {
      appId: decodeURIComponent(match[1]!),
      entityId: decodeURIComponent(match[2]!),
      subEntityId,
      channelId: context.channelId ?? null,
      webUrl: url.searchParams.get('webUrl'),
      label: url.searchParams.get('label'),
      target: parseSubPageId(subEntityId),
    };
  } catch {
    return null;
  }
}

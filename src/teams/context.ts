import type { app } from '@microsoft/teams-js';
import { parseSubPageId, type DeepLinkTarget } from './deep-link';
import { resolveLocale, type SupportedLocale } from './locale';
import { parseTeamsTheme, type TeamsTheme } from './theme';

/** What the tab needs from the Teams context, named for the tab rather than for teams-js. */
export interface TeamsContext {
  /**
   * The app's id as this Teams installed it (`context.app.appId`): the org-catalog id for an
   * app IT uploaded, the manifest id only when sideloaded. Deep links must use it.
   */
  appId: string | null;
  /** `web`, `desktop`, `android`, `ios`, …: Teams mobile runs the tab frameless. */
  clientType: string;
  theme: TeamsTheme;
  locale: SupportedLocale;
  /** `content` for the tab, `settings` for the channel tab's configuration page. */
  frameContext: 'content' | 'settings' | 'other';
  subPageId: string | null;
  /** `subPageId` parsed; null when absent or not one of ours. */
  deepLink: DeepLinkTarget | null;
  /** The tab's entity id: the static tab's id or the id chosen on the configuration page. */
  pageId: string | null;
  user: {
    userPrincipalName: string | null;
    loginHint: string | null;
    displayName: string | null;
    /**
     * The Entra object id (`user.id`) and tenant id (`user.tenant.id`) Teams reports for the
     * signed-in user; absent where the host gives none (the local Teams host).
     */
    objectId?: string;
    tenantId?: string;
  };
  team: { id: string; name: string | null; groupId: string | null } | null;
  channel: { id: string; name: string | null } | null;
}

const nonEmpty = (value: string | undefined | null): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

export function toTeamsContext(context: app.Context): TeamsContext {
  const frame = context.page.frameContext;
  const subPageId = nonEmpty(context.page.subPageId);
  const team = context.team?.internalId
    ? {
        id: context.team.internalId,
        name: nonEmpty(context.team.displayName),
        groupId: nonEmpty(context.team.groupId),
      }
    : null;
  const channel = context.channel?.id
    ? { id: context.channel.id, name: nonEmpty(context.channel.displayName) }
    : null;
  return {
    appId: nonEmpty(context.app.appId?.toString()),
    clientType: context.app.host.clientType,
    theme: parseTeamsTheme(context.app.theme),
    locale: resolveLocale(context.app.locale),
    frameContext: frame === 'content' || frame === 'settings' ? frame : 'other',
    subPageId,
    deepLink: parseSubPageId(subPageId),
    pageId: nonEmpty(context.page.id),
    user: {
      userPrincipalName: nonEmpty(context.user?.userPrincipalName),
      loginHint: nonEmpty(context.user?.loginHint),
      displayName: nonEmpty(context.user?.displayName),
      objectId: nonEmpty(context.user?.id) ?? undefined,
      tenantId: nonEmpty(context.user?.tenant?.id) ?? undefined,
    },
    team,
    channel,
  };
}

/**
 * The delegated Microsoft Graph permissions Functiewijzer asks for (DESIGN §4), in one place:
 * the MSAL token requests and the manifest's `webApplicationInfo.nestedAppAuthInfo` must list
 * the same scopes in the same order, or Teams' prefetched token is not the one the tab asks for.
 * `npm run package` refuses a manifest that disagrees with this list.
 */
export const GRAPH_SCOPES = [
  'User.Read',
  'Sites.ReadWrite.All',
  'ChannelMessage.Send',
  'TeamsActivity.Send',
] as const;

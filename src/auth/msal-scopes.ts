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
  // Not in DESIGN §4, but needed in a tenant: the approver group's members decide which
  // decisions count (and who is notified), and Graph lists a group's members or finds a group by
  // name only with this permission. User.Read alone yields the user's own group ids, no more.
  'GroupMember.Read.All',
  // With GroupMember.Read.All alone Graph returns a group's members with limited properties:
  // this makes the approvers' names readable (a warning names who got no notification). A
  // basic profile permission: users may consent to it themselves.
  'User.ReadBasic.All',
] as const;

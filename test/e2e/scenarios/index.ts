import type { Scenario } from '../harness/runner';
import { approvalEndToEnd } from './approval';
import { catalogueTruthAfterSharePointEdit } from './catalogue-truth';
import { directDeepLink, directFlow, directPersonaSwitcher } from './direct';
import { hostWarmOpenBeforeMe } from './early-open';
import { faultsEmulatorKilled, faultsErrorThenRetry, faultsReadsRideOut } from './faults';
import { importDocuments } from './import';
import { keyboardOnly } from './keyboard';
import { axeEveryViewEveryTheme, axeHostAndConfiguration, narrowViewport } from './layout-a11y';
import { hostShellWorker } from './shell-worker';
import {
  hostChannelConfiguration,
  hostCrossOrigin,
  hostDeepLinkAndTheme,
  hostFlow,
  hostPersona,
} from './teams-host';
import {
  teamsBootFailureReported,
  teamsDeepLinksRefused,
  teamsMobileApproval,
  teamsSlowHost,
} from './teams-clients';

export const scenarios: Scenario[] = [
  directFlow,
  directDeepLink,
  directPersonaSwitcher,
  hostFlow,
  hostDeepLinkAndTheme,
  hostPersona,
  hostCrossOrigin,
  hostChannelConfiguration,
  hostWarmOpenBeforeMe,
  hostShellWorker,
  narrowViewport,
  keyboardOnly,
  axeEveryViewEveryTheme,
  axeHostAndConfiguration,
  faultsReadsRideOut,
  faultsErrorThenRetry,
  // On a product of its own (the emulator in its own process, killed and restarted).
  faultsEmulatorKilled,
  // Issue 11: the Teams clients. The mobile approval approves Deskundige ICT, so after the views.
  teamsDeepLinksRefused,
  teamsBootFailureReported,
  teamsSlowHost,
  teamsMobileApproval,
  // Last: it approves and then edits a role, which changes that role's status for later views.
  approvalEndToEnd,
  // Issue 14: after the approvals, so the role it edits keeps whatever approval they gave it.
  catalogueTruthAfterSharePointEdit,
  // Issue 13: adds two roles, so last: the views above count and list the seeded ones.
  importDocuments,
];

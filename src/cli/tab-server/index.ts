/**
 * The tab server: serves the built tab (dist/tab), its runtime configuration (/config.json) and,
 * in local mode only, the local Teams host page (dist/teams-host). Builds the tab first when the
 * build is missing or older than its sources, so a second `npm start` starts in a moment. Over
 * http by default; over https with a local certificate (`npm start -- --https`), because a real
 * Teams client loads only https tabs.
 *
 * One module per concern: config (port, served configuration), build (webpack), csp, static-files,
 * server (routing), tls (the local certificate), launch (`npm start`'s use of all of them).
 */

export {
  DEFAULT_TAB_PORT,
  readTabServerEnv,
  tabServerEnvSchema,
  type TabServerConfig,
} from './config';
export { buildTab, ensureTabBuild, isTabBuildFresh } from './build';
export { tabContentSecurityPolicy, teamsHostContentSecurityPolicy } from './csp';
export { startTabServer, type TabServer, type TabServerOptions } from './server';
export {
  CERTIFICATE_DIR,
  ensureLocalCertificate,
  trustInstructions,
  type LocalCertificate,
} from './tls';
export {
  openInBrowser,
  startLocalTab,
  startTenantTab,
  type LocalTabOptions,
  type OpenBrowserOptions,
  type TenantTabOptions,
} from './launch';

import type { Scheme, TabServerConfig } from './config';

/**
 * The Content-Security-Policy of the tab and of the local Teams host page: only their own files
 * run, they talk only to the Graph they are configured for, and only the hosts that may frame
 * them do (test/hostile/csp.test.ts; docs/deploy.md quotes the tenant one).
 */

/**
 * Where Microsoft 365 frames a Teams tab — Teams, Outlook and the Microsoft 365 app — as
 * Microsoft lists it (learn.microsoft.com, "Tab requirements"; ../shared/M365-FACTS.md). The one
 * list: the tenant CSP is built from it, and test/hostile/csp.test.ts checks that docs/deploy.md
 * quotes exactly it. `outlook.office365.com` is Outlook on the web's other address; without it
 * the tab stays blank there.
 */
export const TEAMS_FRAME_ANCESTORS: readonly string[] = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

const ENTRA_ID = 'https://login.microsoftonline.com';

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Both names of the loopback server: the host page may be opened on either. */
function loopbackOrigins(port: number, scheme: Scheme): string[] {
  return [`${scheme}://127.0.0.1:${port}`, `${scheme}://localhost:${port}`];
}

export function tabContentSecurityPolicy(
  config: TabServerConfig,
  port: number,
  scheme: Scheme = 'http',
): string {
  const connect = new Set(["'self'", originOf(config.graphBaseUrl)]);
  if (config.mode === 'local') connect.add(originOf(config.emulatorUrl));
  if (config.mode === 'tenant') {
    // MSAL talks to Entra ID: tokens over fetch, silent sign-in in a hidden frame.
    connect.add(ENTRA_ID);
    // The site's own host, and only that one: Graph answers a file's content with a redirect
    // to SharePoint, and fetch follows it under connect-src.
    connect.add(`https://${config.site.hostname}`);
  }
  const ancestors =
    config.mode === 'local'
      ? ["'self'", ...loopbackOrigins(port, scheme)]
      : TEAMS_FRAME_ANCESTORS;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its generated rules as <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    ...(config.mode === 'tenant' ? [`frame-src ${ENTRA_ID}`] : []),
    `frame-ancestors ${ancestors.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function teamsHostContentSecurityPolicy(
  config: Extract<TabServerConfig, { mode: 'local' }>,
  port: number,
  scheme: Scheme = 'http',
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${originOf(config.emulatorUrl)}`,
    `frame-src ${loopbackOrigins(port, scheme).join(' ')}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

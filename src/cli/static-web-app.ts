import {
  loadTenantConfig,
  type TenantConfig,
  toTenantRuntimeConfig,
} from '../config/tenant-config';
import { RUNTIME_CONFIG_PATH } from '../teams/runtime-config';
import { tabContentSecurityPolicy } from './tab-server/csp';
import { CACHE_CONTROL, SHELL_WORKER_PATH, securityHeaderValues } from './tab-server/static-files';

/**
 * `staticwebapp.config.json` for hosting the tab on Azure Static Web Apps (docs/deploy.md step
 * 6): the Content-Security-Policy and headers of the local server (src/cli/tab-server: the same
 * functions, so frame-ancestors and connect-src cannot drift), on every answer; webpack's
 * content-hashed scripts cached for a year, config.json never, the service worker (sw.js)
 * revalidated. `npm run build -- --env name=<env>` writes it into dist/tab/ (webpack.config.js),
 * from env/.env.<env>.
 *
 * Static Web Apps applies `globalHeaders` to every response and lets a route's headers win for the
 * same name (learn.microsoft.com, "Configure Azure Static Web Apps", Global headers / Routes).
 */

export const STATIC_WEB_APP_CONFIG_FILE = 'staticwebapp.config.json';

export interface StaticWebAppConfig {
  globalHeaders: Record<string, string>;
  routes: Array<{ route: string; headers: Record<string, string> }>;
  mimeTypes: Record<string, string>;
}

export function staticWebAppConfig(config: TenantConfig): StaticWebAppConfig {
  // The port is only used for local mode's loopback ancestors; a tenant's CSP does not name it.
  const csp = tabContentSecurityPolicy(toTenantRuntimeConfig(config), 443, 'https');
  return {
    globalHeaders: { ...securityHeaderValues(csp), 'Cache-Control': CACHE_CONTROL.page },
    routes: [
      { route: RUNTIME_CONFIG_PATH, headers: { 'Cache-Control': CACHE_CONTROL.runtimeConfig } },
      // Before the scripts' route (the first matching route wins): sw.js has a fixed name and
      // must be revalidated, or browsers would keep finding the old build's worker.
      { route: SHELL_WORKER_PATH, headers: { 'Cache-Control': CACHE_CONTROL.shellWorker } },
      // Every script and style webpack writes has [contenthash] in its name (webpack.config.js).
      { route: '/*.{js,css,woff2}', headers: { 'Cache-Control': CACHE_CONTROL.hashed } },
    ],
    mimeTypes: { '.json': 'application/json' },
  };
}

/** The file's text for env/.env.<envName>; throws the tenant configuration's Dutch error. */
export function staticWebAppConfigJson(root: string, envName: string): string {
  return `${JSON.stringify(staticWebAppConfig(loadTenantConfig({ root, envName })), null, 2)}\n`;
}

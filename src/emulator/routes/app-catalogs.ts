import { LOCAL_APP_ID, LOCAL_MANIFEST_APP_ID } from '../../teams/protocol';
import { badRequest } from '../graph-error';
import { type Router, json } from '../router';
import { odataContext } from './shared';
import { queryValue } from './sites';

/**
 * `GET /appCatalogs/teamsApps`: the tenant's Teams app catalog, holding Functiewijzer as IT
 * uploads it (docs/deploy.md). An app uploaded to the org catalog gets an id of its own there —
 * `teamsApp.id`, not the manifest's `id`, which Graph keeps as `externalId` — and Teams resolves
 * deep links only by that id (learn.microsoft.com, "Deep link to an application"; Graph
 * "List teamsApp": `$filter=externalId eq '{manifest id}'` gives `value[0].id`).
 */

interface CatalogApp {
  id: string;
  externalId: string;
  displayName: string;
  distributionMethod: 'organization' | 'store' | 'sideloaded';
}

const CATALOG: readonly CatalogApp[] = [
  {
    id: LOCAL_APP_ID,
    externalId: LOCAL_MANIFEST_APP_ID,
    displayName: 'Functiewijzer',
    distributionMethod: 'organization',
  },
];

const FILTERABLE = ['id', 'externalId', 'displayName', 'distributionMethod'] as const;
type Filterable = (typeof FILTERABLE)[number];

/** `field eq 'value'`, joined with `and`: what the documented catalog queries use. */
function parseCatalogFilter(filter: string): Array<{ field: Filterable; value: string }> {
  return filter.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(clause);
    const field = FILTERABLE.find((f) => f === match?.[1]);
    if (!match || !field) throw badRequest(`Invalid filter clause: ${clause.trim()}`);
    return { field, value: (match[2] ?? '').replace(/''/g, "'") };
  });
}

export function registerAppCatalogs(router: Router): void {
  router.add('GET', '/appCatalogs/teamsApps', (ctx) => {
    const filter = queryValue(ctx.req.query, 'filter');
    const clauses = filter ? parseCatalogFilter(filter) : [];
    const value = CATALOG.filter((app) =>
      // Graph compares ids without regard to case.
      clauses.every((c) => app[c.field].toLowerCase() === c.value.toLowerCase()),
    );
    return json(200, {
      '@odata.context': odataContext(ctx, 'appCatalogs/teamsApps'),
      value,
    });
  });
}

import { z } from 'zod';
import type { RunningProduct } from '../harness/product';
import type { Scenario } from '../harness/runner';
import {
  action,
  catalogueShown,
  check,
  heading,
  openRole,
  roleList,
  statusesChecked,
} from './views';

/**
 * Issue 14 end to end: HR changes Deskundige ICT's required level for Klantgerichtheid through
 * Graph, as SharePoint's list UI writes it (one column of one Functiecompetenties row, nothing
 * else); a medewerker reopens the tab, sees "Gewijzigd sinds goedkeuring" in the catalogue, opens
 * the role and sees what changed.
 */

const ROLE_TITLE = 'Deskundige ICT';
const ROLE_KEY = 'deskundige-ict';
const COMPETENCY = 'Klantgerichtheid';

const configSchema = z.object({
  graphBaseUrl: z.string(),
  site: z.object({ hostname: z.string(), path: z.string() }),
});
const personasSchema = z.array(z.object({ upn: z.string(), role: z.string() }));
const tokenSchema = z.object({ access_token: z.string() });
const idsSchema = z.object({
  value: z.array(z.object({ id: z.string(), displayName: z.string().optional() })),
});
const itemsSchema = z.object({
  value: z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) })),
});

/** Sets the required level of the role's Klantgerichtheid row to another one; returns both. */
async function changeLevelAsHr(product: RunningProduct): Promise<{ from: number; to: number }> {
  const getJson = async (url: string, init?: RequestInit): Promise<unknown> => {
    const response = await fetch(url, init);
    check(response.ok, `${init?.method ?? 'GET'} ${url}: HTTP ${response.status}`);
    return response.json();
  };
  const config = configSchema.parse(await getJson(new URL('config.json', product.tabUrl).href));
  const personas = personasSchema.parse(await getJson(`${product.emulatorUrl}/_emulator/personas`));
  const hr = personas.find((p) => p.role === 'hr');
  check(hr, 'de emulator heeft geen HR-persona');
  const { access_token: token } = tokenSchema.parse(
    await getJson(`${product.emulatorUrl}/_emulator/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upn: hr.upn }),
    }),
  );
  const auth = { authorization: `Bearer ${token}` };
  const graph = config.graphBaseUrl.replace(/\/+$/, '');
  const site = idsSchema.shape.value.element.parse(
    await getJson(`${graph}/sites/${config.site.hostname}:${config.site.path}`, { headers: auth }),
  );
  const lists = idsSchema.parse(
    await getJson(`${graph}/sites/${site.id}/lists`, { headers: auth }),
  );
  const listId = (name: string) => {
    const list = lists.value.find((l) => l.displayName === name);
    check(list, `geen lijst ${name} op de site`);
    return list.id;
  };
  const roles = itemsSchema.parse(
    await getJson(
      `${graph}/sites/${site.id}/lists/${listId('Functies')}/items?$expand=fields($select=FunctieKey)&$filter=fields/FunctieKey%20eq%20'${ROLE_KEY}'`,
      { headers: auth },
    ),
  );
  const role = roles.value[0];
  check(role, `geen item ${ROLE_KEY} in Functies`);
  const rows = itemsSchema.parse(
    await getJson(
      `${graph}/sites/${site.id}/lists/${listId('Functiecompetenties')}/items?$expand=fields($select=Title,VereistNiveau)&$filter=fields/FunctieLookupId%20eq%20${role.id}&$top=100`,
      { headers: auth },
    ),
  );
  const row = rows.value.find((r) => r.fields['Title'] === COMPETENCY);
  check(row, `${ROLE_TITLE} heeft geen rij ${COMPETENCY}`);
  const from = Number(row.fields['VereistNiveau']);
  const to = from === 3 ? 2 : from + 1;
  // SharePoint keeps Modified to the second, and a person's edit comes seconds after an
  // approval at the earliest (docs/data-layer.md, "Every edit reaches the catalogue").
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
  await getJson(
    `${graph}/sites/${site.id}/lists/${listId('Functiecompetenties')}/items/${row.id}/fields`,
    {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ VereistNiveau: to }),
    },
  );
  return { from, to };
}

export const catalogueTruthAfterSharePointEdit: Scenario = {
  name: 'Wijziging in SharePoint: HR past een vereist niveau aan via Graph → medewerker ziet "Gewijzigd sinds goedkeuring" in de catalogus en wat er veranderde op de functie',
  async run({ product, newPage }) {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(product.tabUrl);
    await catalogueShown(page);
    // The list shows before the row scan; the status is read once it is exact.
    await statusesChecked(page);
    const entry = roleList(page).getByRole('listitem').filter({ hasText: ROLE_TITLE }).first();
    const before = (await entry.textContent()) ?? '';
    const approvedOn = /Goedgekeurd op (\d{1,2} \p{L}+ \d{4})/u.exec(before)?.[1];
    check(approvedOn, `${ROLE_TITLE} is niet goedgekeurd in de catalogus: ${before}`);

    await changeLevelAsHr(product);

    // A medewerker reopens the tab (a fresh page: the catalogue is read again).
    const again = await newPage({ width: 1280, height: 800 });
    await again.goto(product.tabUrl);
    await catalogueShown(again);
    await roleList(again)
      .getByRole('listitem')
      .filter({ hasText: ROLE_TITLE })
      .filter({ hasText: `Gewijzigd sinds goedkeuring van ${approvedOn}` })
      .first()
      .waitFor();
    check(
      (await action(again, 'Ter goedkeuring voorleggen').count()) === 0,
      'dit is geen medewerker: er is een knop "Ter goedkeuring voorleggen"',
    );

    await openRole(again, ROLE_TITLE);
    await heading(again, ROLE_TITLE).waitFor();
    await again
      .getByRole('heading', { level: 3, name: `Gewijzigd sinds de goedkeuring van ${approvedOn}` })
      .waitFor();
    const changes = again.getByRole('list', { name: 'Wijzigingen' });
    await changes.getByRole('listitem').filter({ hasText: COMPETENCY }).first().waitFor();
    check(
      (await again.getByText(/Geen wijzigingen/).count()) === 0,
      'de functiepagina toont "Geen wijzigingen" onder de wijzigingen',
    );
  },
};

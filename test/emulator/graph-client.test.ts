import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  type Context,
  GraphError,
  HTTPMessageHandler,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { SITE_ID, type TestEmulator, type Who, startTestEmulator } from './helpers';

/**
 * The real `@microsoft/microsoft-graph-client` against the emulator, with the SDK's own request
 * builder, error parsing and batch classes — what the data layer relies on in Microsoft 365.
 * (Its default chain sends tokens only to https Graph hosts, so a two-link chain stands in.)
 */

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});

class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly token: () => Promise<string>) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    options.headers = {
      ...(options.headers as Record<string, string> | undefined),
      Authorization: `Bearer ${await this.token()}`,
    };
    await this.next?.execute(context);
  }
}

function client(who: Who): Client {
  const auth = new BearerMiddleware(() => t.token(who));
  const http = new HTTPMessageHandler();
  auth.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: t.emu.url,
    defaultVersion: 'v1.0',
  });
}

it('works with the SDK’s request builder: path-addressed site, list, items with expand/filter/top', async () => {
  const tom = client('tom');
  const site = (await tom
    .api('/sites/stadtienen.sharepoint.com:/sites/functiewijzer')
    .select('id,displayName')
    .get()) as { id: string };
  expect(site.id).toBe(SITE_ID);
  const list = (await tom.api(`/sites/${site.id}/lists`).post({
    displayName: 'Functies',
    columns: [{ name: 'FunctieKey', text: {}, indexed: true, enforceUniqueValues: true }],
    list: { template: 'genericList' },
  })) as { id: string };
  const hilde = client('hilde');
  const items = `/sites/${site.id}/lists/${list.id}/items`;
  for (const key of ['deskundige-ict', "kennis-van-'t-reglement", 'a&b #1']) {
    await hilde.api(items).post({ fields: { Title: key, FunctieKey: key } });
  }
  const sofie = client('sofie');
  for (const key of ["kennis-van-'t-reglement", 'a&b #1']) {
    // The SDK passes query text through unencoded, so a caller encodes & and # itself (as in Graph).
    const filter = `fields/FunctieKey eq '${key.replace(/'/g, "''")}'`;
    const found = (await sofie
      .api(items)
      .expand('fields($select=Title,FunctieKey)')
      .filter(/[&#]/.test(filter) ? encodeURIComponent(filter) : filter)
      .top(5)
      .get()) as { value: Array<{ fields: { FunctieKey: string } }> };
    expect(found.value.map((i) => i.fields.FunctieKey)).toEqual([key]);
  }
  const ordered = (await sofie
    .api(items)
    .expand('fields')
    .orderby('fields/FunctieKey desc')
    .top(2)
    .get()) as {
    value: Array<{ fields: { FunctieKey: string } }>;
    '@odata.nextLink': string;
  };
  expect(ordered.value.map((i) => i.fields.FunctieKey)).toEqual([
    "kennis-van-'t-reglement",
    'deskundige-ict',
  ]);
  // The SDK only takes https links as absolute: follow the link by its path below /v1.0.
  const rest = (await sofie
    .api(ordered['@odata.nextLink'].slice(t.emu.graphBaseUrl.length))
    .get()) as {
    value: Array<{ fields: { FunctieKey: string } }>;
  };
  expect(rest.value.map((i) => i.fields.FunctieKey)).toEqual(['a&b #1']);
});

it('surfaces Graph errors through the SDK’s GraphError with status, code and request id', async () => {
  const hilde = client('hilde');
  const items = `/sites/${SITE_ID}/lists/Functies/items`;
  const created = (await hilde.api(items).post({ fields: { Title: 'x', FunctieKey: 'x' } })) as {
    id: string;
    eTag: string;
  };
  await hilde.api(`${items}/${created.id}/fields`).patch({ Title: 'y' });
  const stale = await hilde
    .api(`${items}/${created.id}/fields`)
    .header('If-Match', created.eTag)
    .patch({ Title: 'z' })
    .then(
      () => null,
      (err: unknown) => err,
    );
  expect(stale).toBeInstanceOf(GraphError);
  expect(stale).toMatchObject({
    statusCode: 412,
    code: 'preconditionFailed',
    requestId: expect.any(String),
  });
  const duplicate = await hilde
    .api(items)
    .post({ fields: { Title: 'x2', FunctieKey: 'X' } })
    .catch((err: unknown) => err);
  expect(duplicate).toMatchObject({
    statusCode: 500,
    code: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
  });
  const denied = await client('sofie')
    .api(items)
    .post({ fields: { Title: 'x3', FunctieKey: 'x3' } })
    .catch((err: unknown) => err);
  expect(denied).toMatchObject({ statusCode: 403, code: 'accessDenied' });
});

it('builds and reads a JSON batch with the SDK’s batch classes, dependsOn included', async () => {
  const hilde = client('hilde');
  const items = `/sites/${SITE_ID}/lists/Functies/items`;
  const post = (key: string): Request =>
    new Request(`${t.emu.graphBaseUrl}${items}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { Title: key, FunctieKey: key } }),
    });
  const batch = new BatchRequestContent([
    { id: '1', request: post('batch-1') },
    { id: '2', request: post('batch-2'), dependsOn: ['1'] },
    { id: '3', request: new Request(`${t.emu.graphBaseUrl}/me`), dependsOn: ['2'] },
  ]);
  const response = new BatchResponseContent(
    await hilde.api('/$batch').post(await batch.getContent()),
  );
  expect(response.getResponseById('1').status).toBe(201);
  expect(response.getResponseById('2').status).toBe(201);
  const me = (await response.getResponseById('3').json()) as { displayName: string };
  expect(me.displayName).toBe('Hilde Janssens');
});

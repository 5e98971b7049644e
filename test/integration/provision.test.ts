import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  emulatorSharePoint,
  emulatorTokens,
  LOCAL_SITE,
  PERSONAS,
} from '../../src/cli/local-stack';
import { startEmulator } from '../../src/emulator/server';
import { createGraphClient, type GraphHttp } from '../../src/graph/client';
import { ForbiddenError, ValidationError } from '../../src/graph/errors';
import { FUNCTIECOMPETENTIES, LISTS } from '../../src/graph/lists';
import { type Change, formatChange, provision } from '../../src/graph/provision';
import { resolveSiteId } from '../../src/graph/site';
import { describeTargets, instantRetries, type Target } from './harness';

const listPath = (name: string): string => `web/lists/getbytitle('${name}')`;

async function createItem(
  t: Target,
  persona: Parameters<Target['client']>[0],
  list: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const id = t.site.listIds.get(list as never) as string;
  const created = await t
    .client(persona)
    .request('POST', `/sites/${t.siteId}/lists/${id}/items`, z.object({ id: z.string() }).loose(), {
      body: { fields },
    });
  return created.id;
}

describeTargets('provisioning', (target, kind) => {
  it('is idempotent: a second run on a provisioned site changes nothing, and says so', async () => {
    const t = target();
    const changes = await provision(t.client('admin'), t.siteId, { sharePoint: t.sharePoint });
    expect(changes).toEqual([]);
  });

  it('widens a level column of a schema-1 site (maximum 3) to the scales of schema 2, once', async () => {
    if (kind !== 'emulator') return;
    const t = target();
    const http = t.client('admin');
    const listId = t.site.listIds.get('Functiecompetenties');
    const columns = await http.getAll(
      `/sites/${t.siteId}/lists/${listId}/columns`,
      z.object({ id: z.string(), name: z.string() }).loose(),
    );
    const level = columns.find((c) => c.name === 'VereistNiveau');
    // The column as schema 1 provisioned it.
    await http.expectOk('PATCH', `/sites/${t.siteId}/lists/${listId}/columns/${level?.id}`, {
      body: { number: { maximum: 3 } },
    });
    const changes = await provision(http, t.siteId, { sharePoint: t.sharePoint });
    expect(changes).toContainEqual({
      kind: 'column-updated',
      list: 'Functiecompetenties',
      column: 'VereistNiveau',
      properties: expect.arrayContaining(['number']) as unknown as string[],
    });
    const after = await http.request(
      'GET',
      `/sites/${t.siteId}/lists/${listId}/columns/${level?.id}`,
      z.object({ number: z.object({ maximum: z.number() }).loose() }).loose(),
    );
    expect(after.number.maximum).toBe(10);
    expect(await provision(http, t.siteId, { sharePoint: t.sharePoint })).toEqual([]);
  });

  it('creates every declared list with its columns, indexes, unique key and validation', async () => {
    const t = target();
    const http = t.client('admin');
    for (const def of LISTS) {
      const listId = t.site.listIds.get(def.name);
      expect(listId).toBeDefined();
      const columns = await http.getAll(
        `/sites/${t.siteId}/lists/${listId}/columns`,
        z
          .object({
            name: z.string(),
            description: z.string().nullish(),
            indexed: z.boolean().nullish(),
            enforceUniqueValues: z.boolean().nullish(),
            validation: z.object({ formula: z.string() }).loose().nullish(),
          })
          .loose(),
      );
      for (const column of def.columns) {
        const found = columns.find((c) => c.name === column.name);
        expect(found).toBeDefined();
        expect(found?.indexed ?? false).toBe(column.indexed ?? false);
        expect(found?.enforceUniqueValues ?? false).toBe(column.unique ?? false);
        expect(found?.validation?.formula).toBe(column.validation?.formula);
        // Every column says what it is for, in words for HR.
        expect((found?.description ?? '').length).toBeGreaterThan(5);
      }
    }
  });

  it('gives HR a default view per list: competencies grouped by role, by order, levels as dots', async () => {
    const t = target();
    const rest = t.sharePoint.rest;
    const view = z
      .object({ Id: z.string(), ViewQuery: z.string(), ServerRelativeUrl: z.string() })
      .loose();
    const competencies = await rest.get(`${listPath('Functiecompetenties')}/defaultview`, view);
    expect(competencies.ViewQuery).toContain(
      '<GroupBy Collapse="TRUE" GroupLimit="100"><FieldRef Name="Functie" /></GroupBy>',
    );
    expect(competencies.ViewQuery).toContain('<OrderBy><FieldRef Name="Volgorde" /></OrderBy>');
    expect(competencies.ServerRelativeUrl).toMatch(/\/Lists\/Functiecompetenties\/AllItems\.aspx$/);
    const roles = await rest.get(`${listPath('Functies')}/defaultview`, view);
    expect(roles.ViewQuery).toContain('<FieldRef Name="Afdeling" /><FieldRef Name="Dienst" />');
    const decisions = await rest.get(`${listPath('Besluiten')}/defaultview`, view);
    expect(decisions.ViewQuery).toBe(
      '<OrderBy><FieldRef Name="Besluitdatum" Ascending="FALSE" /></OrderBy>',
    );
    const level = await rest.get(
      `${listPath('Functiecompetenties')}/fields/getbyinternalnameortitle('VereistNiveau')`,
      z.object({ CustomFormatter: z.string() }).loose(),
    );
    const declared = FUNCTIECOMPETENTIES.columns.find((c) => c.name === 'VereistNiveau');
    expect(JSON.parse(level.CustomFormatter)).toEqual(declared?.formatter);
    // The scale is the role's, which a formatter here cannot read: the level as "Niveau n".
    expect(level.CustomFormatter).toContain("'Niveau ' + @currentField");
  });

  // Writes and permission changes only on the emulator: never on a real site.
  if (kind !== 'emulator') return;

  it('sets up a fresh site completely in one run and reports every change', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-prov-'));
    const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    try {
      const admin = createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, PERSONAS.admin),
      });
      const siteId = await resolveSiteId(admin, LOCAL_SITE);
      const sharePoint = await emulatorSharePoint(emulator.url, admin);
      const changes = await provision(admin, siteId, { sharePoint });
      const of = (kind: Change['kind']): Change[] => changes.filter((c) => c.kind === kind);
      expect(of('list-created')).toHaveLength(LISTS.length);
      expect(of('level-created')).toEqual([{ kind: 'level-created', name: 'Alleen toevoegen' }]);
      expect(of('inheritance-broken')).toHaveLength(LISTS.length);
      const granted = LISTS.reduce((n, l) => n + l.permissions.length, 0);
      expect(of('role-assigned')).toHaveLength(granted);
      // Breaking inheritance kept IT's account with Full Control; provisioning takes it away again.
      expect(of('role-removed').map((c) => formatChange(c))).toEqual(
        LISTS.map(
          (l) => `${l.name}: Tom Vermeulen (Volledig beheer) verwijderd, niet gedeclareerd`,
        ),
      );
      expect(of('view-updated')).toHaveLength(LISTS.filter((l) => l.view).length);
      expect(of('formatting-set')).toEqual([
        { kind: 'formatting-set', list: 'Functiecompetenties', column: 'VereistNiveau' },
      ]);
      expect(changes.map(formatChange).join('\n')).not.toMatch(/HANDMATIG/);
      expect(await provision(admin, siteId, { sharePoint })).toEqual([]);
    } finally {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('puts back a column setting changed by hand, and reports it', async () => {
    const t = target();
    const http = t.client('admin');
    const listId = t.site.listIds.get('Besluiten') as string;
    const columns = await http.getAll(
      `/sites/${t.siteId}/lists/${listId}/columns`,
      z.object({ id: z.string(), name: z.string() }).loose(),
    );
    const motivering = columns.find((c) => c.name === 'Motivering');
    await http.expectOk('PATCH', `/sites/${t.siteId}/lists/${listId}/columns/${motivering?.id}`, {
      body: { displayName: 'Waarom' },
    });
    const options = { sharePoint: t.sharePoint };
    expect(await provision(http, t.siteId, options)).toEqual([
      {
        kind: 'column-updated',
        list: 'Besluiten',
        column: 'Motivering',
        properties: ['displayName'],
      },
    ]);
    expect(await provision(http, t.siteId, options)).toEqual([]);
  });

  it('sets list permissions again when someone changed them, exactly as declared', async () => {
    const t = target();
    const permissions = t.permissions;
    if (!permissions) throw new Error('emulator zonder machtigingen');
    const listId = t.site.listIds.get('Besluiten') as string;
    await permissions.write(t.siteId, listId, [{ principal: 'hr', access: 'contribute' }]);
    const changes = await provision(t.client('admin'), t.siteId, { sharePoint: t.sharePoint });
    expect(changes.map(formatChange)).toEqual([
      'Besluiten: alle medewerkers (Functiewijzer Bezoekers) mag lezen',
      'Besluiten: goedkeurders (Functiewijzer Goedkeurders) mag alleen toevoegen',
      'Besluiten: IT (Functiewijzer Eigenaars) mag alleen toevoegen',
      'Besluiten: Functiewijzer Leden (Bijdragen) verwijderd, niet gedeclareerd',
    ]);
    expect(await provision(t.client('admin'), t.siteId, { sharePoint: t.sharePoint })).toEqual([]);
  });

  it('leaves permissions that SharePoint enforces: staff read, approvers only add decisions', async () => {
    const t = target();
    const role = { Title: 'Provisie', FunctieKey: 'provisie-test', Soort: 'functieprofiel' };
    await expect(createItem(t, 'staff', 'Functies', role)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createItem(t, 'approver', 'Functies', role)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const roleId = await createItem(t, 'hr', 'Functies', role);
    const decision = {
      Title: 'Besluit',
      FunctieLookupId: roleId,
      InhoudHash: 'h',
      Uitkomst: 'Goedgekeurd',
      Besluitdatum: '2026-01-05',
    };
    await expect(createItem(t, 'hr', 'Besluiten', decision)).rejects.toBeInstanceOf(ForbiddenError);
    const decisionId = await createItem(t, 'approver', 'Besluiten', decision);
    const besluiten = t.site.listIds.get('Besluiten') as string;
    await expect(
      t
        .client('approver')
        .expectOk('PATCH', `/sites/${t.siteId}/lists/${besluiten}/items/${decisionId}/fields`, {
          body: { Uitkomst: 'Afgewezen' },
        }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a level outside the scale and a malformed role key, with the Dutch message', async () => {
    const t = target();
    const hr: GraphHttp = t.client('hr', instantRetries());
    const roleId = await createItem(t, 'hr', 'Functies', {
      Title: 'Schaal',
      FunctieKey: 'schaal-test',
      Soort: 'functiebeschrijving',
    });
    const list = t.site.listIds.get('Functiecompetenties') as string;
    const competenties = t.site.listIds.get('Competenties') as string;
    const competency = await hr.request(
      'POST',
      `/sites/${t.siteId}/lists/${competenties}/items`,
      z.object({ id: z.string() }).loose(),
      { body: { fields: { Title: 'Schaalcompetentie', CompetentieKey: 'schaalcompetentie' } } },
    );
    const write = (level: number): Promise<unknown> =>
      hr.request('POST', `/sites/${t.siteId}/lists/${list}/items`, z.unknown(), {
        body: {
          fields: {
            Title: 'Schaalcompetentie',
            FunctieLookupId: roleId,
            CompetentieLookupId: competency.id,
            VereistNiveau: level,
          },
        },
      });
    const refused = await write(2.5).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.join(' ')).toMatch(/geheel getal van 0 tot 10/);
    await expect(write(2)).resolves.toBeDefined();
    const badKey = await createItem(t, 'hr', 'Functies', {
      Title: 'Fout',
      FunctieKey: 'Deskundige ICT',
      Soort: 'functieprofiel',
    }).catch((e: unknown) => e);
    expect(badKey).toBeInstanceOf(ValidationError);
    expect((badKey as ValidationError).issues.join(' ')).toMatch(/kleine letters/);
  });
});

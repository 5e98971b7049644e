import { z } from 'zod';
import { isUniqueViolation } from '../../graph/errors';
import { LISTS, type ListName } from '../../graph/lists';
import { resolveSiteLists } from '../../graph/site';
import { KIND_CHOICES } from '../../graph/lists/types';
import { answer, type Check, type CheckContext, failed, passed } from './runner';

/**
 * The self-test's SharePoint checks: what the lists do with the writes and queries the product
 * makes, on throw-away items in the provisioned lists (removed afterwards). Each one is a point
 * where the emulator follows documentation or a reported behaviour that only the tenant can
 * confirm (docs/emulator.md; M365-FACTS "SharePoint and Graph").
 */

const PROVISION = 'voer npm run provision -- --tenant <site> opnieuw uit (docs/deploy.md stap 3)';

function listId(ctx: CheckContext, name: ListName): string {
  const id = ctx.lists.get(name);
  if (!id) throw new Error(`lijst ${name} ontbreekt op de site; ${PROVISION}`);
  return id;
}

const itemsPath = (ctx: CheckContext, name: ListName): string =>
  `/sites/${ctx.siteId}/lists/${listId(ctx, name)}/items`;

const created = z.object({ id: z.string().min(1) }).loose();

/** The throw-away role every later check hangs its rows on (made by "zonder null"). */
export const ROLE = 'role';

const columnShape = z
  .object({
    name: z.string(),
    indexed: z.boolean().nullish(),
    enforceUniqueValues: z.boolean().nullish(),
    lookup: z.object({ listId: z.string().nullish() }).loose().nullish(),
  })
  .loose();

export const listsAsDeclared: Check = {
  title: 'Lijsten met opzoekkolommen en unieke geïndexeerde sleutels',
  async run(ctx) {
    const problems: string[] = [];
    let lookups = 0;
    let uniques = 0;
    for (const def of LISTS) {
      const id = ctx.lists.get(def.name);
      if (!id) {
        problems.push(`${def.name} ontbreekt`);
        continue;
      }
      const response = await ctx.it.http.send('GET', `/sites/${ctx.siteId}/lists/${id}/columns`);
      if (response.status !== 200) {
        problems.push(`kolommen van ${def.name} onleesbaar (${answer(response)})`);
        continue;
      }
      const columns = z.object({ value: z.array(columnShape) }).parse(response.body).value;
      for (const column of def.columns) {
        const found = columns.find((c) => c.name === column.name);
        if (!found) {
          problems.push(`${def.name}.${column.name} ontbreekt`);
          continue;
        }
        if (column.type.kind === 'lookup') {
          lookups += 1;
          const target = ctx.lists.get(column.type.list);
          if (
            !found.lookup ||
            (target && found.lookup.listId?.toLowerCase() !== target.toLowerCase())
          )
            problems.push(`${def.name}.${column.name} wijst niet naar ${column.type.list}`);
        }
        if (column.unique) {
          uniques += 1;
          if (found.enforceUniqueValues !== true)
            problems.push(`${def.name}.${column.name} dwingt geen unieke waarden af`);
        }
        if ((column.indexed || column.unique) && found.indexed !== true)
          problems.push(`${def.name}.${column.name} is niet geïndexeerd`);
      }
    }
    return problems.length === 0
      ? passed(
          `${LISTS.length} lijsten, ${lookups} opzoekkolommen en ${uniques} unieke sleutels zoals gedeclareerd, elke gefilterde kolom geïndexeerd.`,
        )
      : failed(problems.join('; '), PROVISION);
  },
};

async function fieldsOf(
  ctx: CheckContext,
  name: ListName,
  id: string,
): Promise<Record<string, unknown>> {
  const response = await ctx.it.http.send('GET', `${itemsPath(ctx, name)}/${id}/fields`);
  if (response.status !== 200) throw new Error(`item ${id} onleesbaar (${answer(response)})`);
  return z.record(z.string(), z.unknown()).parse(response.body);
}

export const writesWithoutNull: Check = {
  title: 'Aanmaken en bijwerken zonder null',
  async run(ctx) {
    // Only the required fields: empty ones are left out, as the product writes.
    const response = await ctx.it.http.send('POST', itemsPath(ctx, 'Functies'), {
      body: {
        fields: {
          Title: `Zelftest ${ctx.stamp}`,
          FunctieKey: `zelftest-${ctx.stamp}`,
          Soort: KIND_CHOICES[0],
        },
      },
    });
    if (response.status !== 201)
      return failed(
        `een functie aanmaken zonder lege velden gaf ${answer(response)}`,
        `meld je aan als sitecollectiebeheerder; ${PROVISION}`,
      );
    const role = created.parse(response.body).id;
    ctx.shared.set(ROLE, role);
    ctx.cleanup(`Functies item ${role}`, async () => {
      await ctx.it.http.expectOk('DELETE', `${itemsPath(ctx, 'Functies')}/${role}`);
    });
    const patch = (fields: Record<string, unknown>) =>
      ctx.it.http.send('PATCH', `${itemsPath(ctx, 'Functies')}/${role}/fields`, { body: fields });
    const filled = await patch({ Doel: 'tijdelijk' });
    const cleared = await patch({ Doel: '' });
    if (filled.status !== 200 || cleared.status !== 200)
      return failed(
        `bijwerken gaf ${answer(filled)} en wissen met "" gaf ${answer(cleared)}`,
        PROVISION,
      );
    const after = await fieldsOf(ctx, 'Functies', role);
    const doel = after['Doel'];
    return doel === undefined || doel === '' || doel === null
      ? passed(
          'aangemaakt met alleen de verplichte velden (201); tekst gewist met "" (200, daarna leeg).',
        )
      : failed(
          `na wissen met "" staat in Doel nog ${JSON.stringify(doel)}`,
          'meld dit aan de ontwikkelaars: het wissen van tekst moet anders (src/graph/mapping).',
        );
  },
};

/** Not an assumption of the product (it never sends null) but the record of what null does. */
export const whatNullDoes: Check = {
  title: 'Wat null doet bij aanmaken en bijwerken',
  async run(ctx) {
    const role = ctx.shared.get(ROLE);
    if (!role) return failed('geen testfunctie (zie "zonder null")', PROVISION);
    const create = await ctx.it.http.send('POST', itemsPath(ctx, 'Functies'), {
      body: {
        fields: {
          Title: `Zelftest ${ctx.stamp} null`,
          FunctieKey: `zelftest-${ctx.stamp}-null`,
          Soort: KIND_CHOICES[0],
          Doel: null,
        },
      },
    });
    if (create.status === 201) {
      const id = created.parse(create.body).id;
      ctx.cleanup(`Functies item ${id}`, async () => {
        await ctx.it.http.expectOk('DELETE', `${itemsPath(ctx, 'Functies')}/${id}`);
      });
    }
    const path = `${itemsPath(ctx, 'Functies')}/${role}/fields`;
    await ctx.it.http.send('PATCH', path, { body: { Doel: 'tijdelijk' } });
    const update = await ctx.it.http.send('PATCH', path, { body: { Doel: null } });
    const doel = (await fieldsOf(ctx, 'Functies', role))['Doel'];
    const clearedBy = doel === undefined || doel === '' || doel === null ? 'gewist' : 'niet gewist';
    return passed(
      `null bij aanmaken: ${answer(create)}; null bij bijwerken: ${answer(update)}, veld ${update.status === 200 ? clearedBy : 'onveranderd'}. Functiewijzer stuurt nooit null.`,
    );
  },
};

export const uniquenessViolation: Check = {
  title: 'Schending van een unieke sleutel (status en code)',
  async run(ctx) {
    if (!ctx.shared.get(ROLE)) return failed('geen testfunctie (zie "zonder null")', PROVISION);
    const response = await ctx.it.http.send('POST', itemsPath(ctx, 'Functies'), {
      body: {
        fields: {
          Title: `Zelftest ${ctx.stamp} dubbel`,
          FunctieKey: `zelftest-${ctx.stamp}`,
          Soort: KIND_CHOICES[0],
        },
      },
    });
    if (response.status < 300) {
      const id = created.parse(response.body).id;
      ctx.cleanup(`Functies item ${id}`, async () => {
        await ctx.it.http.expectOk('DELETE', `${itemsPath(ctx, 'Functies')}/${id}`);
      });
      return failed(
        'een tweede functie met dezelfde FunctieKey werd aanvaard: de kolom dwingt geen unieke waarden af',
        PROVISION,
      );
    }
    // The product's own recogniser (code or message, whatever the status): is it right here?
    const recognised = isUniqueViolation(response.status, response.body);
    return recognised
      ? passed(
          `geweigerd met ${answer(response)}; Functiewijzer herkent dit aan code of boodschap.`,
        )
      : failed(
          `geweigerd met ${answer(response)}, maar niet herkenbaar als dubbele waarde`,
          'meld status, code en boodschap hierboven aan de ontwikkelaars (src/graph/errors.ts, isUniqueViolation).',
        );
  },
};

export const lookupFilterWithoutPrefer: Check = {
  title: 'Filter op FunctieLookupId zonder Prefer-header',
  async run(ctx) {
    const role = ctx.shared.get(ROLE);
    if (!role) return failed('geen testfunctie (zie "zonder null")', PROVISION);
    const row = await ctx.it.http.send('POST', itemsPath(ctx, 'Taakafspraken'), {
      body: { fields: { Title: `Zelftest ${ctx.stamp}`, FunctieLookupId: role, Volgorde: 1 } },
    });
    if (row.status !== 201)
      return failed(`een taakafspraak aanmaken gaf ${answer(row)}`, PROVISION);
    const rowId = created.parse(row.body).id;
    ctx.cleanup(`Taakafspraken item ${rowId}`, async () => {
      await ctx.it.http.expectOk('DELETE', `${itemsPath(ctx, 'Taakafspraken')}/${rowId}`);
    });
    const response = await ctx.it.http.send(
      'GET',
      `${itemsPath(ctx, 'Taakafspraken')}?$expand=fields($select=Title,FunctieLookupId)&$filter=fields/FunctieLookupId eq ${role}`,
    );
    if (response.status !== 200)
      return failed(
        `de filter gaf ${answer(response)}`,
        `de kolom Functie moet geïndexeerd zijn; ${PROVISION}`,
      );
    const ids = z
      .object({ value: z.array(z.object({ id: z.string() }).loose()) })
      .parse(response.body)
      .value.map((i) => i.id);
    return ids.length === 1 && ids[0] === rowId
      ? passed(
          'HTTP 200 met precies de testrij, zonder Prefer: HonorNonIndexedQueriesWarningMayFailRandomly.',
        )
      : failed(`de filter gaf ${ids.length} rijen in plaats van de ene testrij`, PROVISION);
  },
};

export const pageSize: Check = {
  title: 'Paginagrootte $top=5000 met $expand=fields',
  async run(ctx) {
    const response = await ctx.it.http.send(
      'GET',
      `${itemsPath(ctx, 'Functiecompetenties')}?$top=5000&$expand=fields($select=FunctieLookupId)`,
    );
    if (response.status !== 200)
      return failed(
        `${answer(response)}`,
        'meld dit aan de ontwikkelaars: de leespagina moet kleiner (src/graph/repositories).',
      );
    const page = z
      .object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() })
      .loose()
      .parse(response.body);
    const next = page['@odata.nextLink'];
    // A shorter page with a next link is allowed: the product follows @odata.nextLink (getAll).
    const smaller =
      next && page.value.length < 5000
        ? ' (kleiner dan gevraagd; Functiewijzer volgt @odata.nextLink)'
        : '';
    return passed(
      `HTTP 200, ${page.value.length} items op de eerste pagina${next ? `, met een volgende pagina${smaller}` : ''}. Op een site met weinig items zegt dit alleen dat $top=5000 aanvaard wordt.`,
    );
  },
};

/**
 * The tab asks for the site's id and its lists side by side, the lists addressed by the site's
 * path (src/graph/site.ts, `resolveSiteLists`): documented, but only the tenant shows that its
 * answer is the lists of the id-addressed site. The same answer carries each list's
 * `lastModifiedDateTime` (selected there), which the session's first catalogue read takes as its
 * stamp instead of asking again (src/services/catalogue/revalidation.ts): a list without it
 * means the tab still works, one round trip slower.
 */
export const listsBySitePath: Check = {
  title: 'Lijsten van de site via haar pad (één retour bij het starten)',
  async run(ctx) {
    const url = new URL(ctx.siteUrl);
    try {
      const byPath = await resolveSiteLists(ctx.it.http, {
        hostname: url.hostname,
        path: url.pathname.replace(/\/+$/, ''),
      });
      const differ = [...ctx.lists].filter(([name, id]) => byPath.listIds.get(name) !== id);
      if (byPath.siteId !== ctx.siteId || differ.length > 0) {
        return failed(
          `via het pad: site ${byPath.siteId}, andere lijsten: ${differ.map(([n]) => n).join(', ') || 'geen'}`,
          'meld dit aan de ontwikkelaars: het tabblad moet de site dan eerst op id zoeken (src/graph/site.ts).',
        );
      }
      const times = byPath.listTimes?.modified;
      const withoutTime = [...ctx.lists.keys()].filter((name) => {
        const time = times?.get(name);
        return time === undefined || Number.isNaN(Date.parse(time));
      });
      if (withoutTime.length > 0) {
        return failed(
          `dezelfde site en lijsten, maar zonder lastModifiedDateTime (gevraagd met $select) voor ${withoutTime.join(', ')}`,
          'meld dit aan de ontwikkelaars: het tabblad werkt, maar vraagt de tijden van de lijsten dan apart (één retour meer voor de catalogus).',
        );
      }
      return passed(
        `dezelfde site en ${byPath.listIds.size} lijsten als via het id van de site, elk met haar lastModifiedDateTime.`,
      );
    } catch (error) {
      return failed(
        error instanceof Error ? error.message : String(error),
        'meld dit aan de ontwikkelaars: het tabblad moet de site dan eerst op id zoeken (src/graph/site.ts).',
      );
    }
  },
};

export const LIST_CHECKS: readonly Check[] = [
  listsAsDeclared,
  writesWithoutNull,
  whatNullDoes,
  uniquenessViolation,
  lookupFilterWithoutPrefer,
  pageSize,
  listsBySitePath,
];

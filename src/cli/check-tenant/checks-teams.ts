import { z } from 'zod';
import type { ListName } from '../../graph/lists';
import { ADAPTIVE_CARD_CONTENT_TYPE, APPROVAL_ACTIVITY_TYPE } from '../../teams/approval-card';
import { PERSONAL_TAB_ENTITY_ID } from '../../teams/protocol';
import { ROLE } from './checks-lists';
import { answer, type Check, type CheckContext, failed, passed } from './runner';

/**
 * The self-test's checks of people and Teams: who may decide, whose decision SharePoint records,
 * who the approvers are through nested groups, the app's id in the org catalog, the approval
 * card with its reply, the activity notification, and the list permissions as the two
 * accounts experience them.
 */

const PROVISION = 'voer npm run provision -- --tenant <site> opnieuw uit (docs/deploy.md stap 3)';
const DECISION = 'decision';

const itemsPath = (ctx: CheckContext, name: ListName): string => {
  const id = ctx.lists.get(name);
  if (!id) throw new Error(`lijst ${name} ontbreekt op de site; ${PROVISION}`);
  return `/sites/${ctx.siteId}/lists/${id}/items`;
};

const created = z.object({ id: z.string().min(1) }).loose();

export const approverAddsDecision: Check = {
  title: 'Een goedkeurder (alleen toevoegen) maakt een besluit aan via Graph',
  async run(ctx) {
    const role = ctx.shared.get(ROLE);
    if (!role) return failed('geen testfunctie (zie "zonder null")', PROVISION);
    const response = await ctx.approver.http.send('POST', itemsPath(ctx, 'Besluiten'), {
      body: {
        fields: {
          Title: `Zelftest ${ctx.stamp}`,
          FunctieLookupId: role,
          InhoudHash: `zelftest-${ctx.stamp}`,
          Uitkomst: 'Goedgekeurd',
          Besluitdatum: new Date().toISOString().slice(0, 10),
          Geimporteerd: true,
          Motivering: 'Zelftest van npm run check-tenant; mag blijven staan.',
        },
      },
    });
    if (response.status !== 201)
      return failed(
        `${ctx.approver.upn} kreeg ${answer(response)}`,
        `zet de goedkeurder in de Entra-groep Functiewijzer Goedkeurders en die in de SharePoint-groep (docs/deploy.md stap 4); ${PROVISION}`,
      );
    const id = created.parse(response.body).id;
    ctx.shared.set(DECISION, id);
    ctx.cleanup(`Besluiten item ${id}`, () =>
      Promise.reject(
        new Error(
          'Besluiten is alleen-toevoegen: niemand kan een besluit wissen; laat het staan of verwijder het als sitecollectiebeheerder',
        ),
      ),
    );
    return passed(`${ctx.approver.upn} maakte besluit ${id} aan (201).`);
  },
};

const createdByShape = z
  .object({
    createdBy: z
      .object({
        user: z
          .object({
            id: z.string().nullish(),
            email: z.string().nullish(),
            displayName: z.string().nullish(),
          })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

export const createdByUserId: Check = {
  title: 'createdBy.user.id van een lijstitem',
  async run(ctx) {
    const id = ctx.shared.get(DECISION);
    if (!id) return failed('geen testbesluit (zie de vorige controle)', 'los eerst die op.');
    const response = await ctx.approver.http.send('GET', `${itemsPath(ctx, 'Besluiten')}/${id}`);
    if (response.status !== 200)
      return failed(`het besluit lezen gaf ${answer(response)}`, PROVISION);
    const user = createdByShape.parse(response.body).createdBy?.user;
    if (user?.id)
      return user.id.toLowerCase() === ctx.approver.id.toLowerCase()
        ? passed(`aanwezig en gelijk aan de id van ${ctx.approver.upn}.`)
        : failed(
            `aanwezig maar ${user.id}, niet de id van ${ctx.approver.upn} (${ctx.approver.id})`,
            'meld dit aan de ontwikkelaars: de maker van een besluit wordt dan verkeerd herkend.',
          );
    if (user?.email)
      return passed(
        `geen id, wel e-mail ${user.email}: Functiewijzer herkent de maker dan aan e-mail/UPN en vermeldt dat.`,
      );
    return failed(
      'createdBy.user heeft geen id en geen e-mail',
      'meld dit aan de ontwikkelaars: de maker van een besluit is dan niet te herkennen.',
    );
  },
};

export const permissionsAsDeclared: Check = {
  title: 'Lijstmachtigingen zoals de twee accounts ze ervaren',
  async run(ctx) {
    const decision = ctx.shared.get(DECISION);
    const problems: string[] = [];
    const seen: string[] = [];
    if (decision) {
      const path = `${itemsPath(ctx, 'Besluiten')}/${decision}/fields`;
      // Only the approver: IT signs in as site collection administrator, who may always edit in
      // SharePoint (docs/deploy.md 4c), so a probe as IT would really change a decision.
      const edit = await ctx.approver.http.send('PATCH', path, {
        body: { Motivering: 'gewijzigd' },
      });
      if (edit.status === 403) seen.push('goedkeurder kan zijn besluit niet wijzigen (403)');
      else problems.push(`goedkeurder kon zijn besluit wijzigen (${answer(edit)})`);
    } else {
      problems.push('geen testbesluit om alleen-toevoegen te controleren');
    }
    const write = await ctx.approver.http.send('POST', itemsPath(ctx, 'Functies'), {
      body: {
        fields: {
          Title: `Zelftest ${ctx.stamp} rechten`,
          FunctieKey: `zelftest-${ctx.stamp}-rechten`,
          Soort: 'functiebeschrijving',
        },
      },
    });
    if (write.status === 403) seen.push('goedkeurder kan geen functie aanmaken (403)');
    else {
      problems.push(`goedkeurder kon een functie aanmaken (${answer(write)})`);
      if (write.status === 201) {
        const id = created.parse(write.body).id;
        ctx.cleanup(`Functies item ${id}`, async () => {
          await ctx.it.http.expectOk('DELETE', `${itemsPath(ctx, 'Functies')}/${id}`);
        });
      }
    }
    const read = await ctx.approver.http.send('GET', `${itemsPath(ctx, 'Functies')}?$top=1`);
    if (read.status === 200) seen.push('wel lezen (200)');
    else problems.push(`goedkeurder kan Functies niet lezen (${answer(read)})`);
    return problems.length === 0
      ? passed(`${seen.join(', ')}.`)
      : failed(problems.join('; '), `${PROVISION}; daarna docs/deploy.md stap 4 (groepen)`);
  },
};

const memberShape = z.object({
  value: z.array(z.object({ id: z.string() }).loose()),
});

export const transitiveApprovers: Check = {
  title: 'Transitieve leden van de groep goedkeurders',
  async run(ctx) {
    const group = encodeURIComponent(ctx.config.approverGroupId);
    const transitive = await ctx.it.http.send(
      'GET',
      `/groups/${group}/transitiveMembers/microsoft.graph.user?$select=id,displayName`,
    );
    if (transitive.status !== 200)
      return failed(
        `transitiveMembers gaf ${answer(transitive)}`,
        'controleer APPROVER_GROUP_ID (docs/deploy.md stap 4b) en de toestemming voor GroupMember.Read.All (stap 2).',
      );
    const all = memberShape.parse(transitive.body).value.map((m) => m.id.toLowerCase());
    const direct = await ctx.it.http.send('GET', `/groups/${group}/members?$select=id`);
    const directCount = direct.status === 200 ? memberShape.parse(direct.body).value.length : null;
    const counts = `${all.length} gebruikers transitief${directCount === null ? '' : `, ${directCount} directe leden`}`;
    return all.includes(ctx.approver.id.toLowerCase())
      ? passed(`${counts}; ${ctx.approver.upn} hoort erbij.`)
      : failed(
          `${counts}; ${ctx.approver.upn} hoort er niet bij`,
          'zet de goedkeurder (rechtstreeks of via een geneste groep) in Functiewijzer Goedkeurders (docs/deploy.md stap 4b).',
        );
  },
};

const catalogShape = z.object({
  value: z.array(
    z
      .object({
        id: z.string(),
        externalId: z.string().nullish(),
        distributionMethod: z.string().nullish(),
      })
      .loose(),
  ),
});

export const orgCatalogId: Check = {
  title: 'Id van de app in de organisatiecatalogus',
  async run(ctx) {
    const manifest = ctx.config.manifestAppId;
    const response = await ctx.it.http.send(
      'GET',
      `/appCatalogs/teamsApps?$filter=externalId eq '${manifest}'`,
    );
    if (response.status !== 200)
      return failed(
        `de catalogus lezen gaf ${answer(response)}`,
        'voeg de gedelegeerde machtiging AppCatalog.Read.All toe en verleen toestemming (docs/deploy.md stap 2).',
      );
    const apps = catalogShape.parse(response.body).value;
    if (apps.length !== 1)
      return failed(
        `${apps.length} apps met manifest-id ${manifest} in de catalogus`,
        'upload het app-pakket in het Teams-beheercentrum (docs/deploy.md stap 7), precies één keer.',
      );
    const app = apps[0] as (typeof apps)[number];
    if (ctx.config.catalogAppId && ctx.config.catalogAppId.toLowerCase() !== app.id.toLowerCase())
      return failed(
        `de catalogus gaf ${app.id}, maar TEAMS_CATALOG_APP_ID is ${ctx.config.catalogAppId}`,
        `zet TEAMS_CATALOG_APP_ID=${app.id} in env/.env.<naam> en maak het pakket en config.json opnieuw (stap 6 en 7).`,
      );
    ctx.shared.set('catalogAppId', app.id);
    return passed(
      `manifest-id ${manifest} staat in de catalogus als ${app.id} (${app.distributionMethod ?? 'onbekend'}); deeplinks gebruiken die id.`,
    );
  },
};

export const cardAndReply: Check = {
  title: 'Kaart en antwoord in het goedkeuringskanaal',
  async run(ctx) {
    const channel = `/teams/${encodeURIComponent(ctx.config.teamId)}/channels/${encodeURIComponent(ctx.config.channelId)}/messages`;
    const card = {
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        {
          type: 'TextBlock',
          text: `Zelftest van Functiewijzer (${ctx.stamp}); mag verwijderd worden.`,
          wrap: true,
        },
      ],
    };
    const post = await ctx.it.http.send('POST', channel, {
      body: {
        subject: 'Zelftest Functiewijzer',
        body: { contentType: 'html', content: '<attachment id="zelftest"></attachment>' },
        attachments: [
          {
            id: 'zelftest',
            contentType: ADAPTIVE_CARD_CONTENT_TYPE,
            content: JSON.stringify(card),
          },
        ],
      },
    });
    if (post.status !== 201)
      return failed(
        `${ctx.it.upn} kon geen kaart plaatsen: ${answer(post)}`,
        'controleer APPROVAL_TEAM_ID en APPROVAL_CHANNEL_ID (docs/deploy.md stap 5), het lidmaatschap van het team en ChannelMessage.Send (stap 2).',
      );
    const id = created.parse(post.body).id;
    ctx.cleanup(`kanaalbericht ${id}`, () =>
      Promise.reject(
        new Error(
          'Graph wist kanaalberichten niet met ChannelMessage.Send; verwijder het in Teams',
        ),
      ),
    );
    const reply = await ctx.approver.http.send(
      'POST',
      `${channel}/${encodeURIComponent(id)}/replies`,
      {
        body: { body: { contentType: 'html', content: 'Zelftest: antwoord van een goedkeurder.' } },
      },
    );
    return reply.status === 201
      ? passed(`kaart ${id} geplaatst door ${ctx.it.upn}, antwoord door ${ctx.approver.upn}.`)
      : failed(
          `kaart geplaatst, maar ${ctx.approver.upn} kon niet antwoorden: ${answer(reply)}`,
          'maak de goedkeurder lid van het team van het goedkeuringskanaal (docs/deploy.md stap 5).',
        );
  },
};

export const activityNotification: Check = {
  title: 'Activiteitsmelding aan één goedkeurder',
  async run(ctx) {
    const appId =
      ctx.shared.get('catalogAppId') ?? ctx.config.catalogAppId ?? ctx.config.manifestAppId;
    const webUrl = `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(PERSONAL_TAB_ENTITY_ID)}`;
    const response = await ctx.it.http.send(
      'POST',
      `/users/${encodeURIComponent(ctx.approver.id)}/teamwork/sendActivityNotification`,
      {
        body: {
          topic: { source: 'text', value: 'Functiewijzer', webUrl },
          activityType: APPROVAL_ACTIVITY_TYPE,
          previewText: { content: `Zelftest van Functiewijzer (${ctx.stamp})` },
          templateParameters: [{ name: 'functie', value: 'Zelftest' }],
        },
      },
    );
    return response.status === 204 || response.status === 200
      ? passed(`melding van ${ctx.it.upn} aan ${ctx.approver.upn} aanvaard (${response.status}).`)
      : failed(
          `${answer(response)}`,
          'de goedkeurder moet de app geïnstalleerd hebben (installatiebeleid, docs/deploy.md stap 7) en de app TeamsActivity.Send met toestemming (stap 2).',
        );
  },
};

export const TEAMS_CHECKS: readonly Check[] = [
  approverAddsDecision,
  createdByUserId,
  permissionsAsDeclared,
  transitiveApprovers,
  orgCatalogId,
  cardAndReply,
  activityNotification,
];

import type { Page } from 'playwright-core';
import { z } from 'zod';
import type { InstalledApp } from '../../../src/emulator/teams-host/host-protocol';
import { resolveTeamsDeepLink } from '../../../src/emulator/teams-host/host-protocol';
import {
  DEFAULT_CHANNEL_ENTITY_ID,
  LOCAL_CHANNEL,
  LOCAL_TEAM,
} from '../../../src/emulator/teams-host/host-state';
import { buildTeamsDeepLink } from '../../../src/teams/deep-link';
import {
  LOCAL_APP_ID,
  LOCAL_MANIFEST_APP_ID,
  PERSONAL_TAB_ENTITY_ID,
} from '../../../src/teams/protocol';
import { mobileTabReady, openOnMobile } from '../harness/mobile';
import type { RunningProduct } from '../harness/product';
import type { Scenario } from '../harness/runner';
import { choose, hostTabReady, initializeCount } from './host';
import { check, heading } from './views';

/**
 * Issue 11: the tab in every Teams client, against a local host as strict as Teams — Teams
 * mobile (frameless, top-level, 360 px), deep links resolved by the org-catalog id and the
 * tab's own entity id and channel, the loading contract, and a slow Teams.
 */

const ROLE_TITLE = 'Deskundige ICT';
const ROLE_KEY = 'deskundige-ict';

const personasSchema = z.array(
  z.object({ upn: z.string(), displayName: z.string(), role: z.string() }),
);
const tokenSchema = z.object({ access_token: z.string() });
const configSchema = z.object({ graphBaseUrl: z.string() });
const messagesSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      attachments: z.array(z.object({ content: z.string().nullable() })),
    }),
  ),
});
const cardSchema = z.object({ actions: z.array(z.object({ url: z.string() })) });

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  check(response.ok, `${init?.method ?? 'GET'} ${url}: HTTP ${response.status}`);
  return response.json();
}

async function persona(product: RunningProduct, role: string) {
  const personas = personasSchema.parse(await getJson(`${product.emulatorUrl}/_emulator/personas`));
  const found = personas.find((p) => p.role === role);
  check(found, `de emulator heeft geen persona ${role}`);
  return found;
}

/** A persona's Graph access: its own token from the emulator, in the header only. */
async function graphAs(product: RunningProduct, role: string) {
  const who = await persona(product, role);
  const { access_token: token } = tokenSchema.parse(
    await getJson(`${product.emulatorUrl}/_emulator/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upn: who.upn }),
    }),
  );
  const config = configSchema.parse(await getJson(new URL('config.json', product.tabUrl).href));
  const channel = `${config.graphBaseUrl.replace(/\/+$/, '')}/teams/${encodeURIComponent(LOCAL_TEAM.id)}/channels/${encodeURIComponent(LOCAL_CHANNEL.id)}/messages`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    /** The card's "Bekijken en beslissen" link of the message whose card carries `text`. */
    async cardLink(text: string): Promise<string> {
      const messages = messagesSchema.parse(await getJson(`${channel}?$top=50`, { headers }));
      for (const message of messages.value) {
        const content = message.attachments[0]?.content ?? '';
        if (!content.includes(text)) continue;
        const url = cardSchema.parse(JSON.parse(content)).actions[0]?.url;
        if (url) return url;
      }
      throw new Error(`geen kaart met "${text}" in het kanaal`);
    },
    /** Posts a card whose only action opens `url`, as anyone in the channel could. */
    async postCard(title: string, url: string): Promise<void> {
      const card = {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: title, wrap: true }],
        actions: [{ type: 'Action.OpenUrl', title, url }],
      };
      await getJson(channel, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          body: { contentType: 'html', content: '<attachment id="kaart"></attachment>' },
          attachments: [
            {
              id: 'kaart',
              contentType: 'application/vnd.microsoft.card.adaptive',
              content: JSON.stringify(card),
            },
          ],
        }),
      });
    },
  };
}

/** The app as the local host installs it: the channel tab with its default entity id. */
const INSTALLED: InstalledApp = {
  appId: LOCAL_APP_ID,
  personalEntityId: PERSONAL_TAB_ENTITY_ID,
  channelTabs: [{ entityId: DEFAULT_CHANNEL_ENTITY_ID, channelId: LOCAL_CHANNEL.id }],
};

async function noHorizontalScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scrollWidth <= width, `de pagina is ${scrollWidth} px breed op een scherm van ${width} px`);
}

export const teamsMobileApproval: Scenario = {
  name: 'Teams mobiel (frameless, 360 px): HR legt voor vanuit het kanaaltabblad, de algemeen directeur opent de kaart op de telefoon en beslist (issue 11)',
  async run({ product, newPage }) {
    const desktop = await newPage({ width: 1400, height: 900 });
    const note = `Voorgelegd vanuit het kanaal (${Date.now()})`;
    await desktop.goto(`${product.teamsHostUrl}?surface=channel&subPageId=role/${ROLE_KEY}`);
    await hostTabReady(desktop);
    await choose(desktop, 'Gebruiker', /\(HR\)$/);
    const tab = await hostTabReady(desktop);
    await heading(tab, ROLE_TITLE).waitFor();
    await tab.getByRole('button', { name: 'Ter goedkeuring voorleggen' }).click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByLabel('Toelichting (niet verplicht)').fill(note);
    await dialog.getByRole('button', { name: 'Voorleggen' }).click();
    await tab.getByText('Voorgelegd ter goedkeuring.').first().waitFor();

    // The card links as Teams resolves it: the catalog id, the channel tab and its channel.
    const link = await (await graphAs(product, 'approver')).cardLink(note);
    const resolved = resolveTeamsDeepLink(link, INSTALLED);
    check(resolved.ok, `Teams zou de kaartlink weigeren: ${resolved.ok ? '' : resolved.reason}`);
    check(
      resolved.tab.surface === 'channel' && resolved.tab.channelId === LOCAL_CHANNEL.id,
      `de kaart linkt niet naar het kanaaltabblad: ${link}`,
    );

    // The director, on the phone: Teams mobile opens the tab top-level on the card's sub page.
    const director = await persona(product, 'approver');
    const phone = await newPage({ width: 360, height: 740 });
    const surface = await openOnMobile(phone, product.tabUrl, {
      hostClientType: 'android',
      installed: INSTALLED,
      frameContext: 'content',
      theme: 'default',
      locale: 'nl-be',
      entityId: resolved.tab.entityId,
      subPageId: resolved.tab.subPageId,
      user: { upn: director.upn, displayName: director.displayName },
      team: LOCAL_TEAM,
      channel: LOCAL_CHANNEL,
    });
    await mobileTabReady(surface);
    check(
      (await phone.evaluate(() => window.parent === window && window.opener === null)) === true,
      'het tabblad draait op mobiel niet top-level',
    );
    for (const func of ['initialize', 'getContext', 'appInitialization.success']) {
      check(surface.calls.includes(func), `het mobiele protocol mist ${func}: ${surface.calls}`);
    }
    await heading(phone, `Goedkeuring: ${ROLE_TITLE}`).waitFor();
    await noHorizontalScroll(phone, 360);
    await phone.getByRole('button', { name: 'Goedkeuren' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'Goedkeuren' }).click();
    await phone
      .getByText(/^Goedgekeurd door .+ op .+\.$/)
      .first()
      .waitFor();
    await noHorizontalScroll(phone, 360);
  },
};

export const teamsDeepLinksRefused: Scenario = {
  name: 'Teams-host: een deep link met de manifest-id, of naar het persoonlijke tabblad met een kanaal, wordt geweigerd (foutmelding, geen navigatie) (issue 11)',
  async run({ product, newPage }) {
    const hr = await graphAs(product, 'hr');
    const stamp = Date.now();
    const target = { kind: 'role', key: ROLE_KEY } as const;
    const cases = [
      {
        title: `Manifest-id ${stamp}`,
        url: buildTeamsDeepLink({
          appId: LOCAL_MANIFEST_APP_ID,
          entityId: PERSONAL_TAB_ENTITY_ID,
          target,
        }),
        reason: /geen app met id/,
      },
      {
        title: `Persoonlijk met kanaal ${stamp}`,
        url: buildTeamsDeepLink({
          appId: LOCAL_APP_ID,
          entityId: PERSONAL_TAB_ENTITY_ID,
          channelId: LOCAL_CHANNEL.id,
          target,
        }),
        reason: /geen channelId/,
      },
    ];
    for (const c of cases) await hr.postCard(c.title, c.url);

    const page = await newPage({ width: 1400, height: 900 });
    await page.goto(product.teamsHostUrl);
    await hostTabReady(page);
    for (const c of cases) {
      const before = await initializeCount(page);
      await page.getByRole('link', { name: c.title }).click();
      const error = page.locator('#error');
      await error.filter({ hasText: c.reason }).waitFor();
      check(
        (await error.textContent())?.startsWith('Teams kan deze link niet openen.'),
        `de host toont niet dat Teams de link weigert: ${await error.textContent()}`,
      );
      check(
        (await initializeCount(page)) === before,
        `de host opende het tabblad toch voor "${c.title}"`,
      );
    }

    // The same link with the catalog id and without a channel is followed.
    await hr.postCard(
      `Goede link ${stamp}`,
      buildTeamsDeepLink({ appId: LOCAL_APP_ID, entityId: PERSONAL_TAB_ENTITY_ID, target }),
    );
    await page.getByRole('link', { name: `Goede link ${stamp}` }).click();
    const tab = await hostTabReady(page);
    await heading(tab, ROLE_TITLE).waitFor();
  },
};

export const teamsBootFailureReported: Scenario = {
  name: 'Teams-host: een opstartfout toont onze melding en de host krijgt de reden (geen Teams-foutscherm) (issue 11)',
  async run({ product, newPage }) {
    // Graph answers /me with 429 and a Retry-After far beyond what the tab waits: it gives up.
    const response = await fetch(`${product.emulatorUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [{ match: { path: '^/me' }, fault: { type: 'throttle', retryAfterSeconds: 3600 } }],
      }),
    });
    check(response.status === 201, `POST /_emulator/faults: HTTP ${response.status}`);
    try {
      const page = await newPage();
      await page.goto(product.teamsHostUrl);
      await page.waitForFunction(() => document.body.dataset.tabState === 'failed');
      const frame = await (
        await page.locator('iframe[title="Functiewijzer"]').elementHandle()
      )?.contentFrame();
      check(frame, 'geen tabblad-frame');
      await heading(frame, 'Functiewijzer kan niet starten').waitFor();
      await frame.getByRole('button', { name: 'Opnieuw proberen' }).waitFor();
      const status = (await page.locator('#status').textContent()) ?? '';
      check(status.includes('Throttling'), `de host kreeg geen reden: ${status}`);
      check(await page.locator('#teams-error').isHidden(), 'Teams bedekt onze melding');
      const log = await page.locator('#log').innerText();
      check(
        log.includes('→ appInitialization.expectedFailure'),
        `de host kreeg geen expectedFailure:\n${log}`,
      );
    } finally {
      await fetch(`${product.emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
    }
  },
};

export const teamsSlowHost: Scenario = {
  name: 'Teams-host die pas na 5 s op initialize antwoordt: toch een werkend, aangemeld tabblad (issue 11)',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.teamsHostUrl}?slowInitializeMs=5000&subPageId=role/${ROLE_KEY}`);
    await page.waitForFunction(() => document.body.dataset.tabState === 'ready', undefined, {
      timeout: 30_000,
    });
    const tab = await hostTabReady(page);
    await heading(tab, ROLE_TITLE).waitFor();
    // Signed in as the host's user, not started as a plain browser with its own switcher.
    check(
      (await tab.getByLabel('Gebruiker', { exact: true }).count()) === 0,
      'het tabblad startte als gewone browser (met een eigen gebruikerskeuze)',
    );
    check(
      (await page
        .locator('#log li')
        .filter({ hasText: /^→ getContext$/ })
        .count()) > 0,
      'het tabblad vroeg de context niet op',
    );
  },
};

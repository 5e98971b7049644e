import { createGraphClient } from '../graph/client';
import type { ProgressStream } from '../graph/import-writer';
import { readSiteLists, resolveSiteId } from '../graph/site';
import type { ImportIo, TenantImportRequest, WriteDescriptions } from './import';
import { graphImportWrite } from './local-stack';
import {
  explainFailure,
  registrationFrom,
  type SignInDeps,
  type SignInSettings,
  signInWithDeviceCode,
  tenantSite,
  type TenantTokens,
} from './tenant-sign-in';

/** `npm run import -- --tenant <site url> FILE...`: the writer behind src/cli/import.ts. */

const WRITER_NEEDS = 'schrijfrechten op de lijsten (Functiewijzer Leden of Eigenaars)';

export interface TenantImportDeps {
  signIn?: (settings: SignInSettings, deps: SignInDeps) => Promise<TenantTokens>;
  root?: string;
}

/**
 * `--tenant`: signs in (HR or IT for the content; with --approver-sign-in also an approver for
 * the approval lines), checks the site and its lists before writing anything, then writes as
 * the local import does. Which account writes the decisions decides whether they count
 * (docs/approval.md, "Which decisions count"), so the command says it.
 */
export function tenantImportWrite(
  request: TenantImportRequest,
  env: NodeJS.ProcessEnv,
  io: ImportIo & { progress: ProgressStream },
  deps: TenantImportDeps = {},
): WriteDescriptions {
  return async (descriptions) => {
    const site = tenantSite(request.siteUrl);
    const graphBaseUrl = env['GRAPH_BASE_URL'] ?? 'https://graph.microsoft.com/v1.0';
    const signIn = deps.signIn ?? signInWithDeviceCode;
    let account: string | undefined;
    try {
      const settings: SignInSettings = {
        ...registrationFrom(request.registration, env, deps.root ?? process.cwd()),
        sharePointOrigin: `https://${site.hostname}`,
      };
      const content = await signIn(settings, {
        prompt: io.stderr,
        who: 'als HR-medewerker of IT (schrijft de inhoud)',
      });
      account = content.account;
      io.stderr(`Aangemeld als ${content.account}.\n`);
      const http = createGraphClient({ baseUrl: graphBaseUrl, getToken: content.graph });
      const onSite = await readSiteLists(http, await resolveSiteId(http, site));
      if (!onSite.has('Functies') || !onSite.has('Besluiten')) {
        return {
          summary: `Niets weggeschreven: de lijsten van Functiewijzer staan (nog) niet op ${request.siteUrl}. Voer eerst npm run provision -- --tenant ${request.siteUrl} uit (docs/deploy.md stap 3).`,
          failed: true,
        };
      }
      let decisions = content;
      if (request.approverSignIn) {
        decisions = await signIn(settings, {
          prompt: io.stderr,
          who: 'als goedkeurder (algemeen directeur), voor de goedkeuringen uit de documenten',
        });
        io.stderr(`Goedkeuringen worden geschreven als ${decisions.account}.\n`);
      } else if (descriptions.some((d) => d.approval)) {
        io.stderr(
          `Goedkeuringen uit de documenten worden geschreven als ${content.account}: ze tellen alleen als dat account in de groep goedkeurders zit, anders staan ze als historisch besluit (geïmporteerd). Met --approver-sign-in meldt een goedkeurder zich aan en tellen ze (docs/approval.md).\n`,
        );
      }
      const result = await graphImportWrite(env, io.progress, {
        siteUrl: request.siteUrl,
        graphBaseUrl,
        content: content.graph,
        decisions: decisions.graph,
      })(descriptions);
      // A session that expired mid-run reaches the writer as "no connection": say what it was.
      const expired = content.lastFailure?.() ?? decisions.lastFailure?.() ?? null;
      return result.failed && expired
        ? { ...result, summary: `${result.summary}\n${expired.message}` }
        : result;
    } catch (error) {
      return {
        summary: `Niets (meer) weggeschreven: ${explainFailure(error, { siteUrl: request.siteUrl, account, needs: WRITER_NEEDS })}`,
        failed: true,
      };
    }
  };
}

import { AuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { GRAPH_SCOPES } from './msal-scopes';
import {
  SignInError,
  type SignInAction,
  type SignInMode,
  type SignInProblem,
  type SignInProblemCode,
} from './sign-in-problem';

export { SignInError };
export type { SignInAction, SignInMode, SignInProblem, SignInProblemCode };

/**
 * MSAL and Microsoft Entra ID errors, turned into what a member of staff can read and act on:
 * what happened (Dutch), what to do (sign in again, retry, or ask IT — and then exactly what to
 * ask), and the technical code IT needs. Never the token, never the raw server message.
 */

export interface SignInContext {
  clientId: string;
  /** The tab's origin, e.g. https://functiewijzer.stad.be */
  origin: string;
  mode: SignInMode;
}

/** Where the standard (non-Teams) sign-in popup returns to; served beside the tab. */
export const MSAL_REDIRECT_PATH = '/auth-redirect.html';

/** The redirect URI the app registration must list for this mode (DESIGN §6). */
export function expectedRedirectUri(context: Pick<SignInContext, 'origin' | 'mode'>): string {
  const url = new URL(context.origin);
  return context.mode === 'nested'
    ? `brk-multihub://${url.host}`
    : `${url.origin}${MSAL_REDIRECT_PATH}`;
}

interface ErrorFacts {
  code: string;
  aadsts: number | null;
  correlationId: string;
  interactionRequired: boolean;
}

function factsOf(error: unknown): ErrorFacts {
  if (error instanceof AuthError) {
    const withNumber = error as AuthError & { errorNo?: string };
    const fromNumber = withNumber.errorNo ? Number.parseInt(withNumber.errorNo, 10) : Number.NaN;
    const fromText = /AADSTS(\d+)/.exec(`${error.errorMessage} ${error.subError} ${error.message}`);
    const aadsts = Number.isFinite(fromNumber) ? fromNumber : fromText ? Number(fromText[1]) : null;
    return {
      code: error.errorCode,
      aadsts,
      correlationId: error.correlationId,
      interactionRequired: error instanceof InteractionRequiredAuthError,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  const fromText = /AADSTS(\d+)/.exec(text);
  return {
    code: error instanceof Error ? error.name : 'unknown_error',
    aadsts: fromText ? Number(fromText[1]) : null,
    correlationId: '',
    interactionRequired: false,
  };
}

const AADSTS_PROBLEMS: ReadonlyArray<[readonly number[], SignInProblemCode]> = [
  // 65001: no consent; 65005: misconfigured permissions; 90094/90095: admin approval required.
  [[65001, 65005, 90094, 90095], 'consent-required'],
  [[65004], 'consent-declined'],
  [[50105], 'not-assigned'],
  // 700016: app not in this tenant; 90002: tenant not found; 7000112: app disabled.
  [[700016, 90002, 7000112], 'app-not-found'],
  // 50011: redirect URI not registered; 9002326: registered as Web instead of SPA.
  [[50011, 9002326], 'redirect-uri'],
  [[53000, 53001, 53002, 53003, 530003], 'blocked-by-policy'],
];

const CODE_PROBLEMS: Readonly<Record<string, SignInProblemCode>> = {
  consent_required: 'consent-required',
  access_denied: 'consent-declined',
  popup_window_error: 'popup-blocked',
  empty_window_error: 'popup-blocked',
  user_cancelled: 'cancelled',
  user_canceled: 'cancelled',
  interaction_in_progress: 'interaction-in-progress',
  interaction_in_progress_cancelled: 'interaction-in-progress',
  no_network_connectivity: 'offline',
  network_error: 'offline',
  post_request_failed: 'offline',
  get_request_failed: 'offline',
  timed_out: 'timed-out',
  monitor_window_timeout: 'timed-out',
  nested_app_auth_bridge_disabled: 'nested-auth-unavailable',
  no_account_error: 'sign-in-required',
  no_account_found: 'sign-in-required',
  no_tokens_found: 'sign-in-required',
  login_required: 'sign-in-required',
  interaction_required: 'sign-in-required',
};

function classify(facts: ErrorFacts): SignInProblemCode {
  if (facts.aadsts !== null) {
    for (const [numbers, code] of AADSTS_PROBLEMS) {
      if (numbers.includes(facts.aadsts)) return code;
    }
  }
  const byCode = CODE_PROBLEMS[facts.code];
  if (byCode) return byCode;
  return facts.interactionRequired ? 'sign-in-required' : 'unknown';
}

function technicalOf(facts: ErrorFacts): string {
  return [
    facts.code || 'onbekende fout',
    facts.aadsts !== null ? `AADSTS${facts.aadsts}` : null,
    facts.correlationId ? `correlatie-id ${facts.correlationId}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}

const SIGN_IN = '‘Aanmelden’';

export function describeSignInProblem(
  code: SignInProblemCode,
  context: SignInContext,
  technical: string,
): SignInProblem {
  const host = new URL(context.origin).host;
  const problem = (
    message: string,
    action: SignInAction,
    askIt: string | null = null,
  ): SignInProblem => ({ code, message, askIt, action, technical });
  switch (code) {
    case 'sign-in-required':
      return problem(
        `Meld je aan met je account van de stad om Functiewijzer te gebruiken: klik op ${SIGN_IN}.`,
        'sign-in',
      );
    case 'consent-required':
      return problem(
        'Functiewijzer heeft nog geen toestemming om namens jou SharePoint en Teams te gebruiken.',
        'contact-it',
        `Vraag IT om in het Microsoft Entra-beheercentrum beheerderstoestemming te geven voor de app-registratie ${context.clientId} (Microsoft Graph, gedelegeerd: ${GRAPH_SCOPES.join(', ')}); zie docs/deploy.md, stap 2.`,
      );
    case 'consent-declined':
      return problem(
        `De toestemming voor Functiewijzer werd geweigerd, en zonder die toestemming kan Functiewijzer de functiebeschrijvingen niet ophalen. Klik op ${SIGN_IN} en kies ‘Accepteren’.`,
        'sign-in',
      );
    case 'not-assigned':
      return problem(
        'Je account heeft nog geen toegang tot Functiewijzer.',
        'contact-it',
        'Vraag IT om je toe te voegen aan de gebruikers van Functiewijzer (Microsoft Entra-beheercentrum › Bedrijfstoepassingen › Functiewijzer › Gebruikers en groepen).',
      );
    case 'app-not-found':
      return problem(
        'Functiewijzer is in deze organisatie niet (of niet juist) geregistreerd.',
        'contact-it',
        `Vraag IT om AAD_APP_CLIENT_ID (nu ${context.clientId}) en AAD_APP_TENANT_ID in de configuratie van Functiewijzer na te kijken tegen de app-registratie; zie docs/deploy.md, stap 1.`,
      );
    case 'redirect-uri':
      return problem(
        'De app-registratie van Functiewijzer laat aanmelden vanaf dit adres niet toe.',
        'contact-it',
        `Vraag IT om bij de app-registratie ${context.clientId} onder Verificatie › ‘Toepassing met één pagina’ deze omleidings-URI toe te voegen: ${expectedRedirectUri(context)}; zie docs/deploy.md, stap 1.`,
      );
    case 'blocked-by-policy':
      return problem(
        'Het beleid van de organisatie (voorwaardelijke toegang) laat aanmelden bij Functiewijzer vanaf dit toestel of deze plaats niet toe.',
        'contact-it',
        `Vraag IT welke regel voor voorwaardelijke toegang de aanmelding tegenhoudt en geef hen deze gegevens: ${technical}.`,
      );
    case 'popup-blocked':
      return problem(
        `Je browser hield het aanmeldvenster tegen. Sta pop-ups toe voor ${host} en klik op ${SIGN_IN}.`,
        'sign-in',
      );
    case 'cancelled':
      return problem(
        `Het aanmeldvenster werd gesloten voor de aanmelding klaar was. Klik op ${SIGN_IN} om het opnieuw te proberen.`,
        'sign-in',
      );
    case 'interaction-in-progress':
      return problem(
        `Er staat al een aanmeldvenster open. Rond de aanmelding daar af of sluit dat venster, en klik dan op ${SIGN_IN}.`,
        'sign-in',
      );
    case 'offline':
      return problem(
        'Functiewijzer kan de aanmeldservice van Microsoft niet bereiken. Controleer je netwerkverbinding en probeer opnieuw.',
        'retry',
      );
    case 'timed-out':
      return problem(
        `De aanmelding duurde te lang en werd afgebroken. Klik op ${SIGN_IN} om het opnieuw te proberen.`,
        'sign-in',
      );
    case 'nested-auth-unavailable':
      return problem(
        `Teams kon je niet automatisch aanmelden bij Functiewijzer. Klik op ${SIGN_IN}.`,
        'sign-in',
        'Lukt ook dat niet, vraag IT dan na te kijken of Functiewijzer met het pakket van deze omgeving in Teams geïnstalleerd is; zie docs/deploy.md, stap 7.',
      );
    case 'unknown':
      return problem(
        'Aanmelden bij Microsoft 365 is mislukt. Probeer het opnieuw.',
        'retry',
        `Blijft het mislukken, geef IT dan deze gegevens door: ${technical}.`,
      );
  }
}

/** Any error from MSAL (or the Teams bridge behind it), explained. */
export function explainSignInError(error: unknown, context: SignInContext): SignInProblem {
  const facts = factsOf(error);
  return describeSignInProblem(classify(facts), context, technicalOf(facts));
}

/** Errors that only an interactive sign-in (popup) can resolve. */
export function needsInteraction(error: unknown): boolean {
  const facts = factsOf(error);
  if (facts.interactionRequired) return true;
  return classify(facts) === 'sign-in-required';
}

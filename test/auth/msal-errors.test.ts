import {
  BrowserAuthError,
  ClientAuthError,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-browser';
import {
  expectedRedirectUri,
  explainSignInError,
  needsInteraction,
  SignInError,
  type SignInContext,
  type SignInProblemCode,
} from '../../src/auth/msal-errors';
import { TokenUnavailableError } from '../../src/auth/token-provider';

const nested: SignInContext = {
  clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  origin: 'https://functiewijzer.stad.be',
  mode: 'nested',
};
const standard: SignInContext = { ...nested, mode: 'standard' };

const server = (code: string, number: string, text: string) =>
  new ServerError(code, 'corr-9', `AADSTS${number}: ${text}`, '', number);

describe('explainSignInError: what MSAL and Entra ID report, in words and actions', () => {
  const cases: Array<[string, unknown, SignInProblemCode, 'sign-in' | 'retry' | 'contact-it']> = [
    [
      'consent_required',
      new InteractionRequiredAuthError('consent_required', 'c'),
      'consent-required',
      'contact-it',
    ],
    [
      'AADSTS65001 (no consent)',
      server('invalid_grant', '65001', 'The user or administrator has not consented'),
      'consent-required',
      'contact-it',
    ],
    [
      'AADSTS90094 (admin approval)',
      server('access_denied', '90094', 'Admin approval required'),
      'consent-required',
      'contact-it',
    ],
    [
      'AADSTS65004 (consent declined)',
      server('access_denied', '65004', 'User declined to consent'),
      'consent-declined',
      'sign-in',
    ],
    [
      'AADSTS50105 (not assigned)',
      server('invalid_grant', '50105', 'not assigned to a role'),
      'not-assigned',
      'contact-it',
    ],
    [
      'AADSTS700016 (app not found)',
      server('unauthorized_client', '700016', 'Application not found'),
      'app-not-found',
      'contact-it',
    ],
    [
      'AADSTS50011 (redirect URI)',
      server('invalid_request', '50011', 'redirect URI mismatch'),
      'redirect-uri',
      'contact-it',
    ],
    [
      'AADSTS53003 (conditional access)',
      server('access_denied', '53003', 'blocked by Conditional Access'),
      'blocked-by-policy',
      'contact-it',
    ],
    [
      'interaction_in_progress',
      new BrowserAuthError('interaction_in_progress', 'c'),
      'interaction-in-progress',
      'sign-in',
    ],
    [
      'popup_window_error (blocked)',
      new BrowserAuthError('popup_window_error', 'c'),
      'popup-blocked',
      'sign-in',
    ],
    [
      'empty_window_error (blocked)',
      new BrowserAuthError('empty_window_error', 'c'),
      'popup-blocked',
      'sign-in',
    ],
    ['user_cancelled', new BrowserAuthError('user_cancelled', 'c'), 'cancelled', 'sign-in'],
    [
      'user_canceled (via the Teams bridge)',
      new ClientAuthError('user_canceled', 'c'),
      'cancelled',
      'sign-in',
    ],
    [
      'no_network_connectivity',
      new BrowserAuthError('no_network_connectivity', 'c'),
      'offline',
      'retry',
    ],
    ['timed_out', new BrowserAuthError('timed_out', 'c'), 'timed-out', 'sign-in'],
    [
      'nested_app_auth_bridge_disabled',
      new ClientAuthError('nested_app_auth_bridge_disabled', 'c'),
      'nested-auth-unavailable',
      'sign-in',
    ],
    [
      'login_required',
      new InteractionRequiredAuthError('login_required', 'c'),
      'sign-in-required',
      'sign-in',
    ],
    ['something else', new Error('boom'), 'unknown', 'retry'],
  ];

  it.each(cases)('%s', (_label, error, code, action) => {
    const problem = explainSignInError(error, nested);
    expect(problem.code).toBe(code);
    expect(problem.action).toBe(action);
    // Whenever only IT can help, the user gets the exact question to ask.
    if (action === 'contact-it') expect(problem.askIt).toMatch(/^Vraag IT /);
  });

  it('reads the AADSTS number from the message when MSAL gives no errorNo (the Teams bridge)', () => {
    const error = new ServerError(
      '',
      'corr',
      'AADSTS65001: The user or administrator has not consented',
    );
    expect(explainSignInError(error, nested).code).toBe('consent-required');
  });

  it('asks IT for the redirect URI that fits how the user signs in', () => {
    const error = server('invalid_request', '50011', 'mismatch');
    expect(explainSignInError(error, nested).askIt).toContain(
      'brk-multihub://functiewijzer.stad.be',
    );
    expect(explainSignInError(error, standard).askIt).toContain(
      'https://functiewijzer.stad.be/auth-redirect.html',
    );
    expect(expectedRedirectUri({ origin: 'https://localhost:53000', mode: 'nested' })).toBe(
      'brk-multihub://localhost:53000',
    );
  });

  it('names the app registration and the Graph permissions for consent', () => {
    const problem = explainSignInError(server('access_denied', '90094', 'x'), nested);
    expect(problem.message).toBe(
      'Functiewijzer heeft nog geen toestemming om namens jou SharePoint en Teams te gebruiken.',
    );
    expect(problem.askIt).toContain(nested.clientId);
    expect(problem.askIt).toContain('Sites.ReadWrite.All');
  });

  it('gives IT the codes, never the server’s raw text', () => {
    const problem = explainSignInError(new Error('secret detail'), nested);
    expect(problem.technical).toBe('Error');
    expect(problem.askIt).toBe('Blijft het mislukken, geef IT dan deze gegevens door: Error.');
    const withCodes = explainSignInError(
      server('invalid_grant', '50105', 'user x@stad.be'),
      nested,
    );
    expect(withCodes.technical).toBe('invalid_grant, AADSTS50105, correlatie-id corr-9');
  });

  it('SignInError is a TokenUnavailableError whose message includes what to ask IT', () => {
    const problem = explainSignInError(server('invalid_grant', '50105', 'x'), nested);
    const error = new SignInError(problem);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect(error.message).toBe(`${problem.message} ${problem.askIt}`);
  });
});

describe('needsInteraction', () => {
  it('is true for InteractionRequiredAuthError and for a missing account only', () => {
    expect(needsInteraction(new InteractionRequiredAuthError('consent_required', 'c'))).toBe(true);
    expect(needsInteraction(new BrowserAuthError('no_account_error', 'c'))).toBe(true);
    expect(needsInteraction(new BrowserAuthError('no_network_connectivity', 'c'))).toBe(false);
    expect(needsInteraction(new BrowserAuthError('popup_window_error', 'c'))).toBe(false);
    expect(needsInteraction(new Error('x'))).toBe(false);
  });
});

import { TokenUnavailableError } from './token-provider';

/**
 * A sign-in problem as the tab shows it. Kept apart from msal-errors.ts (which needs
 * msal-browser) so the tab's start-up code can recognise one without loading MSAL in local mode.
 */

export type SignInMode = 'nested' | 'standard';

export type SignInProblemCode =
  | 'sign-in-required'
  | 'consent-required'
  | 'consent-declined'
  | 'not-assigned'
  | 'app-not-found'
  | 'redirect-uri'
  | 'blocked-by-policy'
  | 'popup-blocked'
  | 'cancelled'
  | 'interaction-in-progress'
  | 'offline'
  | 'timed-out'
  | 'nested-auth-unavailable'
  | 'unknown';

/** What the tab should offer: the sign-in button, a plain retry, or only the text for IT. */
export type SignInAction = 'sign-in' | 'retry' | 'contact-it';

export interface SignInProblem {
  code: SignInProblemCode;
  /** For the user, in Dutch: what happened and, where they can, what to do. */
  message: string;
  /** In Dutch, ready to pass on: what to ask IT. Null when the user can solve it alone. */
  askIt: string | null;
  action: SignInAction;
  /** For IT: MSAL's error code, the AADSTS number and the correlation id, when known. */
  technical: string;
}

/** Thrown by the MSAL token provider; `message` is the user's text plus what to ask IT. */
export class SignInError extends TokenUnavailableError {
  constructor(readonly problem: SignInProblem) {
    super(problem.askIt ? `${problem.message} ${problem.askIt}` : problem.message);
  }
}

/** The sign-in problem behind `error`, when it is one; otherwise null. */
export function signInProblemOf(error: unknown): SignInProblem | null {
  return error instanceof SignInError ? error.problem : null;
}

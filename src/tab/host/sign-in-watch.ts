import type { MsalTokenProvider } from '../../auth/msal-token-provider';
import { signInProblemOf, type SignInProblem } from '../../auth/sign-in-problem';
import type { TokenProvider } from '../../auth/token-provider';

/**
 * Tenant mode after start-up. A session can lapse while the tab is open (the sign-in expired,
 * consent was withdrawn); without this the user would only see "no connection" from Graph. The
 * host shows `problem` with the Aanmelden button, which calls `signIn()` from the click.
 */
export interface SignInWatch {
  readonly problem: SignInProblem | null;
  /** Called whenever `problem` changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Interactive sign-in; call it straight from the click. Rejects with the new problem. */
  signIn(): Promise<void>;
}

export function watchSignIn(provider: MsalTokenProvider): {
  tokenProvider: TokenProvider;
  watch: SignInWatch;
} {
  let problem: SignInProblem | null = null;
  const listeners = new Set<() => void>();
  const set = (next: SignInProblem | null) => {
    if (next === problem) return;
    problem = next;
    for (const listener of listeners) listener();
  };
  // A failure that needs the user becomes the problem shown; the caller still gets the error.
  const fail = (error: unknown): never => {
    const next = signInProblemOf(error);
    if (next) set(next);
    throw error;
  };
  return {
    tokenProvider: {
      getToken: () =>
        provider.getToken().then((token) => {
          set(null);
          return token;
        }, fail),
      invalidate: () => provider.invalidate(),
    },
    watch: {
      get problem() {
        return problem;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      signIn() {
        return provider.signIn().then(() => set(null), fail);
      },
    },
  };
}

/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { SignInProblem } from '../../../src/auth/sign-in-problem';
import { BootError, SignInRequired } from '../../../src/tab/host/boot';
import { BootFailure } from '../../../src/tab/host/BootFailure';
import { SignInBanner } from '../../../src/tab/host/SignInBanner';
import type { SignInWatch } from '../../../src/tab/host/sign-in-watch';

/**
 * The start-up screens take their words from src/i18n like the rest of the tab: Dutch by
 * default, English in an English Teams. The sign-in problem and the start-up error themselves
 * are worded in Dutch only, and are marked as Dutch for a screen reader.
 */

const problem: SignInProblem = {
  code: 'sign-in-required',
  message: 'Meld u aan om verder te gaan.',
  askIt: null,
  action: 'sign-in',
  technical: 'interaction_required',
};

const signInRequired = (): SignInRequired =>
  new SignInRequired(problem, () => new Promise(() => undefined));

const watching = (p: SignInProblem | null): SignInWatch => ({
  problem: p,
  subscribe: () => () => undefined,
  signIn: () => Promise.resolve(),
});

describe('the failure screen', () => {
  it('is in Dutch without a locale', () => {
    render(
      <BootFailure
        error={new BootError('De emulator antwoordt niet.')}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Functiewijzer kan niet starten');
    expect(screen.getByRole('main').getAttribute('lang')).toBe('nl-BE');
    expect(screen.getByRole('button', { name: 'Opnieuw proberen' })).toBeTruthy();
  });

  it('is in English in an English Teams, the Dutch error marked as Dutch', () => {
    render(
      <BootFailure
        error={new Error('Onbekende gebruiker.')}
        onRetry={() => undefined}
        locale="en-us"
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Functiewijzer cannot start');
    expect(screen.getByRole('main').getAttribute('lang')).toBe('en-GB');
    expect(screen.getByRole('alert').getAttribute('lang')).toBe('nl-BE');
    expect(screen.getByText('If this keeps happening, tell IT.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('asks to sign in, in the Teams language, with the technical details for IT', () => {
    render(<BootFailure error={signInRequired()} locale="en-GB" />);
    expect(screen.getByRole('heading').textContent).toBe('Sign in to Functiewijzer');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Technical details for IT: interaction_required')).toBeTruthy();
  });
});

const banner = (shown: SignInProblem | null, locale: string) => (
  <SignInBanner
    watch={watching(shown)}
    theme="default"
    locale={locale}
    onSignedIn={() => undefined}
  />
);

describe('the sign-in banner', () => {
  it('names its region and button in Dutch in a Dutch Teams', () => {
    render(banner(problem, 'nl-BE'));
    expect(screen.getByRole('region', { name: 'Aanmelden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Aanmelden' })).toBeTruthy();
  });

  it('in English in an English Teams, and nothing when signed in', () => {
    const { container, rerender } = render(banner(problem, 'en-us'));
    expect(screen.getByRole('region', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    rerender(banner(null, 'en-us'));
    expect(container.innerHTML).toBe('');
  });
});

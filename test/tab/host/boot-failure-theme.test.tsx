/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { BootError } from '../../../src/tab/host/boot';
import { reportBootFailure } from '../../../src/tab/host/boot-report';
import { BootFailure } from '../../../src/tab/host/BootFailure';
import type { TeamsSession } from '../../../src/teams/teams-client';

/** The failure screen a Teams user sees: in Teams' theme, with a way forward. */

function darkSession(): TeamsSession {
  return {
    context: { theme: 'dark' } as TeamsSession['context'],
    onThemeChange: () => () => undefined,
    notifySuccess: () => undefined,
    notifyFailure: () => undefined,
    settings: null,
  };
}

describe('BootFailure', () => {
  it('follows the theme of the Teams host the failure was reported to', () => {
    const error = new BootError('De lokale Graph-emulator kent geen gebruikers.');
    reportBootFailure(darkSession(), error);
    render(<BootFailure error={error} onRetry={() => undefined} />);
    expect(screen.getByRole('main').dataset.theme).toBe('dark');
    expect(screen.getByRole('alert').textContent).toContain('kent geen gebruikers');
    expect(screen.getByRole('button', { name: 'Opnieuw proberen' })).toBeTruthy();
  });

  it('follows the given theme when there was no host to take it from', () => {
    render(<BootFailure error={new Error('x')} theme="contrast" />);
    expect(screen.getByRole('main').dataset.theme).toBe('contrast');
  });
});

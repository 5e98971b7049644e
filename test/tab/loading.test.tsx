/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen } from '@testing-library/react';
import { SLOW_AFTER_MS } from '../../src/tab/components/QueryStates';
import { fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

afterEach(() => {
  jest.useRealTimers();
});

describe('loading that takes long (throttling, an outage being retried)', () => {
  test('the skeleton says, after a few seconds, that SharePoint is slow and it keeps trying', async () => {
    jest.useFakeTimers();
    const repositories = fakeRepositories();
    // The Graph layer is still retrying: no answer yet.
    repositories.listCatalogue.mockImplementation(() => new Promise(() => undefined));
    renderApp({ repositories });

    expect(await screen.findAllByText('Laden…')).not.toHaveLength(0);
    expect(screen.queryByText(/langer dan gewoonlijk/)).toBeNull();

    act(() => {
      jest.advanceTimersByTime(SLOW_AFTER_MS);
    });
    const hint = screen.getByText(/Dit duurt langer dan gewoonlijk: SharePoint antwoordt traag/);
    // Inside the live region, so a screen reader hears it too.
    expect(hint.closest('[role="status"]')).not.toBeNull();
  });
});

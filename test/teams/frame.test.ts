import { hasPotentialHost } from '../../src/teams/frame';

/**
 * Whether the tab loads teams-js at all. Teams mobile loads the tab top-level (no parent, no
 * opener) and injects `window.nativeInterface`: that must count as a host, or the tab never
 * initialises and Teams shows its error screen after 30 s.
 */

function fakeWindow(parts: { framed?: boolean; opener?: unknown; nativeInterface?: unknown }) {
  const win = { opener: parts.opener ?? null } as Record<string, unknown>;
  win.self = win;
  win.parent = parts.framed ? {} : win;
  if ('nativeInterface' in parts) win.nativeInterface = parts.nativeInterface;
  return win as unknown as Window;
}

describe('hasPotentialHost', () => {
  it('sees Teams mobile by its native interface, top-level', () => {
    const nativeInterface = { framelessPostMessage: () => undefined };
    expect(hasPotentialHost(fakeWindow({ nativeInterface }))).toBe(true);
  });

  it('sees a framing page or an opener, and nothing in a plain browser', () => {
    expect(hasPotentialHost(fakeWindow({ framed: true }))).toBe(true);
    expect(hasPotentialHost(fakeWindow({ opener: {} }))).toBe(true);
    expect(hasPotentialHost(fakeWindow({}))).toBe(false);
    expect(hasPotentialHost(fakeWindow({ nativeInterface: undefined }))).toBe(false);
  });
});

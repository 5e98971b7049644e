import { BootError } from './boot';

/**
 * What the user sees when the tab cannot start at all (no configuration, no emulator, unknown
 * user). Plain markup on purpose: whatever failed, this must still render.
 */
export function BootFailure({ error }: { error: unknown }) {
  const message =
    error instanceof Error
      ? error.message
      : 'Er ging iets onverwacht mis. Laad het tabblad opnieuw.';
  return (
    <main lang="nl-BE">
      <h1>Functiewijzer kan niet starten</h1>
      <p role="alert">{message}</p>
      {!(error instanceof BootError) && <p>Blijft dit gebeuren, meld het dan aan IT.</p>}
    </main>
  );
}

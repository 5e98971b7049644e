import type { Page } from 'playwright-core';
import type { SessionContext } from '../../../src/emulator/teams-host/host-protocol';
import {
  MobileSurface,
  NATIVE_HOST_BINDING,
  NATIVE_INTERFACE_SCRIPT,
} from '../../../src/emulator/teams-host/mobile-surface';

/**
 * Chromium as the Teams mobile app: the tab loaded top-level (no frame, no opener), the native
 * interface injected before its first script, and the host's answers handed to
 * `window.onNativeMessage` — the frameless protocol (src/emulator/teams-host/mobile-surface.ts).
 */
export async function openOnMobile(
  page: Page,
  url: string,
  context: SessionContext & { hostClientType: 'android' | 'ios' },
): Promise<MobileSurface> {
  const surface = new MobileSurface({
    context,
    deliver: async (message) => {
      await page
        .evaluate((data) => {
          const target = window as unknown as {
            onNativeMessage?: (event: { data: unknown }) => void;
          };
          target.onNativeMessage?.({ data });
        }, message)
        // The page may be navigating away; Teams drops the answer then too.
        .catch(() => undefined);
    },
  });
  await page.exposeBinding(NATIVE_HOST_BINDING, (_source, json: unknown) => {
    void surface.receive(String(json));
  });
  await page.addInitScript(NATIVE_INTERFACE_SCRIPT);
  await page.goto(url);
  return surface;
}

/** Waits until the tab told the mobile host it has loaded (`notifySuccess`). */
export async function mobileTabReady(surface: MobileSurface, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!surface.effects.some((e) => e.type === 'success')) {
    if (Date.now() > deadline) {
      throw new Error(
        `het tabblad meldde op mobiel niet dat het geladen is; protocol: ${surface.calls.join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

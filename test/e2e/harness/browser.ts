import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Debian Chromium, as CI installs it. Playwright gives every launch a fresh temporary
 * --user-data-dir of its own, so no profile, cache or storage leaks between runs.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

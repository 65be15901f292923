import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: `npx playwright install` cannot download a browser
 * here, and `.ci/run` installs the `chromium` package where it is missing. The flags keep Chromium
 * from reaching for Google's hosts, which this machine's closed network refuses.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

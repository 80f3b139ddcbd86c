// Launches the headless Chromium the workbench runs in, through playwright-core (which downloads nothing), with the
// flags that work on these machines. Playwright gives each launch a fresh temporary profile. The browser is closed
// by `close()` and in any case when the script ends.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { stopOnce } from './cleanup';
import { cacheRoot } from './projectPaths';
import { ensureChromium } from './provideChromium';
import { withTimeout } from './waits';

/** Flags tried on Debian 12 as root without a display. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

export async function launchBrowser(options: { headless?: boolean; viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  const executablePath = await ensureChromium();
  // Chromium keeps its crash-report database under XDG_CONFIG_HOME even with a temporary profile: not in ~/.config.
  const home = path.join(cacheRoot, 'chromium-home');
  fs.mkdirSync(home, { recursive: true });
  const browser = await withTimeout(chromium.launch({
    executablePath,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    // The scripts' own handlers stop everything in order; playwright's would race them.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  }), 90_000, 'launching Chromium');
  const close = stopOnce('Chromium', () => withTimeout(browser.close(), 10_000, 'closing Chromium').catch(() => {}));
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  return { browser, page, close };
}

// One page of the panel (or the compare view) in the harness's Chromium: the fake VS Code API the page acquires
// (initScript), what the page posted and saved, the requests, dialogs, errors and popups it caused, and the ways a
// test drives it (post a host message, wait for frames, screenshot). harness.ts serves the page and opens these.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { HostMessage, PanelState, WebviewMessage } from '../../src/shared/protocol';
import type { Harness, Theme } from './harness';
import { RESULTS } from './repoPaths';

export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

export interface HarnessWindow {
  __harness: { posted: WebviewMessage[]; state: PanelState | undefined; violations: Violation[]; acquired: number };
  postMessage(message: unknown, origin: string): void;
  requestAnimationFrame(callback: () => void): number;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The page's global object, typed for what tests read (the test build has no DOM lib). Functions passed to
 * page.evaluate run in the page, so they must write `(globalThis as unknown as W)` themselves: a helper
 * defined here would not exist there.
 */
export type W = HarnessWindow;

function initScript(state: PanelState | undefined): string {
  return `(() => {
  const harness = { posted: [], state: ${JSON.stringify(state ?? null)} ?? undefined, violations: [], acquired: 0 };
  Object.defineProperty(window, '__harness', { value: harness });
  window.acquireVsCodeApi = function () {
    harness.acquired++;
    if (harness.acquired > 1) { throw new Error('acquireVsCodeApi called twice'); }
    return Object.freeze({
      postMessage(message) { harness.posted.push(JSON.parse(JSON.stringify(message))); },
      getState() { return harness.state; },
      setState(value) { harness.state = JSON.parse(JSON.stringify(value)); return value; },
    });
  };
  document.addEventListener('securitypolicyviolation', (e) => {
    harness.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
})();`;
}

export class PanelPage {
  /** Requests to anything but the harness server. */
  readonly external: string[] = [];
  readonly dialogs: string[] = [];
  readonly pwned: string[] = [];
  readonly errors: string[] = [];
  readonly popups: string[] = [];
  navigations = 0;

  constructor(
    readonly harness: Harness,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly kind: 'panel' | 'compare' = 'panel',
  ) {
    page.on('request', (request) => {
      if (!request.url().startsWith(`${harness.origin}/`)) {
        this.external.push(request.url());
      }
    });
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => this.errors.push(String(error)));
    page.on('popup', (popup) => this.popups.push(popup.url()));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) {
        this.navigations++;
      }
    });
  }

  async load(theme: Theme, state: PanelState | undefined): Promise<void> {
    await this.page.addInitScript({ content: initScript(state) });
    if (this.navigations === 0) {
      await this.page.exposeFunction('__pwned', (what: unknown) => {
        this.pwned.push(String(what));
      });
    }
    await this.page.goto(`${this.harness.origin}/${this.kind}?theme=${theme}`);
    await this.waitForReady();
  }

  async waitForReady(): Promise<void> {
    await this.page.waitForFunction(() => (globalThis as unknown as W).__harness.posted.some((message) => message.type === 'ready'));
  }

  /**
   * Delivers a host message the way VS Code does (a message event on the window) and returns once the page has
   * handled it: a sentinel posted after it arrives after it, since window messages keep their order.
   */
  async post(message: HostMessage): Promise<void> {
    await this.page.evaluate(
      (m) =>
        new Promise<void>((resolve) => {
          const w = globalThis as unknown as W;
          const token = Math.random();
          const listener = (event: { data: unknown }): void => {
            if ((event.data as { __sync?: number } | null)?.__sync === token) {
              w.removeEventListener('message', listener);
              resolve();
            }
          };
          w.addEventListener('message', listener);
          w.postMessage(m, '*');
          w.postMessage({ __sync: token }, '*');
        }),
      message as unknown as Record<string, unknown>,
    );
  }

  async postAll(messages: readonly HostMessage[]): Promise<void> {
    for (const message of messages) {
      await this.post(message);
    }
  }

  /** Waits for `count` animation frames (updates are applied once per frame). */
  async frames(count = 2): Promise<void> {
    await this.page.evaluate(
      (n) =>
        new Promise<void>((resolve) => {
          let left = n;
          const tick = (): void => {
            left--;
            if (left <= 0) {
              resolve();
            } else {
              (globalThis as unknown as W).requestAnimationFrame(tick);
            }
          };
          (globalThis as unknown as W).requestAnimationFrame(tick);
        }),
      count,
    );
  }

  async posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (globalThis as unknown as W).__harness.posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as W).__harness.posted.length = 0;
    });
  }

  async state(): Promise<PanelState | undefined> {
    return this.page.evaluate(() => (globalThis as unknown as W).__harness.state);
  }

  async violations(): Promise<Violation[]> {
    return this.page.evaluate(() => (globalThis as unknown as W).__harness.violations);
  }

  async screenshot(name: string, fullPage = true): Promise<string> {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

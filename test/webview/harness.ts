// Runs the real panel page (panelHtml, same CSP) in headless Chromium, with a fake VS Code API: it serves dist/ and
// media/ from 127.0.0.1, records what the page posts and saves, counts every request that leaves the harness
// server, and notices script that should never run (dialogs, calls to window.__pwned, CSP violations).
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/browser';
import { panelHtml } from '../../src/extension/panel/panelHtml';
import type { HostMessage, PanelState, WebviewMessage } from '../../src/shared/protocol';

/** The repository root (tests run from out/test/webview). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const RESULTS = path.join(REPO, 'test-results');

/** VS Code's four default themes: Dark Modern, Light Modern, High Contrast, High Contrast Light. */
export const THEME_NAMES = ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const;
export type Theme = (typeof THEME_NAMES)[number];

/** The classes VS Code 1.100 puts on a webview's <body> in each theme (read by themeFixtures.ts). */
const BODY_CLASS: Record<Theme, string> = {
  dark: 'vscode-dark',
  light: 'vscode-light',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast vscode-high-contrast-light',
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html',
};

/** Paths the page may load: its own files. Anything else it asks the server for is a finding. */
const ALLOWED = [/^\/(panel|compare)$/, /^\/dist\/(webview|compare)\.js(\.map)?$/, /^\/media\/(panel|compare)\.css$/, /^\/dist\/codicons\/codicon\.(css|ttf)$/, /^\/theme\/[a-z-]+\.css$/, /^\/favicon\.ico$/];

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

export class Harness {
  private constructor(
    readonly browser: Browser,
    private readonly server: http.Server,
    readonly origin: string,
    /** Every path asked of the server, in order. */
    readonly served: string[],
  ) {}

  static async start(): Promise<Harness> {
    const served: string[] = [];
    let origin = '';
    const server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      served.push(url.pathname);
      const send = (status: number, type: string, body: string | Buffer): void => {
        response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(body);
      };
      if (url.pathname === '/panel' || url.pathname === '/compare') {
        const theme = (url.searchParams.get('theme') ?? 'dark') as Theme;
        send(200, 'text/html; charset=utf-8', pageHtml(origin, theme, url.pathname === '/compare'));
        return;
      }
      let file: string | undefined;
      if (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/media/')) {
        file = path.join(REPO, url.pathname);
      } else if (url.pathname.startsWith('/theme/')) {
        file = path.join(REPO, 'test', 'webview', 'fixtures', `theme-${path.basename(url.pathname)}`);
      }
      if (!file || !file.startsWith(REPO) || !fs.existsSync(file)) {
        send(404, 'text/plain', 'not found');
        return;
      }
      send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath,
        timeout: 60_000,
        // The flags every script launches Chromium with (scripts/browser.ts), headless.
        args: ['--headless', ...CHROMIUM_ARGS],
      });
    } catch (error) {
      // The server must not outlive a browser that never started: its open socket would keep mocha waiting.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw new Error(`Chromium did not start from ${executablePath} (set CHROMIUM_PATH to a Chromium, or run ` +
        `\`npm run test:webview\`, which provides one): ${error instanceof Error ? error.message : String(error)}`);
    }
    return new Harness(browser, server, origin, served);
  }

  /** Paths the page asked for that are not its own files (an <img src=x> would show here). */
  unexpectedPaths(): string[] {
    return this.served.filter((p) => !ALLOWED.some((allowed) => allowed.test(p)));
  }

  /** `page: 'compare'` opens the compare view's page (dist/compare.js) instead of the response panel's. */
  async open(options: { theme?: Theme; state?: PanelState; width?: number; height?: number; page?: 'panel' | 'compare' } = {}): Promise<PanelPage> {
    const context = await this.browser.newContext({
      viewport: { width: options.width ?? 1000, height: options.height ?? 800 },
      colorScheme: options.theme === 'light' || options.theme === 'high-contrast-light' ? 'light' : 'dark',
    });
    const page = await context.newPage();
    const panel = new PanelPage(this, context, page, options.page ?? 'panel');
    await panel.load(options.theme ?? 'dark', options.state);
    return panel;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function pageHtml(origin: string, theme: Theme, compare = false): string {
  const html = panelHtml({
    cspSource: origin,
    nonce: crypto.randomBytes(16).toString('base64'),
    scriptUri: `${origin}/dist/${compare ? 'compare' : 'webview'}.js`,
    styleUri: `${origin}/media/panel.css`,
    moreStyleUris: compare ? [`${origin}/media/compare.css`] : undefined,
    codiconsUri: `${origin}/dist/codicons/codicon.css`,
    title: 'Claude Inspector',
  });
  // VS Code puts its default webview stylesheet first, the theme's colours on the page and a theme class on
  // <body>; the harness does the same with stylesheets read from VS Code 1.100.3 (fixtures/theme-*.css, made by
  // themeFixtures.ts; allowed by the CSP: they come from cspSource).
  return html
    .replace(
      '<link rel="stylesheet" href="',
      `<link rel="stylesheet" href="${origin}/theme/webview-defaults.css">\n<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n<link rel="stylesheet" href="`,
    )
    .replace('<body>', `<body class="${BODY_CLASS[theme]}">`);
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

/** The hooks of a suite that opens its own panels: one browser for the suite, given to `assign`, closed after it. */
export function useHarness(assign: (harness: Harness) => void): void {
  let harness: Harness | undefined;
  before(async () => {
    harness = await Harness.start();
    assign(harness);
  });
  after(async () => {
    await harness?.close();
  });
}

/**
 * The hooks of a suite that opens a fresh panel for each test: one browser for the suite, and a test fails if its
 * page had a script error or a CSP violation. `assign` receives each test's panel.
 */
export function usePanel(assign: (panel: PanelPage) => void): void {
  let harness: Harness | undefined;
  let panel: PanelPage | undefined;
  useHarness((started) => (harness = started));
  beforeEach(async () => {
    panel = await harness!.open();
    assign(panel);
  });
  afterEach(async () => {
    if (!panel) {
      return;
    }
    const opened = panel;
    panel = undefined;
    try {
      assert.deepEqual(opened.errors, [], 'no script errors in the page');
      assert.deepEqual(await opened.violations(), [], 'no CSP violations');
    } finally {
      await opened.close();
    }
  });
}

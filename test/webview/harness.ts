// Runs the real panel page (panelHtml, same CSP, the built script and styles inline) in headless Chromium, with a
// fake VS Code API: it serves the page from 127.0.0.1 and counts every path asked of it, and gives each test its page
// (panelPage.ts: what the page posts and saves, script that should never run: dialogs, calls to window.__pwned, CSP
// violations).
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/browser';
import { fontDataUrl, inlineScript, inlineStyle } from '../../src/extension/panel/inlineAssets';
import { panelHtml } from '../../src/extension/panel/panelHtml';
import type { PanelState } from '../../src/shared/protocol';
import { PanelPage } from './panelPage';
import { REPO } from './repoPaths';

export { PanelPage, type HarnessWindow, type Violation, type W } from './panelPage';
export { REPO, RESULTS } from './repoPaths';

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

/**
 * Paths the page may load: the page itself and the theme the harness adds (the panel's script, styles and font are in
 * its page). Anything else it asks the server for is a finding.
 */
const ALLOWED = [/^\/(panel|compare)$/, /^\/theme\/[a-z-]+\.css$/, /^\/favicon\.ico$/];

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

function distFile(...parts: string[]): string {
  return fs.readFileSync(path.join(REPO, 'dist', ...parts), 'utf8');
}

function pageHtml(origin: string, theme: Theme, compare = false): string {
  const html = panelHtml({
    cspSource: origin,
    nonce: crypto.randomBytes(16).toString('base64'),
    // As the extension does (panelHost.ts): the bundle and stylesheets inline, what they name served from dist/.
    script: inlineScript(distFile(`${compare ? 'compare' : 'webview'}.js`), (file) => `${origin}/dist/${file}`, `claude-inspector/${compare ? 'compare' : 'webview'}.js`),
    styles: [['codicons', 'codicon.css'], ['panel.css'], ...(compare ? [['compare.css']] : [])].map((parts) =>
      inlineStyle(distFile(...parts), (file) => {
        const relative = [...parts.slice(0, -1), file];
        return fontDataUrl(file, () => fs.readFileSync(path.join(REPO, 'dist', ...relative))) ?? `${origin}/dist/${relative.join('/')}`;
      }),
    ),
    title: 'Claude Inspector',
  });
  // VS Code puts its default webview stylesheet first (ahead of the page's CSP, which does not apply to what
  // precedes it), the theme's colours on the page and a theme class on <body>; the harness does the same with
  // stylesheets read from VS Code 1.100.3 (fixtures/theme-*.css, made by themeFixtures.ts).
  const csp = '<meta http-equiv="Content-Security-Policy"';
  assert.ok(html.includes(csp) && html.includes('<body>'), 'the page has its CSP and body where the harness puts the theme');
  return html
    .replace(csp, `<link rel="stylesheet" href="${origin}/theme/webview-defaults.css">\n<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n${csp}`)
    .replace('<body>', `<body class="${BODY_CLASS[theme]}">`);
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

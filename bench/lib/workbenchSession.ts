// A real VS Code workbench for a benchmark: the packaged extension installed into a fresh code-server profile of its
// own, the Messages API stand-in (a separate process, at its realistic pace) as the extension's base URL, code-server
// on a temporary folder of the benchmark's files, and headless Chromium on it. The same pieces as the UI tests
// (scripts/runUi.ts, test/ui/workbench.ts), started here because a benchmark runs outside mocha. Everything started
// is stopped by `close()`, and in any case when the process ends (scripts/cleanup.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../../scripts/browser';
import { type RunningCodeServer, installExtension, profile, startCodeServer, workbenchUrl, writeUserSettings } from '../../scripts/codeServer';
import { packageExtension } from '../../scripts/packageExtension';
import { cacheRoot } from '../../scripts/projectPaths';
import { type RunningStandIn, standInApiKey, startStandIn } from '../../scripts/standIn';
import { delay } from '../../scripts/waits';
import { Workbench } from '../../test/ui/workbench';

export interface WorkbenchBench {
  workbench: Workbench;
  standIn: RunningStandIn;
  server: RunningCodeServer;
  browser: LaunchedBrowser;
  /** The workspace folder the workbench shows. */
  folder: string;
  /** Ends everything started, newest first; safe to call twice. */
  close: () => Promise<void>;
}

/**
 * Packages the extension (vsce runs the production build), installs it into the profile `name` (emptied first),
 * writes `files` into a fresh temporary folder and opens the workbench on it (`beforeOpen` first, e.g. to add init
 * scripts to the page). Resolves once the explorer shows.
 */
export async function openWorkbenchBench(name: string, files: Record<string, string>, beforeOpen?: (page: Page) => Promise<void>): Promise<WorkbenchBench> {
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch(() => undefined);
    }
  };
  try {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `claude-inspector-${name}-`));
    stops.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
    for (const [file, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(folder, file), text);
    }
    const started = Date.now();
    // A .vsix of its own: a UI run in the same checkout packages into the default path.
    const vsix = await packageExtension({ out: path.join(cacheRoot, `${name}.vsix`) });
    const target = profile(name, { fresh: true });
    await installExtension(vsix, target);
    console.log(`[${name}] packaged and installed in ${Date.now() - started} ms`);
    const apiKey = standInApiKey();
    const standIn = await startStandIn({ apiKey, logFile: path.join(target.logsDir, 'stand-in.log') });
    stops.push(standIn.stop);
    writeUserSettings(target, { 'claudeInspector.baseUrl': standIn.url, 'files.autoSave': 'off' });
    const server = await startCodeServer({ profile: target, folder, env: { ANTHROPIC_API_KEY: apiKey } });
    stops.push(server.stop);
    const browser = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    stops.push(browser.close);
    await beforeOpen?.(browser.page);
    const workbench = new Workbench(browser.page, { screenshotDir: path.join(target.logsDir, 'screenshots') });
    await workbench.open(workbenchUrl(server.url, folder));
    return { workbench, standIn, server, browser, folder, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Messages answers in the stand-in's log ("POST /v1/messages 200 model 5812 ms (...)"), oldest first. */
function messagesLines(standIn: RunningStandIn): string[] {
  return standIn.tail().split('\n').filter((line) => /POST \/v1\/messages \d{3}/.test(line));
}

/**
 * Watches the stand-in's log for the next Messages answer to end. `ended` resolves with Date.now() when its line
 * showed (the stand-in writes it when the response closes: its last byte went out), within 20 ms, and the line.
 */
export function nextAnswerEnd(standIn: RunningStandIn, timeoutMs: number): { ended: Promise<{ at: number; line: string }> } {
  const before = messagesLines(standIn).at(-1);
  const deadline = Date.now() + timeoutMs;
  const ended = (async () => {
    for (;;) {
      const last = messagesLines(standIn).at(-1);
      if (last !== undefined && last !== before) {
        return { at: Date.now(), line: last.trim() };
      }
      if (Date.now() > deadline) {
        throw new Error(`The stand-in logged no end of a Messages answer within ${timeoutMs} ms; its log ends:\n${standIn.tail().slice(-800)}`);
      }
      await delay(20);
    }
  })();
  // Awaited later; a rejection before then must not end the process as unhandled.
  ended.catch(() => undefined);
  return { ended };
}

/** Whether the panel's webview iframes run in their own renderer process (out-of-process iframes) or in the workbench's. */
export async function webviewProcess(bench: WorkbenchBench): Promise<string> {
  const cdp = await bench.browser.browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets') as { targetInfos: Array<{ type: string; url: string }> };
    const iframes = targetInfos.filter((t) => t.type === 'iframe');
    const pageOrigin = new URL(bench.workbench.page.url()).origin;
    const frameOrigins = [...new Set(bench.workbench.page.frames().slice(1).map((f) => { try { return new URL(f.url()).origin; } catch { return f.url(); } }))];
    return iframes.length > 0
      ? `the webview runs in its own renderer process (${iframes.length} out-of-process iframe(s): ${iframes.map((t) => new URL(t.url).origin).join(', ')})`
      : `the webview iframes run in the workbench's renderer process (no out-of-process iframe; workbench ${pageOrigin}, frames ${frameOrigins.join(', ')})`;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

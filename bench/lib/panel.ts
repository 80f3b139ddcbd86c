// The panel page for webview benchmarks: the test harness's real panel (dist/webview.js, same CSP) in headless
// Chromium, with the probe installed, plus Chromium's own counters of main-thread work for the page.
import type { CDPSession } from 'playwright-core';
import { Harness, type PanelPage } from '../../test/webview/harness';
import { installProbe } from './panelProbe';

export { Harness };

/** Chromium's cumulative main-thread times for the page (Performance.getMetrics), in milliseconds. */
export interface MainThread {
  /** Everything the renderer's main thread did: script, style, layout, paint, parsing, GC. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

export class BenchPanel {
  private constructor(
    readonly panel: PanelPage,
    private readonly cdp: CDPSession,
  ) {}

  /** The response panel by default; `page: 'compare'` opens the compare view (dist/compare.js). */
  static async open(harness: Harness, options: { width?: number; height?: number; page?: 'panel' | 'compare' } = {}): Promise<BenchPanel> {
    const panel = await harness.open({ width: 1000, height: 800, ...options });
    await panel.page.evaluate(installProbe);
    const cdp = await panel.context.newCDPSession(panel.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return new BenchPanel(panel, cdp);
  }

  get page(): PanelPage['page'] {
    return this.panel.page;
  }

  /** Puts the answer's text in the page, outside any measurement. */
  async setText(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      (globalThis as unknown as { __benchText: string }).__benchText = t;
    }, text);
  }

  async mainThread(): Promise<MainThread> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    const get = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration'), layoutMs: get('LayoutDuration'), styleMs: get('RecalcStyleDuration') };
  }

  /** Errors the page threw: a benchmark of a broken render measures nothing. */
  assertNoErrors(what: string): void {
    if (this.panel.errors.length > 0) {
      throw new Error(`${what}: the page threw: ${this.panel.errors.slice(0, 3).join('; ')}`);
    }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.panel.close();
  }
}

export function difference(after: MainThread, before: MainThread): MainThread {
  return {
    taskMs: after.taskMs - before.taskMs,
    scriptMs: after.scriptMs - before.scriptMs,
    layoutMs: after.layoutMs - before.layoutMs,
    styleMs: after.styleMs - before.styleMs,
  };
}

/** Rejects after `ms` with a message naming what took too long (page.evaluate has no time limit of its own). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Probes run inside the workbench page and the panel's webview frame (each function is serialized by playwright and
// runs in the page: it must use nothing from this module's scope):
//   - long frames: a PerformanceObserver of 'long-animation-frame' and 'longtask' entries, with the scripts each
//     long frame ran (the browser's own attribution), kept with wall-clock times;
//   - a tab switch: from the input event (its timeStamp, when the browser received it) until an editor showing the
//     target file's marker text was painted (double requestAnimationFrame: the frame after the one it was seen in);
//   - the panel's status: when it stopped saying "streaming…", and when given texts showed, polled on a timer in
//     the webview (cheap queries while it streams; the answer's whole text is read only once streaming ended).
import type { Frame, Page } from 'playwright-core';

/** What the probes use of the page's global object (the bench build has no DOM lib). */
interface ProbeNode {
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getClientRects(): { length: number };
  querySelector(selector: string): ProbeNode | null;
  querySelectorAll(selector: string): ArrayLike<ProbeNode>;
}
interface ProbeEntry {
  startTime: number;
  duration: number;
}
interface PageGlobal {
  document: { querySelector(selector: string): ProbeNode | null; querySelectorAll(selector: string): ArrayLike<ProbeNode> };
  PerformanceObserver: new (callback: (list: { getEntries(): ProbeEntry[] }) => void) => { observe(options: { type: string; buffered?: boolean }): void };
  performance: { now(): number; timeOrigin: number };
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(type: string, listener: (event: { timeStamp: number }) => void, capture?: boolean): void;
  removeEventListener(type: string, listener: (event: { timeStamp: number }) => void, capture?: boolean): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  __longFrames?: unknown[];
  __tabProbe?: unknown;
  __panelWatch?: { stop(): void; marks: Record<string, number>; messages: PanelMessage[] };
}

export interface LongFrame {
  kind: 'long-animation-frame' | 'longtask';
  /** Date.now() time of its start. */
  at: number;
  durationMs: number;
  /** long-animation-frame: the part that blocked input (the time over 50 ms of its longest tasks). */
  blockingMs?: number;
  /** long-animation-frame: the rendering at its end (renderStart to its end: animation frame callbacks, style, layout, paint). */
  renderMs?: number;
  /** long-animation-frame: style and layout alone (styleAndLayoutStart to its end), without the frame callbacks. */
  styleLayoutMs?: number;
  /** long-animation-frame: the scripts it ran, longest first: "invoker · source:char (duration ms)". */
  scripts?: string[];
}

/** Starts recording long frames and long tasks in the page or frame it runs in (once per document). */
export function installLongFrames(): void {
  const w = globalThis as unknown as PageGlobal;
  if (w.__longFrames) {
    return;
  }
  const frames: unknown[] = [];
  w.__longFrames = frames;
  const origin = w.performance.timeOrigin;
  const observe = (type: string, take: (entry: ProbeEntry) => unknown) => {
    try {
      new w.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          frames.push(take(entry));
        }
      }).observe({ type, buffered: true });
    } catch {
      // An entry type this browser does not know: the other still records.
    }
  };
  observe('long-animation-frame', (entry) => {
    const e = entry as ProbeEntry & {
      blockingDuration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: Array<{ invoker: string; sourceURL: string; sourceCharPosition: number; sourceFunctionName: string; duration: number }>;
    };
    const scripts = [...(e.scripts ?? [])]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 4)
      .map((s) => `${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''} · ${s.sourceURL.split('/').slice(-2).join('/').split('?')[0]}:${s.sourceCharPosition} (${Math.round(s.duration)} ms)`);
    const renderMs = e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0;
    const styleLayoutMs = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
    return { kind: 'long-animation-frame', at: origin + e.startTime, durationMs: e.duration, blockingMs: e.blockingDuration, renderMs, styleLayoutMs, scripts };
  });
  observe('longtask', (entry) => ({ kind: 'longtask', at: origin + entry.startTime, durationMs: entry.duration }));
}

/** The long frames recorded so far in the page or frame. */
export async function longFrames(target: Page | Frame): Promise<LongFrame[]> {
  return target.evaluate(() => ((globalThis as unknown as { __longFrames?: LongFrame[] }).__longFrames ?? []).slice());
}

/**
 * For page.addInitScript, before the workbench loads: notes when each big message (over 64 KB) from the server
 * reached the workbench's thread through its WebSocket (the extension host's messages to the panel travel so), and
 * its size.
 */
export function installSocketLog(): void {
  const w = globalThis as unknown as { WebSocket: new (...args: unknown[]) => { addEventListener(type: string, listener: (event: { data: unknown }) => void): void }; __socketLog?: Array<{ at: number; bytes: number }> };
  const log: Array<{ at: number; bytes: number }> = [];
  w.__socketLog = log;
  const Original = w.WebSocket;
  w.WebSocket = class extends Original {
    constructor(...args: unknown[]) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data as { size?: number; byteLength?: number; length?: number };
        const bytes = data.size ?? data.byteLength ?? data.length ?? 0;
        if (bytes > 64 * 1024) {
          log.push({ at: Date.now(), bytes });
        }
      });
    }
  };
}

export async function socketLog(page: Page): Promise<Array<{ at: number; bytes: number }>> {
  return page.evaluate(() => [...((globalThis as unknown as { __socketLog?: Array<{ at: number; bytes: number }> }).__socketLog ?? [])]);
}

/** Installs `__tabProbe` in the workbench page: arm(marker) before an input, result() after it. */
export function installTabProbe(): void {
  const w = globalThis as unknown as PageGlobal;
  if (w.__tabProbe) {
    return;
  }
  let pending: Promise<unknown> | undefined;
  const shown = (marker: string) => Array.from(w.document.querySelectorAll('.monaco-editor .view-lines'))
    .some((lines) => lines.getClientRects().length > 0 && (lines.textContent ?? '').includes(marker));
  w.__tabProbe = {
    arm(marker: string, timeoutMs: number): void {
      let inputAt: number | undefined;
      const onInput = (event: { timeStamp: number }) => {
        inputAt ??= event.timeStamp;
      };
      w.addEventListener('pointerdown', onInput, true);
      w.addEventListener('keydown', onInput, true);
      const armedAt = w.performance.now();
      pending = new Promise((resolve) => {
        const done = (result: unknown) => {
          w.removeEventListener('pointerdown', onInput, true);
          w.removeEventListener('keydown', onInput, true);
          resolve(result);
        };
        const frame = (now: number) => {
          if (inputAt !== undefined && shown(marker)) {
            const seenAt = now;
            w.requestAnimationFrame((paintedAt) => done({ ms: paintedAt - (inputAt as number), seenMs: seenAt - (inputAt as number) }));
            return;
          }
          if (w.performance.now() - armedAt > timeoutMs) {
            done({ error: inputAt === undefined ? 'no input reached the page' : `"${marker}" not shown` });
            return;
          }
          w.requestAnimationFrame(frame);
        };
        w.requestAnimationFrame(frame);
      });
    },
    result: () => pending,
  };
}

export interface TabSwitch {
  /** Input to the frame after the one the new editor's text was first seen in. */
  ms?: number;
  seenMs?: number;
  error?: string;
}

/** Arms the probe for `marker`, runs `input` (a click or a key), and resolves when the marker's editor painted. */
export async function timeTabSwitch(page: Page, marker: string, input: () => Promise<void>, timeoutMs = 15_000): Promise<TabSwitch> {
  await page.evaluate(({ m, t }) => (globalThis as unknown as { __tabProbe: { arm(m: string, t: number): void } }).__tabProbe.arm(m, t), { m: marker, t: timeoutMs });
  await input();
  return page.evaluate(() => (globalThis as unknown as { __tabProbe: { result(): Promise<TabSwitch> } }).__tabProbe.result());
}

/**
 * Installs `__panelWatch` in the panel's frame: every 25 ms it reads the status chip; it notes when "streaming…"
 * first showed and when it went (Date.now(), at the next animation frame), and, once not running, when `texts`
 * (looked for in the reply's text) first showed.
 */
export function installPanelWatch(args: { firstText?: string; lastText?: string }): void {
  const w = globalThis as unknown as PageGlobal;
  w.__panelWatch?.stop();
  const marks: Record<string, number> = {};
  const mark = (name: string) => {
    if (marks[name] === undefined) {
      marks[name] = -1;
      w.requestAnimationFrame(() => {
        marks[name] = Date.now();
      });
    }
  };
  const timer = w.setInterval(() => {
    const chip = w.document.querySelector('.status-chip');
    const chipText = chip?.textContent ?? '';
    const running = chip?.classList.contains('running') ?? false;
    if (/streaming…/.test(chipText)) {
      mark('streamingShown');
    } else if (marks.streamingShown !== undefined) {
      mark('streamingGone');
    }
    const reply = w.document.querySelector('[data-testid="reply"]');
    if (args.firstText && marks.firstText === undefined) {
      // The first paragraph only: cheap while a big answer is being laid out.
      const first = reply?.querySelector('p, h1, h2')?.textContent ?? '';
      if (first.includes(args.firstText)) {
        mark('firstText');
      }
    }
    if (args.lastText && !running && chip && marks.lastText === undefined) {
      // Searched in the markup of the answer's last groups (the whole reply's text is megabytes: reading it every
      // 25 ms made 90 ms frames of this probe's own): paragraphs outside the view may be skipped by innerText
      // (content-visibility). Not in a placeholder waiting to be rendered (it holds the markdown source, for Find).
      const groups = Array.from(reply?.querySelectorAll('.block-text .md > *') ?? []).slice(-3);
      if (groups.some((group) => !group.classList.contains('md-deferred') && (group.textContent ?? '').includes(args.lastText!))) {
        mark('lastText');
      }
    }
  }, 25);
  // The host's messages as the panel takes them: a capture listener runs before the panel's own (registered
  // earlier, not capturing), a listener registered now runs after it: between the two, the panel's handler.
  const messages: PanelMessage[] = [];
  let current: PanelMessage | undefined;
  const before = (event: { data?: unknown }) => {
    const data = (event.data ?? {}) as { type?: unknown; events?: Array<{ ms?: number; lastMs?: number }>; record?: { startedAt?: unknown; timing?: { totalMs?: unknown } } };
    const events = Array.isArray(data.events) ? data.events : undefined;
    const startedAt = typeof data.record?.startedAt === 'string' ? Date.parse(data.record.startedAt) : Number.NaN;
    const totalMs = data.record?.timing?.totalMs;
    current = {
      hostStartedAt: Number.isFinite(startedAt) ? startedAt : undefined,
      hostTotalMs: typeof totalMs === 'number' ? totalMs : undefined,
      type: typeof data.type === 'string' ? data.type : '?',
      at: Date.now(),
      startedAt: w.performance.now(),
      handlerMs: Number.NaN,
      events: events?.length,
      lastMs: events?.reduce((m, e) => Math.max(m, e.lastMs ?? e.ms ?? 0), 0),
    };
    messages.push(current);
  };
  const after = () => {
    if (current) {
      current.handlerMs = w.performance.now() - current.startedAt;
      current = undefined;
    }
  };
  w.addEventListener('message', before as (event: { timeStamp: number }) => void, true);
  w.addEventListener('message', after, false);
  w.__panelWatch = {
    stop: () => {
      w.clearInterval(timer);
      w.removeEventListener('message', before as (event: { timeStamp: number }) => void, true);
      w.removeEventListener('message', after, false);
    },
    marks,
    messages,
  };
}

/** A host message as the panel took it. */
export interface PanelMessage {
  type: string;
  /** Date.now() when its event was dispatched in the panel. */
  at: number;
  startedAt: number;
  /** The panel's own handler, synchronously (what it defers to animation frames is not in it). */
  handlerMs: number;
  /** `events`: how many entries, and the latest arrival among them (ms since the call started, at the host). */
  events?: number;
  lastMs?: number;
  /** A message with a record (callStarted, callFinished): when the call started and how long it took, at the host. */
  hostStartedAt?: number;
  hostTotalMs?: number;
}

export async function panelMessages(frame: Frame): Promise<PanelMessage[]> {
  return frame.evaluate(() => [...((globalThis as unknown as { __panelWatch?: { messages: PanelMessage[] } }).__panelWatch?.messages ?? [])]);
}

export async function panelMarks(frame: Frame): Promise<Record<string, number>> {
  return frame.evaluate(() => ({ ...((globalThis as unknown as { __panelWatch?: { marks: Record<string, number> } }).__panelWatch?.marks ?? {}) }));
}

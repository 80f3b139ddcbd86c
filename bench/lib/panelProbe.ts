// Code that runs inside the panel page (passed to page.evaluate, so each exported function must be self-contained:
// no imports, no helpers from this module). It delivers host messages synchronously (a MessageEvent dispatched on
// the window, which the panel's listener handles at once), so the time of the panel's own handler is known
// exactly; it times the panel's animation-frame callbacks (where streamed deltas are applied); and it notes when
// something has been painted: an animation frame, then a task (which runs after that frame's paint).
//
// Times are the page's performance.now(), in milliseconds. Playwright's round trips are never inside a measurement.
// Here: the probe and the timing of a click; the measurements built on the probe are panelStream.ts (a stream) and
// panelPaint.ts (a finished call's first paint).

/** The page's global object, as far as the probe uses it (the bench build has no DOM lib). */
interface ProbeElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

interface ProbeEvent {
  timeStamp: number;
}

export interface ProbeWindow {
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ identifier?: string; renderTime?: number; startTime: number }> }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  dispatchEvent(event: unknown): boolean;
  addEventListener(type: string, listener: (event: ProbeEvent) => void, capture?: boolean): void;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  MessageChannel: new () => { port1: { onmessage: ((event: unknown) => void) | null }; port2: { postMessage(value: unknown): void } };
  performance: { now(): number };
  document: { body: unknown; querySelector(selector: string): ProbeElement | null; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
  __probe?: Probe;
  __benchText?: string;
  __benchRecord?: unknown;
}

export interface ClickTimes {
  /** event.timeStamp: when the browser took the input. */
  timeStamp: number;
  /** When the first (capturing) listener ran: the input waited this long for the main thread. */
  capturedAt: number;
  /** When the last (bubbling, on window) listener ran: the panel's click handler is done. */
  handledAt: number;
  /** After the next frame's paint. */
  paintedAt: number;
}

export interface Probe {
  rawRaf(callback: (time: number) => void): number;
  /** Milliseconds spent in the panel's own animation-frame callbacks since last reset. */
  flushMs: number;
  /** Delivers a host message; returns the milliseconds the panel's handler took. */
  dispatch(message: unknown): number;
  /** Resolves in a new task (after anything already queued). */
  nextTask(): Promise<void>;
  /** Resolves after the next frame has been painted, with performance.now() then. */
  afterPaint(): Promise<number>;
  /**
   * Resolves with the time the first element matching `selector` was painted (Element Timing's renderTime: the
   * presentation of the frame that first showed it), watching from now on.
   */
  firstPainted(selector: string): Promise<number>;
  click?: ClickTimes;
  clickListeners?: boolean;
  paint?: { started: number; frames: number[]; headingFrame?: number; full?: number; fullPainted?: number };
}

/** Installs the probe (once per page, after the panel said ready). */
export function installProbe(): void {
  const w = globalThis as unknown as ProbeWindow;
  if (w.__probe) {
    return;
  }
  const now = (): number => w.performance.now();
  const rawRaf = w.requestAnimationFrame.bind(w);
  const channel = new w.MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => {
    waiting.shift()?.();
  };
  const nextTask = (): Promise<void> =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
  const probe: Probe = {
    rawRaf,
    flushMs: 0,
    dispatch(message) {
      const start = now();
      w.dispatchEvent(new w.MessageEvent('message', { data: message }));
      return now() - start;
    },
    nextTask,
    afterPaint: () => new Promise<number>((resolve) => rawRaf(() => void nextTask().then(() => resolve(now())))),
    firstPainted: (selector) =>
      new Promise<number>((resolve) => {
        const id = `bench-${Math.random().toString(36).slice(2)}`;
        const performanceObserver = new w.PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.identifier === id) {
              performanceObserver.disconnect();
              resolve(entry.renderTime || entry.startTime);
            }
          }
        });
        performanceObserver.observe({ type: 'element' });
        // Element Timing reports elements that carry `elementtiming` when first painted: the attribute is put on
        // as the element appears (a mutation observer runs before the frame that would paint it).
        const mark = (): boolean => {
          const element = w.document.querySelector(selector);
          if (element) {
            element.setAttribute('elementtiming', id);
          }
          return element !== null;
        };
        if (!mark()) {
          const mutationObserver = new w.MutationObserver(() => {
            if (mark()) {
              mutationObserver.disconnect();
            }
          });
          mutationObserver.observe(w.document.body, { childList: true, subtree: true });
        }
      }),
  };
  // The panel asks for frames through the global requestAnimationFrame at call time: its callbacks are timed.
  w.requestAnimationFrame = (callback) =>
    rawRaf((time) => {
      const start = now();
      try {
        callback(time);
      } finally {
        probe.flushMs += now() - start;
      }
    });
  Object.defineProperty(w, '__probe', { value: probe });
}

/** Starts watching the next click: when the browser took it, when the panel handled it, when that was painted. */
export function armClick(): void {
  const w = globalThis as unknown as ProbeWindow;
  const probe = w.__probe as Probe;
  const now = (): number => w.performance.now();
  probe.click = { timeStamp: 0, capturedAt: 0, handledAt: 0, paintedAt: 0 };
  if (probe.clickListeners) {
    return;
  }
  probe.clickListeners = true;
  w.addEventListener(
    'click',
    (event) => {
      const click = probe.click;
      if (click && click.capturedAt === 0) {
        click.capturedAt = now();
        click.timeStamp = event.timeStamp;
      }
    },
    true,
  );
  w.addEventListener(
    'click',
    () => {
      const click = probe.click;
      if (click && click.capturedAt !== 0 && click.handledAt === 0) {
        click.handledAt = now();
        void probe.afterPaint().then((t) => {
          click.paintedAt = t;
        });
      }
    },
    false,
  );
}

/** The times of the armed click, once it has been painted. */
export async function clickTimes(): Promise<ClickTimes> {
  const w = globalThis as unknown as ProbeWindow;
  const probe = w.__probe as Probe;
  while (!probe.click || probe.click.paintedAt === 0) {
    await probe.afterPaint();
  }
  return probe.click;
}

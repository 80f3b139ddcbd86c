// Code that runs inside the panel page (passed to page.evaluate, so each exported function must be self-contained:
// no imports, no helpers from this module). It delivers host messages synchronously (a MessageEvent dispatched on
// the window, which the panel's listener handles at once), so the time of the panel's own handler is known
// exactly; it times the panel's animation-frame callbacks (where streamed deltas are applied); and it notes when
// something has been painted: an animation frame, then a task (which runs after that frame's paint).
//
// Times are the page's performance.now(), in milliseconds. Playwright's round trips are never inside a measurement.

/** The page's global object, as far as the probe uses it (the bench build has no DOM lib). */
interface ProbeElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

interface ProbeEvent {
  timeStamp: number;
}

interface ProbeWindow {
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

interface Probe {
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

export interface StreamPlan {
  /** Host messages before the deltas: callStarted, attempt, response, the first events. */
  before: unknown[];
  callId: string;
  deltaChars: number;
  deltasPerFrame: number;
  /** Host messages after the deltas: the closing events and callFinished, whose first text block gets the text. */
  after: unknown[];
  headingSelector: string;
  /** The text of the answer's last heading: the finish lasts until it is rendered (the panel caught up). */
  lastHeading?: string;
  /** Each frame's deltas come joined into one event (count, lastMs), as the host posts them (coalescedEvents.ts). */
  joined?: boolean;
}

export interface StreamFrame {
  /** The panel's message handler for this frame's batch. */
  handlerMs: number;
  /** The panel's animation-frame callbacks that applied it. */
  flushMs: number;
  /** From the frame before to the frame that applied it: handler, flush, style, layout, paint, idle. */
  intervalMs: number;
}

export interface StreamResult {
  frames: StreamFrame[];
  deltas: number;
  /** First batch delivered → the frame that applied the last one, painted. */
  streamMs: number;
  /** Closing events and callFinished delivered → painted (and the state saved). */
  finishMs: number;
  /** streamMs + finishMs. */
  wallMs: number;
  /** First batch delivered → the answer's first heading painted. */
  firstHeadingMs: number | undefined;
  /** The longest time between two painted frames while the panel caught up after the stream (0: it had nothing left). */
  finishLongestFrameMs: number;
}

/**
 * Streams the text in `__benchText` into the panel as the host does: batches of text_delta events, one batch per
 * frame (delivered in a task after the frame, as a message from the host would be).
 */
export async function streamRun(plan: StreamPlan): Promise<StreamResult> {
  const w = globalThis as unknown as ProbeWindow;
  const probe = w.__probe as Probe;
  const text = w.__benchText ?? '';
  const now = (): number => w.performance.now();
  for (const message of plan.before) {
    probe.dispatch(message);
  }
  await probe.afterPaint();
  const frames: StreamFrame[] = [];
  let offset = 0;
  let deltas = 0;
  let ms = 1000;
  let started = 0;
  let headingPaintedAt: number | undefined;
  void probe.firstPainted(plan.headingSelector).then((t) => {
    headingPaintedAt = t;
  });
  await new Promise<void>((resolve) => {
    let pendingHandlerMs: number | undefined;
    let lastFrame = 0;
    const tick = (time: number): void => {
      if (pendingHandlerMs !== undefined) {
        frames.push({ handlerMs: pendingHandlerMs, flushMs: probe.flushMs, intervalMs: time - lastFrame });
        pendingHandlerMs = undefined;
      }
      probe.flushMs = 0;
      lastFrame = time;
      void probe.nextTask().then(() => {
        if (offset >= text.length) {
          resolve();
          return;
        }
        const events: unknown[] = [];
        if (plan.joined) {
          const piece = text.slice(offset, offset + plan.deltaChars * plan.deltasPerFrame);
          const count = Math.ceil(piece.length / plan.deltaChars);
          events.push({ ms, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, count, lastMs: ms + count - 1 });
          ms += count;
          offset += piece.length;
          deltas += count;
        }
        for (let i = 0; !plan.joined && i < plan.deltasPerFrame && offset < text.length; i++) {
          const piece = text.slice(offset, offset + plan.deltaChars);
          events.push({ ms: ms++, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } } });
          offset += piece.length;
          deltas++;
        }
        if (started === 0) {
          started = now();
        }
        pendingHandlerMs = probe.dispatch({ type: 'events', callId: plan.callId, events });
        probe.rawRaf(tick);
      });
    };
    probe.rawRaf(tick);
  });
  const streamEnd = now();
  for (const message of plan.after) {
    const m = message as { type?: string; record?: { message?: { content?: Array<{ text?: string }> } } };
    const block = m.type === 'callFinished' ? m.record?.message?.content?.[0] : undefined;
    if (block) {
      block.text = text;
    }
  }
  const finishStart = now();
  for (const message of plan.after) {
    probe.dispatch(message);
  }
  // The panel may still be rendering what streamed faster than its frames: the finish lasts until the last heading
  // is there (bounded: a minute of frames).
  const caughtUp = (): boolean => {
    const headings = w.document.querySelectorAll(plan.headingSelector);
    return plan.lastHeading === undefined || (headings.length > 0 && headings[headings.length - 1].textContent === plan.lastHeading);
  };
  let finishLongestFrameMs = 0;
  let painted = finishStart;
  for (let frame = 0; frame < 3600 && !caughtUp(); frame++) {
    const at = await probe.afterPaint();
    finishLongestFrameMs = Math.max(finishLongestFrameMs, at - painted);
    painted = at;
  }
  const finishEnd = await probe.afterPaint();
  return {
    frames,
    deltas,
    streamMs: streamEnd - started,
    finishMs: finishEnd - finishStart,
    wallMs: streamEnd - started + (finishEnd - finishStart),
    firstHeadingMs: headingPaintedAt === undefined ? undefined : headingPaintedAt - started,
    finishLongestFrameMs,
  };
}

export interface PaintPlan {
  headingSelector: string;
  /** The rendering is over when this element has no aria-busy and `progressSelector` matches nothing. */
  busySelector: string;
  progressSelector: string;
}

export interface PaintStart {
  /** The panel's handler of callFinished (synchronous: it renders the first screen). */
  handlerMs: number;
  /** Delivered → the first animation frame with the heading in the DOM. */
  headingFrameMs: number;
  /** Delivered → the heading painted (Element Timing). */
  headingPaintedMs: number;
}

export interface PaintEnd {
  /** Delivered → the first animation frame after the rendering ended. */
  fullFrameMs: number;
  /** Delivered → that frame painted (and the task after it run). */
  fullPaintedMs: number;
  /** Milliseconds between consecutive animation frames while the rest rendered (one slice of work each). */
  intervals: number[];
}

/**
 * Delivers `{type: 'callFinished', record: __benchRecord}` (the record is prepared beforehand, outside the
 * measurement) and resolves once the heading is painted; watching for the end of the rendering goes on (see
 * {@link paintDone}).
 */
export async function paintStart(plan: PaintPlan): Promise<PaintStart> {
  const w = globalThis as unknown as ProbeWindow;
  const probe = w.__probe as Probe;
  const now = (): number => w.performance.now();
  const message = { type: 'callFinished', record: w.__benchRecord };
  const state: NonNullable<Probe['paint']> = { started: 0, frames: [] };
  probe.paint = state;
  const watch = (time: number): void => {
    state.frames.push(time);
    const t = now();
    if (state.headingFrame === undefined && w.document.querySelector(plan.headingSelector)) {
      state.headingFrame = t;
    }
    const busy = w.document.querySelector(plan.busySelector);
    if (state.full === undefined && busy && busy.getAttribute('aria-busy') === null && !w.document.querySelector(plan.progressSelector)) {
      state.full = t;
      void probe.nextTask().then(() => {
        state.fullPainted = now();
      });
      return;
    }
    probe.rawRaf(watch);
  };
  const painted = probe.firstPainted(plan.headingSelector);
  state.started = now();
  const handlerMs = probe.dispatch(message);
  probe.rawRaf(watch);
  const headingPainted = await painted;
  return {
    handlerMs,
    headingFrameMs: (state.headingFrame ?? Number.NaN) - state.started,
    headingPaintedMs: headingPainted - state.started,
  };
}

/** Resolves when the rendering that {@link paintStart} began is over and painted. */
export async function paintDone(): Promise<PaintEnd> {
  const w = globalThis as unknown as ProbeWindow;
  const probe = w.__probe as Probe;
  const state = probe.paint;
  if (!state) {
    throw new Error('paintStart first');
  }
  while (state.fullPainted === undefined) {
    await probe.afterPaint();
  }
  const intervals = state.frames.slice(1).map((t, i) => t - state.frames[i]);
  return { fullFrameMs: (state.full as number) - state.started, fullPaintedMs: state.fullPainted - state.started, intervals };
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

/**
 * Keeps `record` in the page as `__benchRecord`, with `__benchText` as its first text block and, when it has a
 * response, the message's JSON as the response body (as the host records a non-streamed call).
 */
export function prepareRecord(record: unknown): void {
  const w = globalThis as unknown as ProbeWindow;
  const r = record as { message?: { content?: Array<{ text?: string }> }; response?: { body?: string } };
  const block = r.message?.content?.[0];
  if (block) {
    block.text = w.__benchText ?? '';
  }
  if (r.response && r.message) {
    r.response.body = JSON.stringify(r.message);
  }
  w.__benchRecord = r;
}

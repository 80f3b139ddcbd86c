// A finished call's first paint in the panel, timed from inside the page (passed to page.evaluate, so each
// exported function must be self-contained: it reaches the probe that installProbe left on the window, and imports
// only types). Times are the page's performance.now(), in milliseconds. See panelProbe.ts for the probe.
import type { Probe, ProbeWindow } from './panelProbe';

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

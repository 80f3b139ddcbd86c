// In the panel page (each export is passed to page.evaluate, so self-contained): when the host's last batch of a
// stream and its callFinished were delivered, and when the rendering caught up with them (the answer's last heading
// in the DOM, painted). Cheaper than panelProbe's per-frame check of every heading: only the content's last few
// children are looked into (the last heading may sit in the group before the one its closing paragraph ended in), so
// that the probe does not add work that grows with the answer to the frames it measures.

interface ProbeElement {
  previousElementSibling: ProbeElement | null;
  querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
}

/** console.timeStamp marks, for a trace (traceWindow.ts). */
export const LAST_BATCH_MARK = 'bench: last batch';
export const CAUGHT_UP_MARK = 'bench: caught up';

interface CatchUpWindow {
  console: { timeStamp(label: string): void };
  addEventListener(type: string, listener: (event: { data?: { type?: string } }) => void, capture?: boolean): void;
  performance: { now(): number };
  document: { querySelector(selector: string): { lastElementChild: ProbeElement | null } | null };
  __probe?: { rawRaf(callback: (time: number) => void): number; afterPaint(): Promise<number> };
  __catchUp?: { lastBatchAt: number; finishedAt: number };
}

/** Notes when each `events` message and the `callFinished` message reach the page (before the panel handles them). */
export function watchStreamEnd(): void {
  const w = globalThis as unknown as CatchUpWindow;
  const marks = { lastBatchAt: 0, finishedAt: 0 };
  w.__catchUp = marks;
  w.addEventListener(
    'message',
    (event) => {
      if (event.data?.type === 'events' && marks.finishedAt === 0) {
        marks.lastBatchAt = w.performance.now();
        // The same label each batch: a trace reader takes the last one (self-contained: no constant from outside).
        w.console.timeStamp('bench: last batch');
      } else if (event.data?.type === 'callFinished') {
        marks.finishedAt = w.performance.now();
      }
    },
    true,
  );
}

export interface CatchUp {
  /** The last batch of deltas (or closing events) delivered → the last heading rendered and painted. */
  afterLastBatchMs: number;
  /** callFinished delivered → the same. */
  afterFinishMs: number;
}

/** Resolves once the content's last child holds `lastHeading` (an h1) and that frame is painted; bounded. */
export async function caughtUp(plan: { contentSelector: string; lastHeading: string; timeoutMs: number }): Promise<CatchUp> {
  const w = globalThis as unknown as CatchUpWindow;
  const probe = w.__probe;
  const marks = w.__catchUp;
  if (!probe || !marks) {
    throw new Error('installProbe and watchStreamEnd first');
  }
  const done = (): boolean => {
    // The last child holding a heading, among the last three: the answer's last heading once it is rendered.
    let child = w.document.querySelector(plan.contentSelector)?.lastElementChild ?? null;
    for (let looked = 0; child && looked < 3; looked++, child = child.previousElementSibling) {
      const headings = child.querySelectorAll('h1');
      if (headings.length > 0) {
        return headings[headings.length - 1].textContent === plan.lastHeading;
      }
    }
    return false;
  };
  const started = w.performance.now();
  while (!done()) {
    if (w.performance.now() - started > plan.timeoutMs) {
      throw new Error(`the rendering did not catch up within ${plan.timeoutMs} ms`);
    }
    await new Promise<void>((resolve) => probe.rawRaf(() => resolve()));
  }
  const painted = await probe.afterPaint();
  w.console.timeStamp('bench: caught up');
  return { afterLastBatchMs: painted - marks.lastBatchAt, afterFinishMs: painted - marks.finishedAt };
}

// Streaming into the panel, timed from inside the page (passed to page.evaluate, so streamRun must be
// self-contained: it reaches the probe that installProbe left on the window, and imports only types). Times are the
// page's performance.now(), in milliseconds. See panelProbe.ts for how the probe delivers and times.
import type { Probe, ProbeWindow } from './panelProbe';

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

// Code that runs inside the compare view's page (passed to page.evaluate, so it is self-contained: no imports, no
// helpers from this module). It plays a comparison the way the extension host posts it (comparePanel.ts): the
// comparison, each run starting, then every EVENT_FLUSH_MS one `runEvents` per running run holding the small
// text_delta events that came in that time, then each run's closing events and its finished record. Meanwhile it
// notes every animation frame and every long task (the Long Tasks API), until each column shows its answer's last
// heading. Uses the probe of panelProbe.ts (installProbe) for raw frames and synchronous delivery. Each message is
// delivered in a task of its own, as each postMessage of the host is (a MessageChannel hop between two): delivered
// in one task, the four columns' messages made one long task the view never sees in VS Code.

interface CompareProbeWindow {
  __probe?: { rawRaf(callback: (time: number) => void): number; dispatch(message: unknown): number; afterPaint(): Promise<number> };
  __benchText?: string;
  performance: { now(): number };
  setTimeout(callback: () => void, ms: number): number;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(message: unknown): void } };
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ duration: number; startTime: number }> }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
    disconnect(): void;
  };
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
}

export interface CompareStreamPlan {
  /** The `comparison` message's comparison: one run per model, every run waiting. */
  comparison: unknown;
  models: string[];
  /** Per run: the record as the call starts. */
  started: unknown[];
  /** Per run: the finished record; its first text block gets the text in the page. */
  finals: unknown[];
  /** The events before the first delta (message_start, content_block_start) and after the last. */
  opening: unknown[];
  closing: unknown[];
  deltaChars: number;
  /** Characters the fastest run streams per host flush. */
  batchChars: number;
  /** Per run: its pace, as a share of batchChars (1 the fastest). */
  paces: number[];
  /** The host's flush interval: one runEvents per running run this often. */
  flushMs: number;
  /** Where a column's answer headings are, with {model} for the model. */
  headingSelector: string;
  /** The answer's last heading: a column has caught up when it shows it. */
  lastHeading: string;
}

export interface CompareStreamResult {
  /** Time between consecutive animation frames, from the first message to the last column caught up. */
  frameGaps: number[];
  /** Durations of the long tasks (over 50 ms, by the API's definition) in that time. */
  longTasks: number[];
  /** Messages posted: runEvents batches, and text_delta events in them. */
  batches: number;
  deltas: number;
  /** First message → the last run's last batch and finished record delivered. */
  streamMs: number;
  /** That → every column shows its last heading, painted (the rendering catching up). */
  finishMs: number;
  /** The longest frame gap while streaming, and after. */
  streamLongestMs: number;
  finishLongestMs: number;
}

export async function compareStreamRun(plan: CompareStreamPlan): Promise<CompareStreamResult> {
  const w = globalThis as unknown as CompareProbeWindow;
  const probe = w.__probe;
  if (!probe) {
    throw new Error('installProbe first');
  }
  const text = w.__benchText ?? '';
  const now = (): number => w.performance.now();
  const longTasks: number[] = [];
  const observer = new w.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push(entry.duration);
    }
  });
  observer.observe({ type: 'longtask' });
  const frames: number[] = [];
  let watching = true;
  const frame = (time: number): void => {
    frames.push(time);
    if (watching) {
      probe.rawRaf(frame);
    }
  };
  probe.rawRaf(frame);
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => w.setTimeout(resolve, ms));
  /** The next task (no 4 ms clamp as for nested timers): where the next postMessage of the host is delivered. */
  const nextTask = (): Promise<void> =>
    new Promise((resolve) => {
      const channel = new w.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  const post = async (message: unknown): Promise<void> => {
    probe.dispatch(message);
    await nextTask();
  };

  const started = now();
  await post({ type: 'comparison', comparison: plan.comparison, running: true });
  for (const [index, model] of plan.models.entries()) {
    await post({ type: 'run', index, run: { model, run: 1, status: 'running', record: plan.started[index] } });
    await post({ type: 'runEvents', index, events: plan.opening });
  }
  // Each run streams at its own pace (models write at different speeds) and finishes when its text is out, while
  // the others go on: its closing events, then its finished record, as the host posts them.
  const offsets = plan.models.map(() => 0);
  let ms = 1000;
  let batches = 0;
  let deltas = 0;
  const finish = async (index: number): Promise<void> => {
    const final = plan.finals[index] as { message?: { content?: Array<{ text?: string }> } };
    const block = final.message?.content?.[0];
    if (block) {
      block.text = text;
    }
    await post({ type: 'runEvents', index, events: plan.closing });
    await post({ type: 'run', index, run: { model: plan.models[index], run: 1, status: 'ok', record: final } });
  };
  while (offsets.some((offset) => offset < text.length)) {
    await sleep(plan.flushMs);
    for (const index of plan.models.keys()) {
      if (offsets[index] >= text.length) {
        continue;
      }
      const piece = text.slice(offsets[index], offsets[index] + Math.round(plan.batchChars * plan.paces[index]));
      offsets[index] += piece.length;
      const events: unknown[] = [];
      for (let at = 0; at < piece.length; at += plan.deltaChars) {
        events.push({ ms: ms++, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece.slice(at, at + plan.deltaChars) } } });
      }
      await post({ type: 'runEvents', index, events });
      batches++;
      deltas += events.length;
      if (offsets[index] >= text.length) {
        await finish(index);
      }
    }
  }
  const streamEnd = now();
  const streamFrames = frames.length;
  const finishStart = now();
  probe.dispatch({ type: 'finished', finishedAt: new Date().toISOString() });
  const caughtUp = (): boolean =>
    plan.models.every((model) => {
      const headings = w.document.querySelectorAll(plan.headingSelector.replace('{model}', model));
      return headings.length > 0 && headings[headings.length - 1].textContent === plan.lastHeading;
    });
  // Bounded: a minute of frames.
  for (let n = 0; n < 3600 && !caughtUp(); n++) {
    await probe.afterPaint();
  }
  if (!caughtUp()) {
    throw new Error('a column did not show its last heading within 3600 frames');
  }
  const finishEnd = await probe.afterPaint();
  watching = false;
  // Long tasks are reported after they end: one more task lets the last one in.
  await sleep(0);
  observer.disconnect();
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const longest = (list: number[]): number => list.reduce((a, b) => Math.max(a, b), 0);
  return {
    frameGaps: gaps,
    longTasks,
    batches,
    deltas,
    streamMs: streamEnd - started,
    finishMs: finishEnd - finishStart,
    streamLongestMs: longest(gaps.slice(0, Math.max(0, streamFrames - 1))),
    finishLongestMs: longest(gaps.slice(Math.max(0, streamFrames - 1))),
  };
}

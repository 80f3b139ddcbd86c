// A 10 MB answer in the panel (default; --first-paint-mb=N): how soon its first heading is painted against how long
// the whole answer takes to render (the panel renders the first screen at once and the rest in slices between
// frames), how a frame's cost changes over that render, and whether the panel answers a click on the Raw response
// tab while it renders (just after the first paint, and at 75 %), against the same click on the idle page.
// Separately, the same answer streamed as a fast local server would send it (the host posts a batch every 40 ms;
// here each batch is thousands of deltas): how soon its first heading shows, and the whole.
//
//   node out/bench/webviewFirstPaint.js [--first-paint-mb=10] [--flood-deltas-per-frame=4000] [--delta-chars=40]
import { finishedRecord, REPLY_HEADING, REPLY_MARKDOWN, REPLY_PROGRESS, streamedCall } from './lib/calls';
import { FIRST_HEADING, LAST_HEADING, longMarkdown, MB, megabytes } from '../test/webview/fixtures/longMarkdown';
import { numberOption } from './lib/options';
import { BenchPanel, difference, Harness, within } from './lib/panel';
import { paintDone, paintStart, prepareRecord } from './lib/panelPaint';
import { armClick, clickTimes, type ClickTimes } from './lib/panelProbe';
import { streamRun } from './lib/panelStream';
import { report, row, runMain, type Row } from './lib/report';
import { median, ms, p95 } from './lib/stats';

const PAINT = { headingSelector: REPLY_HEADING, busySelector: REPLY_MARKDOWN, progressSelector: REPLY_PROGRESS };
const RAW_TAB = '#tab-raw';

interface Click extends ClickTimes {
  /** From Node: page.click() called → the click painted (includes Playwright's actionability checks). */
  nodeMs: number;
}

/** Clicks the Raw response tab and returns when the browser took it, handled it and painted the result. */
async function clickRaw(bench: BenchPanel): Promise<Click> {
  await bench.page.evaluate(armClick);
  const started = Date.now();
  await bench.page.click(RAW_TAB, { timeout: 60_000 });
  const times = await within(bench.page.evaluate(clickTimes), 60_000, 'the click on Raw response');
  const selected = await bench.page.getAttribute(RAW_TAB, 'aria-selected');
  if (selected !== 'true') {
    throw new Error(`the Raw response tab is not selected after the click (aria-selected=${selected})`);
  }
  return { ...times, nodeMs: Date.now() - started };
}

const describeClick = (c: Click): string =>
  `waited ${ms(c.capturedAt - c.timeStamp)} for the main thread, handled in ${ms(c.handledAt - c.capturedAt)}, painted ${ms(c.paintedAt - c.timeStamp)} after the input (Playwright's click: ${ms(c.nodeMs)})`;

async function showFinished(harness: Harness, text: string, callId: string): Promise<BenchPanel> {
  const bench = await BenchPanel.open(harness);
  await bench.setText(text);
  await bench.page.evaluate(prepareRecord, finishedRecord(callId) as unknown);
  return bench;
}

/** How far the render has gone (its progress line) before the late click. */
const LATE_PERCENT = 75;

interface BusyClick {
  click: Click;
  /** The render was still going on after the click (else the click did not measure what it should). */
  duringRender: boolean;
  headingPaintedMs: number;
  fullPaintedMs: number;
  percent: number;
}

/** Delivers the answer, waits until the render is `percent` % done (0: the first heading painted), clicks Raw. */
async function clickWhileRendering(harness: Harness, text: string, callId: string, percent: number): Promise<BusyClick> {
  const bench = await showFinished(harness, text, callId);
  try {
    const first = await within(bench.page.evaluate(paintStart, PAINT), 60_000, 'the first paint');
    if (percent > 0) {
      await bench.page.waitForFunction(
        ({ selector, percent: p }) => {
          const progress = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(selector);
          return Number(/(\d+)%/.exec(progress?.textContent ?? '')?.[1] ?? '0') >= p;
        },
        { selector: REPLY_PROGRESS, percent },
        { polling: 'raf', timeout: 240_000 },
      );
    }
    const click = await clickRaw(bench);
    const progress = await bench.page.evaluate(
      (selector) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(selector)?.textContent ?? null,
      REPLY_PROGRESS,
    );
    const full = await within(bench.page.evaluate(paintDone), 240_000, `rendering ${megabytes(text.length)}`);
    const when = percent > 0 ? `at ${percent} %` : `first heading painted after ${ms(first.headingPaintedMs)}`;
    if (progress === null) {
      console.log(`  click on Raw response while rendering (${when}): NOT MEASURED, the render was over before the click (a bigger answer needed); ${describeClick(click)}`);
    } else {
      const at = Number(/(\d+)%/.exec(progress)?.[1] ?? '0');
      console.log(`  click on Raw response while rendering (${when}): ${describeClick(click)}; progress after it: ${at} %; all rendered after ${ms(full.fullPaintedMs)}`);
    }
    bench.assertNoErrors('the finished answer, clicked');
    return { click, duringRender: progress !== null, headingPaintedMs: first.headingPaintedMs, fullPaintedMs: full.fullPaintedMs, percent };
  } finally {
    await bench.close();
  }
}

async function main(): Promise<void> {
  const sizeMb = numberOption('first-paint-mb', 10);
  const deltaChars = Math.round(numberOption('delta-chars', 40));
  const floodPerFrame = Math.round(numberOption('flood-deltas-per-frame', 4000));
  const text = longMarkdown(sizeMb * MB);
  const size = megabytes(text.length);
  console.log(`webview first paint: a ${size} markdown answer`);
  const harness = await Harness.start();
  try {
    // 1. Delivered finished, left alone: first heading painted, then the whole answer; then the click, idle.
    const quiet = await showFinished(harness, text, 'paint-quiet');
    const cpuBefore = await quiet.mainThread();
    const first = await within(quiet.page.evaluate(paintStart, PAINT), 60_000, 'the first paint');
    const full = await within(quiet.page.evaluate(paintDone), 240_000, `rendering ${size}`);
    const cpu = difference(await quiet.mainThread(), cpuBefore);
    const firstText = await quiet.page.locator(REPLY_HEADING).first().textContent();
    const lastText = await quiet.page.locator(REPLY_HEADING).last().textContent();
    if (firstText !== FIRST_HEADING || lastText !== LAST_HEADING) {
      throw new Error(`after rendering, the reply's headings run from "${firstText}" to "${lastText}"`);
    }
    console.log(
      `  finished record: handler ${ms(first.handlerMs)}; first heading in a frame after ${ms(first.headingFrameMs)}, painted after ${ms(first.headingPaintedMs)}; ` +
        `all rendered and painted after ${ms(full.fullPaintedMs)}; main thread ${ms(cpu.taskMs)} (script ${ms(cpu.scriptMs)}, layout ${ms(cpu.layoutMs)}, style ${ms(cpu.styleMs)})`,
    );
    const tenth = Math.max(1, Math.floor(full.intervals.length / 10));
    const earlyFrames = full.intervals.slice(0, tenth);
    const lateFrames = full.intervals.slice(-tenth);
    console.log(
      `  while the rest rendered: ${full.intervals.length} frames; frame interval median ${ms(median(full.intervals))}, p95 ${ms(p95(full.intervals))}, max ${ms(Math.max(...full.intervals))}; ` +
        `first tenth median ${ms(median(earlyFrames))}, last tenth ${ms(median(lateFrames))}`,
    );
    const rendered = await quiet.page.evaluate(
      (selector) => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
        return { lazy: doc.querySelectorAll(`${selector} .md-group.md-sealed`).length, elements: doc.querySelectorAll('*').length };
      },
      REPLY_MARKDOWN,
    );
    console.log(`  rendered: ${rendered.lazy} lazy segments (content-visibility: auto), ${rendered.elements} elements in the page`);
    const idleClick = await clickRaw(quiet);
    console.log(`  click on Raw response, idle page: ${describeClick(idleClick)}`);
    quiet.assertNoErrors('the finished answer');
    await quiet.close();

    // 2 and 3. The same, clicked as soon as the first heading is painted, and clicked late in the render.
    const early = await clickWhileRendering(harness, text, 'paint-early', 0);
    const late = await clickWhileRendering(harness, text, 'paint-late', LATE_PERCENT);

    // 4. Streamed in big batches, as the host forwards a fast local stream.
    const streamed = await BenchPanel.open(harness);
    await streamed.setText(text);
    const deltas = Math.ceil(text.length / deltaChars);
    const { before, after } = streamedCall('paint-stream', deltas, text.length);
    const flood = await within(
      streamed.page.evaluate(streamRun, { before, after, callId: 'paint-stream', deltaChars, deltasPerFrame: floodPerFrame, headingSelector: REPLY_HEADING, lastHeading: LAST_HEADING }),
      240_000,
      `streaming ${size}`,
    );
    const floodLast = await streamed.page.locator(REPLY_HEADING).last().textContent();
    if (floodLast !== LAST_HEADING) {
      throw new Error(`after streaming, the reply's last heading is "${floodLast}"`);
    }
    const floodScript = flood.frames.map((f) => f.handlerMs + f.flushMs);
    const floodInterval = flood.frames.map((f) => f.intervalMs);
    console.log(
      `  streamed, ${floodPerFrame} deltas (${megabytes(floodPerFrame * deltaChars)}) per frame: first heading painted after ${ms(flood.firstHeadingMs ?? Number.NaN)}; ` +
        `all streamed after ${ms(flood.streamMs)}, caught up ${ms(flood.finishMs)} after the last batch (longest frame then ${ms(flood.finishLongestFrameMs)}), finished after ${ms(flood.wallMs)}; ${flood.frames.length} frames, script per frame median ${ms(median(floodScript))} p95 ${ms(p95(floodScript))} max ${ms(Math.max(...floodScript))}; ` +
        `frame interval median ${ms(median(floodInterval))} max ${ms(Math.max(...floodInterval))}`,
    );
    streamed.assertNoErrors('the streamed answer');
    await streamed.close();

    const clickRows: Row[] = [];
    if (early.duringRender) {
      clickRows.push(
        row(
          `click Raw tab early in ${size} render vs idle`,
          idleClick.paintedAt - idleClick.timeStamp,
          early.click.paintedAt - early.click.timeStamp,
          `Input to painted result of a click on the Raw response tab (which itself renders the ${size} JSON) just after the first paint, while the rest renders, against the same click on the idle page once all is rendered; ~1 means the render does not hold up input.`,
        ),
      );
    }
    if (late.duringRender) {
      clickRows.push(
        row(
          `click Raw tab at ${LATE_PERCENT} % of ${size} render vs idle`,
          idleClick.paintedAt - idleClick.timeStamp,
          late.click.paintedAt - late.click.timeStamp,
          `The same click when ${LATE_PERCENT} % of the answer has been rendered (frames are slowest then).`,
        ),
      );
    }
    report('webviewFirstPaint', [
      row(
        `first paint vs full render, ${size} finished`,
        full.fullPaintedMs,
        first.headingPaintedMs,
        'A finished answer delivered at once: its first heading painted, against the whole answer rendered and painted; small is progressive.',
      ),
      row(
        `frame interval during ${size} render, end vs start`,
        median(earlyFrames),
        median(lateFrames),
        'Median time between frames in the last tenth of that render against the first: each frame does one 12 ms slice of work, so 1 means a late frame costs what an early one does; above 1, each frame pays for what is already rendered.',
      ),
      ...clickRows,
      row(
        `first heading vs all, ${size} streamed`,
        flood.wallMs,
        flood.firstHeadingMs ?? Number.NaN,
        `The same answer streamed in batches of ${floodPerFrame} deltas: first heading painted, against the whole stream rendered and finished.`,
      ),
    ]);
  } finally {
    await harness.close();
  }
}

runMain(main);

// Work timing. Streaming updates are batched to one DOM write per animation frame; long renders are cut in slices
// that yield to the event loop, so that the panel paints early and keeps answering clicks and keys.

export interface Flushable {
  flush(): void;
}

/** The script one frame may spend on flushes: the rest of a 16 ms frame is left to style, layout and paint. */
export const FRAME_WORK_MS = 10;

/**
 * The whole frame the panel aims at while it renders much: its script plus the style, layout and paint that the
 * script's DOM changes cause. A script budget alone did not bound the frame: in the workbench (where the webview
 * shares the renderer's main thread) frames of 32 ms of script went on to 90-290 ms of style and layout.
 */
export const FRAME_TARGET_MS = 40;
/** The least script a frame gets however long the rendering ran, so that a long answer still catches up. */
const MIN_SCRIPT_MS = 4;

/**
 * The rendering's cost per millisecond of script, from the last frames: the time from the end of a frame's flushes
 * (or a slice) to a message posted then, which runs once that frame's style, layout and paint are done. It rises at
 * once and falls slowly, so that one long layout shrinks the next frames' work and a cheap one does not undo it.
 */
let renderPerScript = 0;
const renderProbe = new MessageChannel();
let probeSentAt = 0;
let probeScriptMs = 0;
renderProbe.port1.onmessage = () => {
  if (probeSentAt === 0) {
    return;
  }
  const renderMs = performance.now() - probeSentAt;
  probeSentAt = 0;
  noteRender(renderMs, probeScriptMs);
};

/** Records a frame's rendering after `scriptMs` of the panel's work. Exported for the tests of the budget. */
export function noteRender(renderMs: number, scriptMs: number): void {
  // A frame with next to no script says little about the cost per millisecond of it (its rendering is the tail's,
  // or the page's own): it only lets the estimate fall.
  const sample = scriptMs >= 2 ? renderMs / scriptMs : 0;
  renderPerScript = sample > renderPerScript ? sample : renderPerScript * 0.7 + sample * 0.3;
}

/** Starts timing the rendering of what the script just did (one probe at a time: the frames' own pace). */
function probeRender(scriptMs: number): void {
  if (probeSentAt !== 0 || scriptMs <= 0) {
    return;
  }
  probeSentAt = performance.now();
  probeScriptMs = scriptMs;
  renderProbe.port2.postMessage(null);
}

/**
 * The script a frame (or slice) may spend when it wants `wantMs`: less when the last frames' style and layout ran
 * long, so that script and rendering together stay near {@link FRAME_TARGET_MS}; never under {@link MIN_SCRIPT_MS}
 * (or `wantMs`, if smaller).
 */
export function adaptiveBudget(wantMs: number): number {
  const fits = FRAME_TARGET_MS / (1 + renderPerScript);
  return Math.min(wantMs, Math.max(MIN_SCRIPT_MS, fits));
}

/** The current estimate of rendering per millisecond of script (for tests and benches). */
export function renderCostRatio(): number {
  return renderPerScript;
}

/** Forgets the estimate (tests). */
export function resetRenderCost(): void {
  renderPerScript = 0;
  probeSentAt = 0;
}

const dirty = new Set<Flushable>();
let frame = 0;
let fallback: ReturnType<typeof setTimeout> | undefined;
/** While a frame flushes: when its shared budget ends, and how many of its items have not flushed yet. */
let frameEnds = 0;
let itemsLeft = 0;
/** The least share an item gets, so that each one moves on a little even when the budget is spent. */
const MIN_SHARE_MS = 1;

function runFrame(): void {
  if (frame) {
    cancelAnimationFrame(frame);
    frame = 0;
  }
  if (fallback !== undefined) {
    clearTimeout(fallback);
    fallback = undefined;
  }
  const items = [...dirty];
  dirty.clear();
  itemsLeft = items.length;
  const started = performance.now();
  frameEnds = started + FRAME_WORK_MS;
  // Once the frame's budget is spent, the items not flushed yet wait for the next frame, where they go first: each
  // item that flushes does at least a little (a slice of text, its live tail), so with four answers streaming at once
  // flushing every one of them made the frame's script the sum of four minimums (39 ms seen), however small the share.
  const deferred: Flushable[] = [];
  for (const item of items) {
    if (deferred.length > 0 || (itemsLeft < items.length && performance.now() >= frameEnds)) {
      deferred.push(item);
      itemsLeft--;
      continue;
    }
    try {
      item.flush();
    } catch (error) {
      console.error('Claude Inspector: render failed', error);
    } finally {
      itemsLeft--;
    }
  }
  itemsLeft = 0;
  probeRender(performance.now() - started);
  if (deferred.length > 0) {
    const again = [...dirty];
    dirty.clear();
    for (const item of [...deferred, ...again]) {
      requestFlush(item);
    }
  }
}

/**
 * How long the item flushing now may work: an equal share of what is left of the frame's budget, so that four
 * answers streaming at once (the compare view's columns) take one budget between them, not one each. Outside a
 * frame's flush (flushNow), the whole budget.
 */
export function frameShare(): number {
  if (itemsLeft <= 0) {
    return FRAME_WORK_MS;
  }
  return Math.max(MIN_SHARE_MS, (frameEnds - performance.now()) / itemsLeft);
}

/** Asks for `item.flush()` on the next frame; many requests in one frame make one flush. */
export function requestFlush(item: Flushable): void {
  dirty.add(item);
  if (frame || fallback !== undefined) {
    return;
  }
  frame = requestAnimationFrame(runFrame);
  // Animation frames stop while the panel is hidden or the window is in the background; a timer keeps the
  // content current anyway (at a slower pace).
  fallback = setTimeout(runFrame, 250);
}

/** Flushes now: used before reconciling with a final record, so nothing is left pending. */
export function flushNow(item: Flushable): void {
  if (dirty.delete(item)) {
    item.flush();
  }
}

const SLICE_MS = 12;

/**
 * A job cut in slices; `step` does a little work and returns false when done. Cancelled when `alive` turns false.
 * One slice per frame, started right after the frame painted (an animation frame callback posts a message, whose
 * task runs after the paint), so what is already rendered shows before more work begins. `sliceMs`: the work per
 * slice (a job the reader waits for may take more of each frame). `adaptive`: each slice's work shrinks when the
 * frames after the last slices spent long in style and layout ({@link adaptiveBudget}).
 */
export function runSliced(step: () => boolean, alive: () => boolean, done?: () => void, sliceMs = SLICE_MS, adaptive = false): void {
  const channel = new MessageChannel();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requested = false;
  /** The last slice's script, and when the frame that renders its DOM changes began (its animation frame callback). */
  let lastSliceMs = 0;
  let frameAt = 0;
  const next = (): void => {
    requested = true;
    const post = (fromFrame: boolean): void => {
      if (requested) {
        requested = false;
        frameAt = fromFrame ? performance.now() : 0;
        if (timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
        channel.port2.postMessage(null);
      }
    };
    requestAnimationFrame(() => post(true));
    // No frames while the panel is hidden: keep going, more slowly.
    timer = setTimeout(() => post(false), 100);
  };
  channel.port1.onmessage = () => {
    if (!alive()) {
      channel.port1.close();
      return;
    }
    // The message runs after the frame that began at `frameAt` was styled, laid out and painted: what the last
    // slice's DOM changes cost the browser.
    if (adaptive && frameAt > 0) {
      noteRender(performance.now() - frameAt, lastSliceMs);
    }
    const started = performance.now();
    const until = started + (adaptive ? adaptiveBudget(sliceMs) : sliceMs);
    let more = true;
    while (more && performance.now() < until) {
      more = step();
    }
    lastSliceMs = performance.now() - started;
    if (more) {
      next();
    } else {
      channel.port1.close();
      done?.();
    }
  };
  next();
}

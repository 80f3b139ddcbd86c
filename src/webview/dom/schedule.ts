// Work timing. Streaming updates are batched to one DOM write per animation frame; long renders are cut in slices
// that yield to the event loop, so that the panel paints early and keeps answering clicks and keys.

export interface Flushable {
  flush(): void;
}

/** The script one frame may spend on flushes: the rest of a 16 ms frame is left to style, layout and paint. */
export const FRAME_WORK_MS = 10;

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
  frameEnds = performance.now() + FRAME_WORK_MS;
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
 * slice (a job the reader waits for may take more of each frame).
 */
export function runSliced(step: () => boolean, alive: () => boolean, done?: () => void, sliceMs = SLICE_MS): void {
  const channel = new MessageChannel();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requested = false;
  const next = (): void => {
    requested = true;
    const post = (): void => {
      if (requested) {
        requested = false;
        if (timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
        channel.port2.postMessage(null);
      }
    };
    requestAnimationFrame(post);
    // No frames while the panel is hidden: keep going, more slowly.
    timer = setTimeout(post, 100);
  };
  channel.port1.onmessage = () => {
    if (!alive()) {
      channel.port1.close();
      return;
    }
    const until = performance.now() + sliceMs;
    let more = true;
    while (more && performance.now() < until) {
      more = step();
    }
    if (more) {
      next();
    } else {
      channel.port1.close();
      done?.();
    }
  };
  next();
}

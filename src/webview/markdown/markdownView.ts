// The rendered markdown of one text block, live or finished.
//
// Live: deltas are buffered and applied once per frame. The segmenter finds which part of the text is finished
// (cut at block boundaries, see segmenter.ts); each finished segment is rendered once (segmentElement.ts) and
// appended, and its DOM is never touched again. Only the unfinished tail (at most about one paragraph) is rendered again each frame; an
// open code fence in the tail is not re-rendered at all: its new text is appended as text nodes. What comes far
// ahead of the rendering, or far below the screen, waits in a placeholder, rendered when looked at or after the
// stream (deferredGroups.ts).
// Finished (a whole answer, or restored state): the text is segmented and rendered in groups, the first screen
// at once and the rest in slices between frames, so a 10 MB answer paints quickly and the panel stays responsive.
// Over 300 lines: live and finished rendering share one frame loop and one catch-up; apart, they would drift.
import { el } from '../dom/elements';
import { renderMarkdown, type MarkdownEnv } from './render';
import { codeBlockFragment, GROUP_CHARS, joined, segmentElement } from './segmentElement';
import { MarkdownSegmenter, type Segment } from './segmenter';
import { DeferredGroups } from './deferredGroups';
import { FRAME_WORK_MS, flushNow, frameShare, requestFlush, runSliced, type Flushable } from '../dom/schedule';

/** Text per placeholder group that waits to be rendered (deferredGroups.ts): one markdown render each. */
const DEFERRED_GROUP_CHARS = 8 * 1024;
/** Live segments per group before the group is sealed (fewer groups: less per-frame work for the browser). */
const GROUP_SEGMENTS = 128;
const LIVE_GROUP_CHARS = 64 * 1024;
/**
 * Live text is fed to the segmenter in slices of this size, so that a frame can stop between two of them (16 KB let
 * a frame overrun its budget by a slice: in the real workbench, frames of the panel's own of 77-90 ms of script).
 */
const LIVE_SLICE_CHARS = 8 * 1024;
/** Text still to render beyond which the live rendering is behind the stream (groups sealed at once). */
const BEHIND_CHARS = 128 * 1024;
/**
 * The work per frame while the rendering is far behind the stream, or catches up after it ended: the reader waits
 * for it, and what is rendered is off screen (sealed groups), so a frame may give it more than its live share. In
 * the real workbench (code-server draws the panel on the workbench's thread) 32 ms made frames of 200 ms with the
 * style and layout that followed; 16 ms, about 110 ms, and the catch-up still ends within 0.6 s of the last byte.
 */
const CATCH_UP_SLICE_MS = 16;
/**
 * The work per frame once the stream has ended and the rendering is still behind. More per frame would catch up
 * sooner (at 56 ms, one run of a fast 5 MB stream on a loaded machine: 3.3 s of catch-up CPU instead of 3.9 s), but
 * is not verified in VS Code yet.
 */
const END_SLICE_MS = 32;
/**
 * Left to render when the block ends: up to this much is rendered at once, more in slices. Rendered as markdown
 * when the reader is at the answer's end: 16 KB is a few tens of ms on a loaded machine, 64 KB was too many.
 */
const END_AT_ONCE_CHARS = 16 * 1024;
/** Rendered before the first paint of a whole text. */
const FIRST_SCREEN_CHARS = 24 * 1024;
/** A whole text longer than this renders its groups with content-visibility: auto. */
const LAZY_CHARS = 64 * 1024;
/** Text fed to the segmenter per step of a whole render. */
const FEED_CHARS = 128 * 1024;
/** A finished block up to this size is rendered again whole, for exact markdown (loose lists, late references). */
export const WHOLE_RERENDER_CHARS = 32 * 1024;

export class MarkdownView implements Flushable {
  /** The view: the rendered content plus, during a long render, a progress line. */
  readonly element: HTMLElement;
  /** The rendered segments, in order; the live tail is the last child while streaming. */
  readonly content: HTMLElement;
  private segmenter = new MarkdownSegmenter();
  private env: MarkdownEnv = {};
  /** Text received and not rendered yet, in the pieces it came in, and their total length. */
  private pending: string[] = [];
  private pendingChars = 0;
  /**
   * Segments cut off the stream and not rendered yet: a frame stops between two of them once its time is up. A slice
   * of text holds a hundred short paragraphs; rendered in one go, in the real workbench, a frame took 120 ms.
   */
  private ready: Segment[] = [];
  private readyChars = 0;
  private tail: HTMLElement | undefined;
  /** The code element of an open fence in the tail, and how much of the tail it already shows. */
  private liveFence: { code: HTMLElement; shown: number } | undefined;
  private segmentCount = 0;
  private generation = 0;
  /** Live segments are gathered in groups; a full group is sealed (laid out only near the viewport). */
  private group: { element: HTMLElement; segments: number; chars: number } | undefined;
  private lastSegment: HTMLElement | undefined;
  /** Segments that came far ahead of the rendering or far below the screen: rendered when near the viewport or at the end. */
  private readonly deferred = new DeferredGroups((segments) => this.renderSegments(segments), () => requestFlush(this));
  /** The tail was not drawn while the answer's end was far below the screen; and segments were cut off it since. */
  private tailStale = false;
  private tailNew = false;

  constructor() {
    this.content = el('div', { class: 'md' });
    this.element = el('div', { class: 'md-view' }, this.content);
  }

  // ---- live ----

  append(text: string): void {
    if (text === '') {
      return;
    }
    this.pending.push(text);
    this.pendingChars += text.length;
    requestFlush(this);
  }

  /**
   * Once per frame: renders what came, within this view's share of the frame's budget (shared with the other
   * answers streaming at once); the rest waits for the next frame.
   */
  flush(): void {
    // Far behind, this view's share grows in the ratio of the catch-up budget to the live one (all of it for a view
    // alone, as in the response panel; a fair part of it when several answers stream at once).
    const share = frameShare();
    this.render(this.behind() ? share * (CATCH_UP_SLICE_MS / FRAME_WORK_MS) : share);
  }

  /**
   * Whether the text received and not yet cut into segments is far ahead of the rendering. Not the segments cut and
   * waiting their turn: they hold text the tail showed already (a big table or fence that just closed, which the
   * reader is watching, must not turn into a placeholder).
   */
  private behind(): boolean {
    return this.pendingChars > BEHIND_CHARS;
  }

  /** Text received and not rendered yet. */
  private backlog(): number {
    return this.pendingChars + this.readyChars;
  }

  /**
   * Renders pending text slice by slice until `budgetMs` is spent. A fast stream brings hundreds of kilobytes per
   * batch: rendered at once, one frame took longer than the eye and the keyboard wait. What is left stays pending
   * and the next frame goes on, so the panel catches up a little later instead of freezing.
   */
  private render(budgetMs: number): void {
    if (this.backlog() === 0) {
      if (this.tailStale && this.tail && this.deferred.endIsNear) {
        // The answer's end came near the viewport: its tail, left as it was while far below, is drawn now.
        this.renderTail();
      }
      return;
    }
    const until = performance.now() + budgetMs;
    let appended = false;
    // At least one step, whatever the budget: the end's catch-up (end) renders with none, step by step.
    for (let first = true; this.backlog() > 0 && (first || performance.now() < until); first = false) {
      // What comes while the reader is not at the answer's end, or far ahead of the rendering, is off screen when it
      // shows: it waits, and is rendered when looked at or once the stream has ended (deferredGroups.ts).
      const waits = !this.deferred.endIsNear || this.behind();
      if (this.ready.length > 0) {
        // Segments cut before, in order: all of them into a waiting group (cheap), or the next one rendered.
        const segments = waits ? this.ready.splice(0) : this.ready.splice(0, 1);
        this.readyChars = waits ? 0 : this.readyChars - segments[0].text.length;
        if (waits) {
          this.appendDeferred(segments);
        } else {
          this.appendSegment(segments[0]);
        }
        appended = true;
        continue;
      }
      const finished = this.segmenter.push(this.take(LIVE_SLICE_CHARS));
      if (waits) {
        this.appendDeferred(finished);
        appended ||= finished.length > 0;
      } else {
        this.ready = finished;
        this.readyChars = finished.reduce((sum, segment) => sum + segment.text.length, 0);
      }
    }
    if (this.backlog() > 0) {
      requestFlush(this);
    }
    this.tailNew ||= appended;
    if (this.ready.length > 0) {
      // Segments cut off the tail wait for the next frame: the tail drawn now would show its text after a gap. It
      // is left empty until they are in, and is then drawn anew; it is in the page all the same, where the viewport's
      // observer tells whether the reader is near the answer's end.
      this.liveTail().replaceChildren();
      this.liveFence = undefined;
      this.tailNew = true;
    } else if (this.deferred.endIsNear) {
      this.renderTail();
    } else {
      // Far below the screen nobody sees the tail: it is not rendered again every frame (up to a 64 KB block each
      // time), only when the end comes near or the block ends.
      this.tailStale = true;
    }
  }

  /**
   * Up to `chars` of the pending text, taken off its front. The pending pieces are never joined whole: far behind a
   * fast stream they hold megabytes, and joining (then slicing) them every frame copied all of it each time.
   */
  private take(chars: number): string {
    const parts: string[] = [];
    let length = 0;
    while (length < chars && this.pending.length > 0) {
      const first = this.pending[0];
      if (length + first.length <= chars) {
        parts.push(first);
        length += first.length;
        this.pending.shift();
      } else {
        parts.push(first.slice(0, chars - length));
        this.pending[0] = first.slice(chars - length);
        length = chars;
      }
    }
    this.pendingChars -= length;
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /**
   * The block is complete. When `whole` is given and small, it is rendered again in one piece for exact fidelity.
   * `onEnded` runs once the live rendering is over, now or after the slices that catch up.
   */
  end(whole?: string, onEnded?: () => void): void {
    if (this.backlog() > END_AT_ONCE_CHARS) {
      // The stream outran the frames: the rest is rendered in slices, between which the panel stays responsive
      // (not a first part now: the message that ended the block would take a frame's work on top of the frame's own).
      const generation = this.generation;
      runSliced(
        () => {
          this.render(0);
          return this.backlog() > 0;
        },
        () => generation === this.generation,
        () => this.endNow(whole, onEnded),
        END_SLICE_MS,
      );
      return;
    }
    flushNow(this);
    this.endNow(whole, onEnded);
  }

  /** `onEnded`: once the live rendering is over (the tail gone, the last segment in its place). */
  private endNow(whole: string | undefined, onEnded?: () => void): void {
    // The block is complete: whatever the frames had not rendered yet is rendered now.
    this.render(Number.POSITIVE_INFINITY);
    for (const segment of this.segmenter.end()) {
      // The answer's last line ends (a blank rest renders nothing: no empty group after the last words).
      if (segment.text.trim() !== '') {
        this.appendSegment(segment);
      }
    }
    this.tail?.remove();
    this.tail = undefined;
    this.tailStale = false;
    this.tailNew = false;
    this.deferred.watchEnd(undefined);
    this.liveFence = undefined;
    this.group = undefined;
    this.lastSegment = undefined;
    if (whole !== undefined && whole.length <= WHOLE_RERENDER_CHARS && this.segmentCount > 1) {
      this.deferred.reset();
      this.env = {};
      this.content.replaceChildren(segmentElement({ text: whole, continues: false }, this.env));
      this.segmentCount = 1;
      onEnded?.();
      return;
    }
    // What waited is rendered now: the end at once (the tail's text is in it), the rest between frames, in order.
    this.deferred.renderLast();
    this.deferred.renderAll();
    onEnded?.();
  }

  /**
   * Segments far ahead of the rendering or far below the screen: into the waiting group at the end, or a new one.
   * What was rendered before stays; the live group is sealed, and the next rendered segment starts a group of its own.
   */
  private appendDeferred(segments: Segment[]): void {
    if (segments.length === 0) {
      return;
    }
    const chars = segments.reduce((sum, segment) => sum + segment.text.length, 0);
    this.segmentCount += segments.length;
    this.lastSegment = undefined;
    const group = this.group;
    // Into the waiting group only while it is the last thing before the tail: a segment rendered after it would
    // otherwise come before the text that followed it.
    const last = this.tail ? this.tail.previousElementSibling : this.content.lastElementChild;
    if (group && group.element === last && this.deferred.has(group.element) && group.chars < DEFERRED_GROUP_CHARS) {
      this.deferred.add(group.element, segments);
      group.segments += segments.length;
      group.chars += chars;
      return;
    }
    if (group && !this.deferred.has(group.element)) {
      group.element.classList.add('md-sealed');
    }
    const element = this.deferred.create(segments);
    this.group = { element, segments: segments.length, chars };
    if (this.tail) {
      this.content.insertBefore(element, this.tail);
    } else {
      this.content.append(element);
    }
  }

  /** A waiting group's segments rendered, joined where they render the same, each continuing one marked as such. */
  private renderSegments(segments: Segment[]): HTMLElement[] {
    const nodes: HTMLElement[] = [];
    for (const segment of joined(segments)) {
      const node = segmentElement(segment, this.env);
      if (segment.continues) {
        nodes[nodes.length - 1]?.classList.add('md-before-cont');
      }
      nodes.push(node);
    }
    return nodes;
  }

  /**
   * Appends a finished segment. A whole render appends its (large) groups directly; live segments go into the
   * current group, so that the content keeps few children and a long stream does not make every frame's layout
   * walk thousands of paragraphs.
   */
  private appendSegment(segment: Segment, lazy = false): void {
    const node = segmentElement(segment, this.env);
    if (segment.continues) {
      this.lastSegment?.classList.add('md-before-cont');
    }
    this.lastSegment = node;
    this.segmentCount++;
    if (!lazy && !this.tail) {
      this.content.append(node);
      return;
    }
    // A long answer, whole or live, goes into groups: one content-visibility container per group, whatever the
    // segments are (paragraphs or code fences). A lazy container per segment made the browser re-check thousands
    // of them every frame (bench/webviewFirstPaint: 10 MB with fences took 10.5 s, growing frame by frame).
    // A whole render seals each group from its start, so that filling it off screen costs no style or layout;
    // a live group stays open while it fills, where the reader is watching.
    let group = this.group;
    if (!group || this.deferred.has(group.element) || group.segments >= GROUP_SEGMENTS || group.chars >= LIVE_GROUP_CHARS) {
      if (group && !this.deferred.has(group.element)) {
        group.element.classList.add('md-sealed');
      }
      group = { element: el('div', { class: lazy ? 'md-group md-sealed' : 'md-group' }), segments: 0, chars: 0 };
      this.group = group;
      if (this.tail) {
        this.content.insertBefore(group.element, this.tail);
      } else {
        this.content.append(group.element);
      }
    }
    group.element.append(node);
    group.segments++;
    group.chars += segment.text.length;
  }

  /** The element of the unfinished tail, the answer's live end, made and watched at first. */
  private liveTail(): HTMLElement {
    if (!this.tail) {
      this.tail = el('div', { class: 'md-seg md-tail' });
      this.content.append(this.tail);
      this.deferred.watchEnd(this.tail);
    }
    return this.tail;
  }

  /** Draws the unfinished tail: again whole when segments were cut off it since it was last drawn (`tailNew`). */
  private renderTail(): void {
    const tailIsNew = this.tailNew;
    this.tailNew = false;
    this.tailStale = false;
    const text = this.segmenter.tail;
    const tail = this.liveTail();
    if (tailIsNew) {
      this.liveFence = undefined;
    }
    const fence = this.segmenter.tailFence;
    if (fence) {
      if (!this.liveFence) {
        tail.replaceChildren(codeBlockFragment(fence.info, ''));
        const code = tail.querySelector('code');
        if (!code) {
          return;
        }
        this.liveFence = { code, shown: fence.contentStart };
      }
      if (text.length > this.liveFence.shown) {
        this.liveFence.code.append(document.createTextNode(text.slice(this.liveFence.shown)));
        this.liveFence.shown = text.length;
      }
      return;
    }
    this.liveFence = undefined;
    // A reference definition still being typed must not stick: the tail renders with a child env.
    const env: MarkdownEnv = { references: Object.create(this.env.references ?? null) as MarkdownEnv['references'] };
    tail.replaceChildren(renderMarkdown(text, env));
  }

  // ---- finished ----

  /** Renders a complete text (replacing anything shown): the first screen now, the rest in slices. */
  renderWhole(text: string, onDone?: () => void): void {
    const generation = ++this.generation;
    this.deferred.reset();
    this.tailStale = false;
    this.tailNew = false;
    this.segmenter = new MarkdownSegmenter();
    this.env = {};
    this.pending = [];
    this.pendingChars = 0;
    this.ready = [];
    this.readyChars = 0;
    this.tail = undefined;
    this.liveFence = undefined;
    this.segmentCount = 0;
    this.group = undefined;
    this.lastSegment = undefined;
    this.content.replaceChildren();
    this.element.querySelector(':scope > .md-progress')?.remove();
    const segmenter = new MarkdownSegmenter();
    // Only a long text needs off-screen groups skipped; a short one is laid out at once like any other content.
    const lazy = text.length > LAZY_CHARS;
    const queue: Segment[] = [];
    let fed = 0;
    let rendered = 0;
    const step = (): boolean => {
      if (queue.length === 0 && fed < text.length) {
        queue.push(...segmenter.push(text.slice(fed, fed + FEED_CHARS)));
        fed += FEED_CHARS;
        if (fed >= text.length) {
          queue.push(...segmenter.end());
        }
        if (queue.length === 0) {
          return true;
        }
      }
      const first = queue.shift();
      if (!first) {
        return false;
      }
      // Consecutive segments render the same joined as apart; joining makes fewer, larger render calls.
      let group: Segment = first;
      while (!group.fence && queue.length > 0 && !queue[0].fence && group.text.length < GROUP_CHARS) {
        const next = queue.shift() as Segment;
        group = { text: group.text + next.text, continues: group.continues };
      }
      this.appendSegment(group, lazy);
      rendered += group.text.length;
      return queue.length > 0 || fed < text.length;
    };
    let more = true;
    while (more && rendered < FIRST_SCREEN_CHARS) {
      more = step();
    }
    if (!more) {
      onDone?.();
      return;
    }
    this.content.setAttribute('aria-busy', 'true');
    const progress = el('div', { class: 'md-progress', role: 'status' });
    this.element.append(progress);
    let steps = 0;
    runSliced(
      () => {
        const again = step();
        if (++steps % 20 === 0) {
          progress.textContent = `Rendering the rest of the answer… ${Math.floor((Math.min(fed, text.length) / text.length) * 100)}%`;
        }
        return again;
      },
      () => this.generation === generation,
      () => {
        this.content.removeAttribute('aria-busy');
        progress.remove();
        onDone?.();
      },
    );
    progress.textContent = 'Rendering the rest of the answer…';
  }

  /** Stops a whole render in progress (the block is being replaced). */
  cancel(): void {
    this.generation++;
    this.pending = [];
    this.pendingChars = 0;
    this.ready = [];
    this.readyChars = 0;
    this.deferred.reset();
    this.content.removeAttribute('aria-busy');
    this.element.querySelector(':scope > .md-progress')?.remove();
  }
}

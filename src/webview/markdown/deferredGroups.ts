// Markdown that arrived far ahead of the rendering, or far below the screen, rendered when it is looked at. A fast
// stream of a big answer brings megabytes faster than a frame renders them; in VS Code the panel's script shares its
// thread with the workbench (code-server runs webviews in the workbench's renderer), and rendering every segment as
// it came kept the workbench busy for seconds after the last byte (bench/workbenchStream.ts: 5 MB, "streaming…"
// 4.7 s after it, the last words 6.6 s). What arrives while the answer's end is off screen (the reader is reading
// above it) or far ahead of the rendering waits in a placeholder of about its height, and is rendered as markdown
// when the placeholder comes near the viewport of the box that scrolls it, or, once the stream has ended, in the
// background, in order, a few small groups per slice, until none is left.
//
// A placeholder holds its markdown source as one text node, skipped by layout and paint while off screen
// (content-visibility: auto): the panel's Find (VS Code's webview find calls window.find, which searches such text
// and brings it on screen, where it is rendered) finds what waits. (Pre-wrapped text laid out in the page cost more
// than the markdown would have: 32 KB per group, up to 0.3 s a frame; skipped, it costs nothing until it is near the
// screen, where it is rendered as markdown first.)
//
// Reference-style link definitions serve the segments rendered after them: a group rendered early (scrolled to)
// does not see the definitions in a group above it still waiting. The background pass renders in order.
import { el } from '../dom/elements';
import { runSliced } from '../dom/schedule';
import { scrollingBox } from '../dom/scrollingBox';
import { selectAgain, selectionIn } from './foundText';
import type { Segment } from './segmenter';

/** The DeferredGroups each waiting placeholder belongs to; weakly, so that a dropped view's groups go with it. */
const owners = new WeakMap<HTMLElement, DeferredGroups>();
let watchingSelection = false;
/**
 * The waiting group the page's selection was last seen in. Only it, and a group near the viewport, is asked for the
 * selection when it renders: the selection's methods lay the page out first (Chromium), and asked at every group
 * rendered after a stream they cost a layout each (16 ms of one slice in the real workbench). Left: Find selecting
 * in the very group the background pass renders next, in the one task between the selection and its event.
 */
let selectedGroup: WeakRef<HTMLElement> | undefined;

/**
 * One listener for the page: a selection made in a waiting group is rendered at once. VS Code's Find in a browser
 * webview (code-server, vscode.dev) selects its match with window.find, which also scrolls to it; but within a
 * placeholder of estimated height the match may lie below its box, where the viewport's observer does not see it
 * come near. Rendering keeps the selection (foundText.ts) and shows it. (Desktop VS Code's Find highlights matches
 * without selecting them: there the viewport's observer renders the group the match is scrolled to.)
 */
function watchSelection(): void {
  if (watchingSelection) {
    return;
  }
  watchingSelection = true;
  document.addEventListener('selectionchange', () => {
    const selection = getSelection();
    const group = selection && !selection.isCollapsed ? selection.anchorNode?.parentElement : undefined;
    const owner = group ? owners.get(group) : undefined;
    selectedGroup = group && owner ? new WeakRef(group) : undefined;
    if (group && owner) {
      owner.renderSelected(group);
    }
  });
}

/** How far outside the viewport a waiting group is rendered, so that scrolling finds it done. */
const NEAR_VIEWPORT = '3000px 0px';
/** A waiting group's height: its text's lines at a panel's width, roughly (corrected when it renders). */
const CHARS_PER_LINE = 90;
const LINE_EM = 1.5;

export class DeferredGroups {
  /** The groups still waiting, in document order (insertion order), with their segments and their length. */
  private readonly waiting = new Map<HTMLElement, { segments: Segment[]; chars: number }>();
  private observer: IntersectionObserver | undefined;
  private background = false;
  /** Waiting groups that came near the viewport, rendered one per frame (several at once made a 0.3 s frame). */
  private readonly due = new Set<HTMLElement>();
  private pumping = false;
  private generation = 0;
  /** The live end of the answer (its tail), and whether it is near the viewport (the reader follows the stream). */
  private end: Element | undefined;
  private endNear = true;

  /**
   * `render`: a group's segments as the nodes to put in it (in order; the markdown env is the view's). `endCameNear`:
   * the answer's live end came near the viewport (its tail, not drawn while far, is due).
   */
  constructor(
    private readonly render: (segments: Segment[]) => HTMLElement[],
    private readonly endCameNear: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /** A new waiting group for `segments`: a placeholder of about their height with their source, watched for the viewport. */
  create(segments: Segment[]): HTMLElement {
    const element = el('div', { class: 'md-group md-deferred', attrs: { 'aria-busy': 'true' } });
    element.append(document.createTextNode(''));
    this.waiting.set(element, { segments: [], chars: 0 });
    this.add(element, segments);
    owners.set(element, this);
    watchSelection();
    // Watched once the caller has put it in the page (its scrolling box is found from there).
    queueMicrotask(() => {
      if (this.waiting.has(element)) {
        this.watch(element).observe(element);
      }
    });
    return element;
  }

  /**
   * Watches `element`, the live end of the answer: while it is far from the viewport, what arrives is off screen
   * (endIsNear). Near it until told otherwise: a short answer renders as it comes.
   */
  watchEnd(element: Element | undefined): void {
    if (this.end) {
      this.observer?.unobserve(this.end);
    }
    this.end = element;
    this.endNear = true;
    if (element) {
      this.watch(element).observe(element);
    }
  }

  /** Whether the live end of the answer is on screen or near it. */
  get endIsNear(): boolean {
    return this.endNear;
  }

  /** Whether `element` is a group still waiting. */
  has(element: HTMLElement | undefined): boolean {
    return element !== undefined && this.waiting.has(element);
  }

  /** More segments into a waiting group, which grows to about their height. */
  add(element: HTMLElement, segments: Segment[]): void {
    const group = this.waiting.get(element);
    if (!group || segments.length === 0) {
      return;
    }
    // Segments are consecutive pieces of the answer, each with its own line ends: together, its source.
    const text = segments.map((segment) => segment.text).join('');
    (element.firstChild as Text).appendData(text);
    group.segments.push(...segments);
    group.chars += text.length;
    // Set through the CSSOM, which the page's policy allows (a style attribute in markup it would not).
    element.style.height = `${Math.ceil(group.chars / CHARS_PER_LINE) * LINE_EM}em`;
  }

  /**
   * Renders the last waiting group now: at the stream's end it holds the text the live tail was showing, which
   * must not turn into a blank placeholder while the groups above it wait their turn.
   */
  renderLast(): void {
    let last: HTMLElement | undefined;
    for (const element of this.waiting.keys()) {
      last = element;
    }
    if (last) {
      this.renderGroup(last);
    }
  }

  /** Renders every waiting group in the background, in order, a few small ones per slice. */
  renderAll(): void {
    if (this.background || this.waiting.size === 0) {
      return;
    }
    this.background = true;
    this.renderInTurn(() => this.waiting.keys().next().value, () => (this.background = false));
  }

  /** Forgets every waiting group (the view is rendered anew). */
  reset(): void {
    this.generation++;
    this.background = false;
    this.due.clear();
    this.pumping = false;
    this.end = undefined;
    this.endNear = true;
    this.waiting.clear();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Renders `element` now if it is a group still waiting: a selection was made in it (see watchSelection). */
  renderSelected(element: HTMLElement): void {
    if (this.waiting.has(element)) {
      this.renderGroup(element);
    }
  }

  /**
   * Whether the groups are still in the page: a block dropped while they wait (a new call, another history record, a
   * compare column shown anew) stops its work instead of rendering hundreds of groups nobody will see.
   */
  private inPage(): boolean {
    const first = this.waiting.keys().next();
    return first.done === true || first.value.isConnected;
  }

  private watch(near: Element): IntersectionObserver {
    // The box that scrolls the answer is the root (the document in the response panel, the column in the compare
    // view), so that the margin applies where the reader scrolls; the document's margin does not widen a column's.
    this.observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.target === this.end) {
            const cameNear = entry.isIntersecting && !this.endNear;
            this.endNear = entry.isIntersecting;
            if (cameNear) {
              this.endCameNear();
            }
          } else if (entry.isIntersecting) {
            this.due.add(entry.target as HTMLElement);
          } else {
            this.due.delete(entry.target as HTMLElement);
          }
        }
        this.pump();
      },
      { root: scrollingBox(near), rootMargin: NEAR_VIEWPORT },
    );
    return this.observer;
  }

  /** Renders the groups near the viewport, a few small ones per slice. */
  private pump(): void {
    if (this.pumping || this.due.size === 0) {
      return;
    }
    this.pumping = true;
    this.renderInTurn(() => this.due.values().next().value, () => (this.pumping = false));
  }

  /**
   * Renders the group `next` gives, between frames, until it gives none; `stopped` when it does, or when the view
   * was rendered anew or left the page meanwhile (then nothing more is rendered).
   */
  private renderInTurn(next: () => HTMLElement | undefined, stopped: () => void): void {
    const generation = this.generation;
    runSliced(
      () => {
        const element = next();
        if (element) {
          this.renderGroup(element);
        }
        return next() !== undefined;
      },
      () => {
        const alive = generation === this.generation && this.inPage();
        if (!alive && generation === this.generation) {
          stopped();
        }
        return alive;
      },
      stopped,
    );
  }

  private renderGroup(element: HTMLElement): void {
    const near = this.due.delete(element);
    const segments = this.waiting.get(element)?.segments;
    if (!segments) {
      return;
    }
    this.waiting.delete(element);
    this.observer?.unobserve(element);
    // The selection is asked for in the group it was last seen in, and in a group near the viewport: Find scrolls
    // its match into view, and the group may come due before the selection's event has told where it is.
    const found = near || selectedGroup?.deref() === element ? selectionIn(element) : undefined;
    const nodes = this.render(segments);
    element.replaceChildren(...nodes);
    element.style.removeProperty('height');
    element.removeAttribute('aria-busy');
    element.classList.remove('md-deferred');
    element.classList.add('md-sealed');
    // A segment cut out of one markdown block continues the one before it, across the group's edges too.
    const previous = element.previousElementSibling;
    const before = previous?.classList.contains('md-seg') ? previous : previous?.lastElementChild;
    if (segments[0]?.continues && before?.classList.contains('md-seg')) {
      before.classList.add('md-before-cont');
    }
    const after = element.nextElementSibling;
    const next = after?.classList.contains('md-seg') ? after : after?.firstElementChild;
    if (next?.classList.contains('md-cont')) {
      nodes[nodes.length - 1]?.classList.add('md-before-cont');
    }
    if (found) {
      selectAgain(element, found);
    }
  }
}

// The frame every content block is shown in: a header with its kind, index and actions (raw/rendered toggle,
// copy), an optional collapsible body, and a raw view filled only when first asked for.
import type { Child } from '../dom/elements';
import { append, button, el, icon } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import type { Host } from '../host/vscodeApi';

export interface CardOptions {
  /** CSS modifier: block-text, block-thinking, ... */
  kind: string;
  icon: string;
  title: string;
  index: number;
  host: Host;
  /** What the raw view shows (markdown source, or the block's JSON). */
  raw: () => string;
  rawLabel?: string;
  /** What Copy puts on the clipboard. */
  copy: () => string;
  collapsible?: boolean;
  expanded?: boolean;
}

let cardIds = 0;

export class BlockCard {
  readonly element: HTMLElement;
  readonly head: HTMLElement;
  readonly meta: HTMLElement;
  readonly body: HTMLElement;
  private readonly rawBody: HTMLElement;
  private readonly rawToggle: HTMLButtonElement;
  private readonly disclosure: HTMLButtonElement | undefined;
  private rawShown = false;
  private rawStale = true;
  /** The user opened or closed the body: automatic collapsing leaves it alone from then on. */
  userToggled = false;

  constructor(private readonly options: CardOptions) {
    const id = `block-${++cardIds}`;
    this.meta = el('span', { class: 'block-meta' });
    this.body = el('div', { class: 'block-body', id: `${id}-body` });
    this.rawBody = el('div', { class: 'block-raw', id: `${id}-raw`, hidden: true });
    this.rawToggle = button({
      label: options.rawLabel ?? 'Raw',
      icon: 'code',
      class: 'btn-toggle',
      title: 'Show the block as it came (raw) or rendered',
      onClick: () => this.setRaw(!this.rawShown),
    });
    this.rawToggle.setAttribute('aria-pressed', 'false');
    this.rawToggle.setAttribute('aria-controls', this.rawBody.id);
    const copy = button({
      label: 'Copy',
      icon: 'copy',
      iconOnly: true,
      title: 'Copy this block',
      onClick: () => options.host.post({ type: 'copy', what: 'block', text: options.copy() }),
    });
    const titleParts: Child[] = [icon(options.icon), el('span', { class: 'block-title' }, options.title)];
    if (options.collapsible) {
      this.disclosure = el(
        'button',
        { class: 'block-disclosure', attrs: { type: 'button', 'aria-controls': this.body.id } },
        icon('chevron-right', 'chevron'),
        ...titleParts,
      );
      this.disclosure.addEventListener('click', () => {
        this.userToggled = true;
        this.setExpanded(!this.expanded);
      });
    }
    this.head = el(
      'div',
      { class: 'block-head' },
      this.disclosure ?? el('span', { class: 'block-label' }, ...titleParts),
      this.meta,
      el('span', { class: 'block-index', title: `content[${options.index}]` }, `#${options.index}`),
      el('span', { class: 'block-actions' }, this.rawToggle, copy),
    );
    this.element = el(
      'section',
      { class: `block ${options.kind}`, attrs: { 'aria-label': `${options.title}, block ${options.index}`, 'data-index': String(options.index) } },
      this.head,
      this.body,
      this.rawBody,
    );
    if (options.collapsible) {
      this.setExpanded(options.expanded ?? false);
    }
  }

  get expanded(): boolean {
    return this.disclosure?.getAttribute('aria-expanded') === 'true';
  }

  /** Opens or closes the body; `onExpand` listeners may fill it lazily. */
  setExpanded(expanded: boolean): void {
    if (!this.disclosure) {
      return;
    }
    this.disclosure.setAttribute('aria-expanded', String(expanded));
    this.element.classList.toggle('collapsed', !expanded);
    this.body.hidden = !expanded || this.rawShown;
    if (expanded) {
      this.onExpand?.();
    }
  }

  onExpand: (() => void) | undefined;

  setMeta(...children: Child[]): void {
    this.meta.replaceChildren();
    append(this.meta, ...children);
    // The meta line is cut with an ellipsis when the panel is narrow: the whole of it stays in the tooltip.
    this.meta.title = this.meta.textContent ?? '';
  }

  /** The block changed: a raw view on screen is filled again, a hidden one when next shown. */
  invalidateRaw(): void {
    this.rawStale = true;
    if (this.rawShown) {
      this.fillRaw();
    }
  }

  private setRaw(raw: boolean): void {
    this.rawShown = raw;
    this.rawToggle.setAttribute('aria-pressed', String(raw));
    this.element.classList.toggle('show-raw', raw);
    this.rawBody.hidden = !raw;
    this.body.hidden = raw || (this.disclosure !== undefined && !this.expanded);
    if (raw && this.rawStale) {
      this.fillRaw();
    }
  }

  private fillRaw(): void {
    this.rawStale = false;
    fillLongText(this.rawBody, this.options.raw());
  }
}

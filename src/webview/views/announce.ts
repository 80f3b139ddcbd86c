// A polite live region for short confirmations ("Copied curl"), read by screen readers and shown briefly.
import { el } from '../dom/elements';

export class Announcer {
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.element = el('div', { class: 'announcer', role: 'status', attrs: { 'aria-live': 'polite' } });
  }

  /** `visible: false` speaks to screen readers only (call state changes that the header already shows). */
  say(text: string, visible = true): void {
    this.element.textContent = text;
    this.element.classList.toggle('visible', visible);
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.element.classList.remove('visible');
      this.element.textContent = '';
    }, 2000);
  }
}

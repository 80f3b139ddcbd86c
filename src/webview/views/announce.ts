// A polite live region for short confirmations ("Copied curl"), read by screen readers and shown briefly.
import type { CallRecord } from '../../shared/callRecord';
import { el } from '../dom/elements';

/** What is said when a call the panel followed ends: "Call finished, 200 OK", "Call cancelled", "Call failed: …". */
export function callOutcome(record: CallRecord): string {
  const outcome =
    record.error?.kind === 'cancelled'
      ? 'cancelled'
      : record.error
        ? `failed: ${record.error.message}`
        : `finished, ${record.response?.status ?? ''} ${record.response?.statusText ?? ''}`;
  return `Call ${outcome}`;
}

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

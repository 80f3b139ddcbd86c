// The slot above the tabs: the shown call's header (with its details fold, kept as the user leaves it, and a retry
// countdown), or a one-line note when there is no call to show.
import { el, icon } from '../dom/elements';
import type { Host } from '../host/vscodeApi';
import { renderHeader } from '../views/header';
import type { ShownCall } from './shownCall';

export interface Retry {
  callId: string;
  text: string;
  at: number;
  attempt: number;
}

export class HeaderSlot {
  readonly element = el('div', { class: 'header-slot' });
  /** The header's details fold: closed by default (a compact header). */
  detailsOpen = false;
  /** A retry announced for the running call, until its next attempt starts. */
  retry: Retry | undefined;

  /** `onFold` is told when the user opens or closes the details. */
  constructor(private readonly host: Host, private readonly onFold: () => void) {}

  note(...text: (string | HTMLElement)[]): void {
    this.element.replaceChildren(el('div', { class: 'welcome' }, icon('comment-discussion'), ...text));
  }

  /** `fromHistory`: the call was opened from the History view, and may be older than the last one. */
  render(shown: ShownCall, fromHistory = false): void {
    const retry = this.retry && this.retry.callId === shown.record.id ? this.retry : undefined;
    this.element.replaceChildren(
      renderHeader(
        shown.record,
        {
          running: shown.running,
          detailsOpen: this.detailsOpen,
          onDetailsToggle: (open) => {
            if (open !== this.detailsOpen) {
              this.detailsOpen = open;
              this.onFold();
            }
          },
          retry,
          fromHistory,
        },
        this.host,
      ),
    );
  }
}

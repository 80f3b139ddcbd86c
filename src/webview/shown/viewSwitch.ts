// Which views are out of date, and drawing one when it is on screen: a secondary view is drawn only when it is
// shown, so a call with a big body costs nothing for the views nobody opens.
import type { Host } from '../host/vscodeApi';
import { emptyState } from '../views/common';
import type { Tabs } from '../views/tabs';
import type { TimelineView } from '../views/timelineView';
import { VIEWS, type ViewSpec } from '../views/viewList';
import { WAIT_FOR_WHOLE, WAITING_NOTE } from './firstScreenGuard';
import type { ShownCall } from './shownCall';

export class ViewSwitch {
  /** Views whose content is out of date; drawn when shown. */
  private readonly stale = new Set<string>();
  private readonly specs = new Map<string, ViewSpec>(VIEWS.map((spec) => [spec.id, spec]));

  constructor(
    private readonly tabs: Tabs,
    private readonly timeline: TimelineView,
    private readonly host: Host,
    private readonly shown: () => ShownCall | undefined,
  ) {}

  markStale(...views: string[]): void {
    for (const view of views) {
      this.stale.add(view);
    }
  }

  /** Drawn by the app itself (the Timeline, with the call). */
  markFresh(id: string): void {
    this.stale.delete(id);
  }

  /** Every view drawn from the shown call (the response, the timeline and the comparison are kept by the app). */
  markAllStale(): void {
    this.markStale(...VIEWS.filter((spec) => spec.render).map((spec) => spec.id));
  }

  isStale(id: string): boolean {
    return this.stale.has(id);
  }

  /** Draws `id` if it is out of date. */
  render(id: string): void {
    const shown = this.shown();
    if (!shown || !this.stale.has(id)) {
      return;
    }
    if (shown.partial && WAIT_FOR_WHOLE.has(id)) {
      // Still stale: drawn when the whole record comes.
      this.tabs.panel(id).replaceChildren(emptyState(WAITING_NOTE));
      return;
    }
    this.stale.delete(id);
    if (id === 'timeline') {
      this.timeline.render(shown.timeline.entries, shown.record.streamed, shown.timeline.eventCount);
      return;
    }
    this.specs.get(id)?.render?.(this.tabs.panel(id), {
      record: shown.record,
      running: shown.running,
      host: this.host,
      refresh: () => {
        this.stale.add(id);
        this.render(id);
      },
    });
  }
}

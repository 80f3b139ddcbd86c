// Whether the Compare view's comparison is still about what the panel shows. A comparison is made while the panel
// shows some call; once the panel moves on to a call that is neither side of it, the view says it is an earlier
// comparison and names both calls, instead of passing for one about the call now shown.
import { el, icon } from '../dom/elements';
import type { ShownComparison } from '../views/compareView';

export class ComparisonFreshness {
  /** The call the panel showed when the comparison came (none: an empty panel). */
  private shownWhenCompared: string | undefined;

  /** A comparison came (or came back with a reload) while the panel showed `shownId`. */
  compared(shownId: string | undefined): void {
    this.shownWhenCompared = shownId;
  }

  /** The panel shows `callId` now: the Compare view `panel` is marked when its comparison is about other calls. */
  shown(panel: HTMLElement, shown: ShownComparison | undefined, callId: string): void {
    panel.querySelector(':scope > .compare-earlier')?.remove();
    if (!shown || callId === this.shownWhenCompared || callId === shown.comparison.a?.id || callId === shown.comparison.b?.id) {
      return;
    }
    panel.prepend(
      el(
        'div',
        { class: 'compare-earlier previous-label', role: 'note', attrs: { 'data-testid': 'compare-earlier' } },
        icon('history'),
        ` An earlier comparison, of ${shown.labels.a} and ${shown.labels.b}: the call shown now is neither of them.`,
      ),
    );
  }
}

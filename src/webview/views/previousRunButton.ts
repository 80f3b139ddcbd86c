// Below a finished call that has an earlier run of the same request file in the history: the button that runs
// "Claude: Compare with Previous Run" for it (the host opens the diff editor and the Compare view).
import { button, el } from '../dom/elements';
import type { Host } from '../host/vscodeApi';

export function renderPreviousRunButton(slot: HTMLElement, call: { callId: string; historyId?: string } | undefined, host: Host): void {
  if (!call) {
    slot.replaceChildren();
    return;
  }
  const { callId, historyId } = call;
  slot.replaceChildren(
    el(
      'div',
      { class: 'previous-run', attrs: { 'data-testid': 'previous-run' } },
      button({
        label: 'Compare with Previous Run',
        icon: 'git-compare',
        title: 'This request was sent before: compare the two calls (requests, answers and figures side by side).',
        onClick: () => host.post({ type: 'compareWithPrevious', callId, ...(historyId ? { historyId } : {}) }),
      }),
    ),
  );
}

// Answers the host's `inspectDom`: what the panel shows, view by view, and its whole markup. The integration tests
// run in the extension host and cannot reach the webview's document otherwise; they read through this what a user
// would see (and check that no secret is anywhere in the page, hidden views included).
import type { DomView, InspectDom } from '../../shared/protocol';
import type { Host } from './vscodeApi';

export function answerDomInspection(host: Host, message: InspectDom): void {
  const views: DomView[] = [];
  let html = '';
  try {
    if (message.click !== undefined) {
      const target = document.querySelector<HTMLElement>(message.click);
      if (!target) {
        host.post({ type: 'dom', requestId: message.requestId, views: [{ label: 'error', text: `nothing to click at ${message.click}` }], html: '' });
        return;
      }
      target.click();
    }
    const tabs = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]'));
    const selected = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true');
    views.push({ label: '', text: document.body.innerText });
    html = document.documentElement.outerHTML;
    // Each view is rendered when it is first shown: select each in turn, so that every view's markup is read.
    for (const tab of tabs) {
      tab.click();
      views.push({ label: (tab.textContent ?? '').trim(), text: document.body.innerText });
      html += `\n${document.documentElement.outerHTML}`;
    }
    selected?.click();
  } catch (error) {
    // Say what went wrong rather than leave the host waiting: a view that throws is a finding in itself.
    views.push({ label: 'error', text: `the panel threw while being read: ${error instanceof Error ? error.message : String(error)}` });
  }
  host.post({ type: 'dom', requestId: message.requestId, views, html });
}

// Entry of the panel's script: connect to the host, bring back saved state, listen, then say ready.
import { App } from './app';
import { answerDomInspection } from './host/domProbe';
import { interceptLinks } from './links/linkClicks';
import { isHostMessage } from './host/record';
import { connectHost } from './host/vscodeApi';

function main(): void {
  const host = connectHost();
  interceptLinks(host);
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  const app = new App(root, host);
  // Saved state first, synchronously: after a window reload the last answer is back before anything else.
  app.restore(host.getState());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; requestId?: unknown; click?: unknown } | undefined;
    if (data?.type === 'inspectDom' && typeof data.requestId === 'string') {
      answerDomInspection(host, { type: 'inspectDom', requestId: data.requestId, ...(typeof data.click === 'string' ? { click: data.click } : {}) });
      return;
    }
    if (isHostMessage(event.data)) {
      app.handle(event.data);
    }
  });
  host.post({ type: 'ready' });
}

main();

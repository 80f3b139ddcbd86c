// Entry of the compare view's script (dist/compare.js): connect to the host, bring back saved state, listen, then
// say ready.
import { answerDomInspection } from '../host/domProbe';
import { interceptLinks } from '../links/linkClicks';
import { CompareApp } from './compareApp';
import { connectCompareHost } from './compareHost';
import type { CompareHostMessage } from '../../shared/modelCompare/protocol';

const MESSAGE_TYPES = new Set<CompareHostMessage['type']>(['comparison', 'run', 'runEvents', 'runRetrying', 'finished', 'done']);

function main(): void {
  const host = connectCompareHost();
  interceptLinks(host.blocks);
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  const app = new CompareApp(root, host);
  app.restore(host.getState());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; requestId?: unknown } | undefined;
    if (data?.type === 'inspectDom' && typeof data.requestId === 'string') {
      answerDomInspection(host.blocks, { type: 'inspectDom', requestId: data.requestId });
      return;
    }
    if (typeof data?.type === 'string' && MESSAGE_TYPES.has(data.type as CompareHostMessage['type'])) {
      app.handle(event.data as CompareHostMessage);
    }
  });
  host.post({ type: 'ready' });
}

main();

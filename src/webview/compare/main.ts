// Entry of the compare view's script (dist/compare.js): connect to the host, bring back saved state, listen, then
// say ready.
import { answerDomInspection } from '../host/domProbe';
import { interceptLinks } from '../links/linkClicks';
import { CompareApp } from './compareApp';
import { connectCompareHost } from './compareHost';
import type { CompareHostMessage } from '../../shared/modelCompare/protocol';
import { formatCount } from '../../shared/format';
import { renderMarkdown } from '../markdown/render';

/** A little of every kind of block and inline markup an answer has. */
const WARM_UP_MARKDOWN = '## Heading\n\nSome **bold**, `code` and [a link](https://example.com).\n\n- one\n- two\n\n```ts\nconst a = 1;\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n';

const MESSAGE_TYPES = new Set<CompareHostMessage['type']>(['comparison', 'run', 'runEvents', 'runRetrying', 'finished', 'done']);

function main(): void {
  // What is slow the first time only, done while the page starts rather than in the first frames of four answers
  // streaming at once: the Intl formatter of the first number (10 ms and more), and markdown's first render, whose
  // code is not compiled yet (a first frame's script of 26 ms against 10 ms for the next ones).
  formatCount(1000);
  renderMarkdown(WARM_UP_MARKDOWN, {});
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

// An equivalent curl command (the key as $ANTHROPIC_API_KEY), ready to copy.
import type { CallRecord } from '../../shared/callRecord';
import { button, el, icon } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import type { Host } from '../host/vscodeApi';
import { emptyState, toolbar } from './common';

export function renderCurlView(panel: HTMLElement, record: CallRecord, host: Host): void {
  const curl = record.curl;
  if (!curl) {
    panel.replaceChildren(emptyState('No curl command yet: it is made from the request once it has gone out.'));
    return;
  }
  const command = el('pre', { class: 'curl' });
  panel.replaceChildren(
    toolbar(
      'The same request with curl; set ANTHROPIC_API_KEY in your shell first.',
      button({ label: 'Copy curl', icon: 'copy', class: 'btn-primary copy-curl', onClick: () => host.post({ type: 'copy', what: 'curl', text: curl }) }),
    ),
    ...(record.curlBodyMasked
      ? [
          el(
            'div',
            { class: 'incomplete-banner curl-masked', role: 'note' },
            icon('warning'),
            ' The body holds text shaped like a secret (an sk-ant- key, or the user:password@ of a URL). It is masked here, so this curl does not send the same bytes as the request did.',
          ),
        ]
      : []),
    command,
  );
  fillLongText(command, curl);
}

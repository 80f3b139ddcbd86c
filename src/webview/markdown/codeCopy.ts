// The Copy buttons inside rendered markdown code blocks (their HTML comes from render.ts, which cannot hold
// listeners): one listener on the panel hands the block's text to the host, which puts it on the clipboard.
import type { Host } from '../host/vscodeApi';

export function copyCodeBlocksOn(root: HTMLElement, host: Host): void {
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('.md-copy-code') : null;
    const code = target?.closest('.md-code')?.querySelector('pre code');
    if (target && code) {
      host.post({ type: 'copy', what: 'block', text: code.textContent ?? '' });
    }
  });
}

// The webview never navigates. Every click on a link is stopped here; an http(s) link is handed to the host,
// which opens it in the browser through VS Code. Anything else does nothing.
import type { Host } from '../host/vscodeApi';
import { safeHttpUrl } from './urls';

function linkOf(event: Event): HTMLAnchorElement | undefined {
  for (const node of event.composedPath()) {
    if (node instanceof HTMLAnchorElement) {
      return node;
    }
  }
  return undefined;
}

export function interceptLinks(host: Host, root: Document = document): void {
  const onClick = (event: MouseEvent): void => {
    const link = linkOf(event);
    if (!link) {
      return;
    }
    // Always: no navigation of the webview, and VS Code's own link handler must not open it a second time.
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'auxclick' && event.button !== 1) {
      return;
    }
    const url = safeHttpUrl(link.getAttribute('href'));
    if (url !== undefined) {
      host.post({ type: 'openLink', url });
    }
  };
  root.addEventListener('click', onClick, true);
  root.addEventListener('auxclick', onClick, true);
  // Dragging a link out would hand its URL to whatever it is dropped on; not needed here.
  root.addEventListener('dragstart', (event) => {
    if (linkOf(event)) {
      event.preventDefault();
    }
  }, true);
  // Forms are never rendered, but a submit must never navigate either.
  root.addEventListener('submit', (event) => event.preventDefault(), true);
}

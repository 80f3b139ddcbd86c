// Links built by the panel itself (not markdown): a web address becomes a link only when it is http(s).
import { el } from '../dom/elements';
import { safeHttpUrl } from './urls';

/** A link for an http(s) URL (opened by the host, see linkClicks.ts); other text stays plain text. */
export function externalLink(url: string, text?: string): HTMLElement {
  const safe = safeHttpUrl(url);
  if (safe === undefined) {
    return el('span', { class: 'link-blocked', title: 'Not a web link, not opened' }, text ?? url);
  }
  return el('a', { class: 'ext-link', title: safe, attrs: { href: safe } }, text ?? url);
}

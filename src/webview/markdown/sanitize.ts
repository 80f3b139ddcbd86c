// A last line of defence over markdown-it's output: whatever our rules produce, only a small set of inert elements
// and attributes survives, and only http(s) hrefs. markdown-it already escapes all input HTML (html: false); this
// guards against a rule of ours, or a future markdown-it, letting something through.
import { safeHttpUrl } from '../links/urls';

const ALLOWED: Record<string, readonly string[]> = {
  P: [],
  H1: [],
  H2: [],
  H3: [],
  H4: [],
  H5: [],
  H6: [],
  EM: [],
  STRONG: [],
  S: [],
  DEL: [],
  SUP: [],
  SUB: [],
  CODE: ['class'],
  PRE: [],
  BLOCKQUOTE: [],
  UL: [],
  OL: ['start'],
  LI: [],
  HR: [],
  BR: [],
  TABLE: [],
  THEAD: [],
  TBODY: [],
  TR: [],
  TH: ['class'],
  TD: ['class'],
  A: ['href', 'title', 'class'],
  SPAN: ['class', 'title', 'aria-hidden'],
  DIV: ['class'],
  BUTTON: ['type', 'class', 'title', 'aria-label'],
};

const CLASS_TOKEN = /^(md-[a-z-]+|language-[A-Za-z0-9_+#.-]{1,40}|codicon|codicon-[a-z-]+)$/;

function cleanAttributes(element: Element, allowed: readonly string[]): void {
  // Most elements (paragraphs, list items, emphasis) have none: the check is a fifth of a big render otherwise.
  if (!element.hasAttributes()) {
    return;
  }
  for (const attribute of [...element.attributes]) {
    const name = attribute.name;
    if (!allowed.includes(name)) {
      element.removeAttribute(name);
      continue;
    }
    if (name === 'class') {
      const tokens = attribute.value.split(/\s+/);
      const kept = tokens.filter((token) => CLASS_TOKEN.test(token));
      if (kept.length === 0) {
        element.removeAttribute('class');
      } else if (kept.length !== tokens.length) {
        element.setAttribute('class', kept.join(' '));
      }
    } else if (name === 'href') {
      const safe = safeHttpUrl(attribute.value);
      if (safe === undefined) {
        element.removeAttribute('href');
      }
    } else if (name === 'start' && !/^\d{1,9}$/.test(attribute.value)) {
      element.removeAttribute('start');
    } else if (name === 'type' && attribute.value !== 'button') {
      element.removeAttribute('type');
    }
  }
}

/** Removes anything not on the allow list from a parsed fragment; disallowed elements become their text. */
export function sanitize(root: DocumentFragment): void {
  const elements: Element[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.COMMENT_NODE) {
      comments.push(node);
    } else {
      elements.push(node as Element);
    }
  }
  for (const comment of comments) {
    comment.parentNode?.removeChild(comment);
  }
  // Deepest first, so that replacing an element by its text does not skip its children's checks.
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    const allowed = ALLOWED[element.tagName];
    if (allowed === undefined || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      element.replaceWith(document.createTextNode(element.textContent ?? ''));
      continue;
    }
    cleanAttributes(element, allowed);
  }
}

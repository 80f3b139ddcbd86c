// Plain text of any size (raw JSON, a huge thinking block) shown without freezing the panel: cut at line ends
// into chunks that render a few per frame, each with content-visibility so off-screen chunks cost no layout.
import { el } from './elements';
import { runSliced } from './schedule';

const CHUNK_CHARS = 32 * 1024;
/** Text this short is put in one go. */
const SMALL_CHARS = 64 * 1024;

/** Where the next chunk ends: after the last newline before the limit, or at the limit in a line with no end. */
function chunkEnd(text: string, start: number): { end: number; next: number } {
  const limit = start + CHUNK_CHARS;
  if (limit >= text.length) {
    return { end: text.length, next: text.length };
  }
  const newline = text.lastIndexOf('\n', limit);
  if (newline > start) {
    // The newline itself is dropped: the boundary between two block chunks is the line break.
    return { end: newline, next: newline + 1 };
  }
  return { end: limit, next: limit };
}

/**
 * Fills `container` (emptied first) with `text`. Returns at once after the first chunk; the rest follows over
 * the next frames while `container` stays in the document and no newer fill has started.
 */
export function fillLongText(container: HTMLElement, text: string, onDone?: () => void): void {
  container.classList.add('long-text');
  const token = String(Number(container.dataset.fill ?? '0') + 1);
  container.dataset.fill = token;
  if (text.length <= SMALL_CHARS) {
    container.replaceChildren(el('div', { class: 'lt-chunk' }, text));
    onDone?.();
    return;
  }
  container.replaceChildren();
  container.setAttribute('aria-busy', 'true');
  let position = 0;
  const step = (): boolean => {
    const { end, next } = chunkEnd(text, position);
    container.append(el('div', { class: 'lt-chunk lt-lazy' }, text.slice(position, end)));
    position = next;
    return position < text.length;
  };
  step();
  const finished = (): void => {
    container.removeAttribute('aria-busy');
    onDone?.();
  };
  if (position >= text.length) {
    finished();
    return;
  }
  runSliced(step, () => container.dataset.fill === token, finished);
}

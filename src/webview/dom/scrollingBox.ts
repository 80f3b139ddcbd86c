// The box that scrolls an element: the response panel scrolls its document, the compare view each column.

/** The nearest ancestor of `element` that scrolls, or the document. */
export function scrollingBox(element: Element): Element | Document {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') {
      return box;
    }
  }
  return document;
}

/** Scrolls `box` so that `rect` (a client rectangle of something in it) is in its middle, unless it is in view. */
export function bringIntoView(box: Element | Document, rect: DOMRect): void {
  const scroller = box instanceof Document ? (box.scrollingElement ?? box.documentElement) : box;
  const view = box instanceof Document ? { top: 0, bottom: window.innerHeight } : box.getBoundingClientRect();
  if (rect.top >= view.top && rect.bottom <= view.bottom) {
    return;
  }
  scroller.scrollTop += rect.top - (view.top + (view.bottom - view.top) / 2 - rect.height / 2);
}

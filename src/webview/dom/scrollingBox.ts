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

/**
 * Scrolls what scrolls `element` (its box, then the page: a compare column sits in a page that scrolls too) so that
 * the rectangle `rectOf` gives is in the middle of the view, unless it is well in view already.
 */
export function bringIntoView(element: Element, rectOf: () => DOMRect): void {
  const box = scrollingBox(element);
  if (!(box instanceof Document)) {
    center(box, box.getBoundingClientRect(), rectOf());
  }
  center(document.scrollingElement ?? document.documentElement, { top: 0, bottom: window.innerHeight }, rectOf());
}

function center(scroller: Element, view: { top: number; bottom: number }, rect: DOMRect): void {
  // A margin at the top: a sticky bar (the panel's tabs) covers the view's first lines.
  const margin = Math.min(64, (view.bottom - view.top) / 4);
  if (rect.top >= view.top + margin && rect.bottom <= view.bottom) {
    return;
  }
  scroller.scrollTop += rect.top - (view.top + (view.bottom - view.top) / 2 - rect.height / 2);
}

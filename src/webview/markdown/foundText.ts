// What Find selected in a waiting group's source (deferredGroups.ts), selected again once the group is rendered as
// markdown. VS Code's webview Find calls window.find, which selects the match in the placeholder's text and scrolls
// to it; rendering replaces that text, which would drop the selection (Find's next match would start over at the
// group's top, the same words again) and leave the reader where the source was, not where the rendered words are
// (the placeholder's height was an estimate).
import { bringIntoView } from '../dom/scrollingBox';

export interface FoundText {
  text: string;
  /** Which occurrence of `text` in the group's source it is (0: the first). */
  occurrence: number;
}

/** The selection in `group`'s source text, if it starts there, and which occurrence of its text it is. */
export function selectionIn(group: HTMLElement): FoundText | undefined {
  const selection = getSelection();
  const source = group.firstChild;
  if (!selection || selection.rangeCount === 0 || !(source instanceof Text)) {
    return undefined;
  }
  const range = selection.getRangeAt(0);
  if (range.startContainer !== source) {
    return undefined;
  }
  const text = range.toString();
  return text.trim() === '' ? undefined : { text, occurrence: occurrences(source.data.slice(0, range.startOffset), text) };
}

/**
 * Selects `found` in the rendered `group` (the same occurrence, or the last there is: the source's markup may hold
 * more, a link's address for one; the rendered page may hold more too, a code block's label) and scrolls it into
 * view unless it is there.
 */
export function selectAgain(group: HTMLElement, found: FoundText): void {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let all = '';
  const walker = document.createTreeWalker(group, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    starts.push(all.length);
    nodes.push(node as Text);
    all += (node as Text).data;
  }
  let at = -1;
  for (let i = 0, from = 0; i <= found.occurrence; i++) {
    const next = all.indexOf(found.text, from);
    if (next < 0) {
      break;
    }
    at = next;
    from = next + found.text.length;
  }
  const selection = getSelection();
  if (at < 0 || !selection) {
    // Not in the rendered words (the source's markup held it: an escape, a link's address): the group is shown.
    bringIntoView(group, () => group.getBoundingClientRect());
    return;
  }
  // The text node holding a character offset of `all`: a start in the node that begins at or before it, an end in
  // the node that begins before it (at the end of that node, not at the start of the next paragraph's).
  const place = (offset: number, end: boolean): [Text, number] => {
    let k = starts.length - 1;
    while (k > 0 && (end ? starts[k] >= offset : starts[k] > offset)) {
      k--;
    }
    return [nodes[k], offset - starts[k]];
  };
  const range = document.createRange();
  range.setStart(...place(at, false));
  range.setEnd(...place(at + found.text.length, true));
  selection.removeAllRanges();
  selection.addRange(range);
  bringIntoView(group, () => range.getBoundingClientRect());
}

function occurrences(text: string, of: string): number {
  let count = 0;
  for (let at = text.indexOf(of); at >= 0; at = text.indexOf(of, at + of.length)) {
    count++;
  }
  return count;
}

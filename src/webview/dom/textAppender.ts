// Streams plain text into an element: deltas are buffered and appended once per frame as one new text node, so
// the cost of a delta does not depend on how much text came before it.
import { requestFlush, flushNow, type Flushable } from './schedule';

export class TextAppender implements Flushable {
  private pending: string[] = [];
  length = 0;

  constructor(readonly target: HTMLElement) {}

  append(text: string): void {
    if (text === '') {
      return;
    }
    this.pending.push(text);
    this.length += text.length;
    requestFlush(this);
  }

  flush(): void {
    if (this.pending.length > 0) {
      this.target.append(document.createTextNode(this.pending.join('')));
      this.pending = [];
    }
  }

  /** Applies what is pending now (before the target is replaced or read). */
  flushNow(): void {
    flushNow(this);
  }
}

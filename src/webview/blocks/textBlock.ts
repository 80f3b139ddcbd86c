// A text block: markdown rendered as it streams (see markdown/markdownView.ts), with its citations.
import type { JsonObject } from '../../shared/callRecord';
import { MarkdownView, WHOLE_RERENDER_CHARS } from '../markdown/markdownView';
import { formatChars } from '../values/format';
import { asArray, asString, isObject } from '../values/json';
import type { BlockContext } from './blockView';
import { CitationsView } from './citations';
import { StreamingBlockView } from './streamingBlock';

export class TextBlockView extends StreamingBlockView {
  readonly type = 'text';
  private readonly markdown = new MarkdownView();
  private readonly citations = new CitationsView();
  private text: string;

  constructor(index: number, block: JsonObject, context: BlockContext) {
    super(
      {
        kind: 'block-text',
        icon: 'markdown',
        title: 'Text',
        index,
        host: context.host,
        raw: () => this.text,
        copy: () => this.text,
      },
      context,
    );
    this.text = asString(block.text) ?? '';
    this.card.body.append(this.markdown.element, this.citations.list);
    for (const citation of asArray(block.citations) ?? []) {
      if (isObject(citation)) {
        this.citations.add(citation);
      }
    }
    if (context.live) {
      this.markdown.append(this.text);
    } else {
      this.markdown.renderWhole(this.text, () => this.placeMarkers());
    }
    this.updateMeta();
    this.placeMarkers();
  }

  protected applyDelta(delta: JsonObject): boolean {
    if (delta.type === 'text_delta') {
      const piece = asString(delta.text) ?? '';
      this.text += piece;
      this.markdown.append(piece);
      return true;
    }
    if (delta.type === 'citations_delta' && isObject(delta.citation)) {
      this.citations.add(delta.citation);
      this.placeMarkers();
    }
    return false;
  }

  protected onStop(block: JsonObject): void {
    const accumulated = asString(block.text);
    // The panel's accumulated block was built from the same deltas as this view's text: they can differ only in
    // length (a view made from a block already begun). Compared whole, two strings built of thousands of pieces are
    // both copied flat first: 70 ms for a 5 MB answer, in the frame the stream ends. Taking the accumulated string
    // instead makes the final record's check (reconcile), which holds that very string, instant.
    if (accumulated !== undefined && accumulated.length !== this.text.length) {
      this.text = accumulated;
      this.markdown.renderWhole(this.text, () => this.placeMarkers());
    } else {
      this.text = accumulated ?? this.text;
      // The citation markers go in the last paragraph once it is rendered (after the catch-up, when far behind).
      this.markdown.end(this.text.length <= WHOLE_RERENDER_CHARS ? this.text : undefined, () => this.placeMarkers());
    }
    this.updateMeta();
    this.placeMarkers();
    this.card.invalidateRaw();
  }

  /** The stream broke inside this block: what came is kept as it is, then the final record decides. */
  protected override blockAtBreak(): JsonObject {
    return { text: this.text };
  }

  protected reconcile(block: JsonObject): void {
    const final = asString(block.text) ?? '';
    if (final !== this.text) {
      this.text = final;
      this.markdown.renderWhole(final, () => this.placeMarkers());
      this.card.invalidateRaw();
    }
    const citations = (asArray(block.citations) ?? []).filter(isObject);
    if (citations.length !== this.citations.size) {
      this.citations.reset(citations);
    }
    this.updateMeta();
    this.placeMarkers();
  }

  protected updateMeta(): void {
    this.card.setMeta(formatChars(this.text.length), this.citations.size > 0 ? ` · ${this.citations.size} cited` : '');
    this.element.classList.toggle('cited', this.citations.size > 0);
  }

  /** Citation markers go right after the cited text: inside the last paragraph when the text ends with one. */
  private placeMarkers(): void {
    if (this.citations.size === 0) {
      this.citations.markers.remove();
      return;
    }
    const content = this.markdown.content;
    const lastSegment = content.lastElementChild;
    const lastBlock = lastSegment?.lastElementChild;
    if (lastBlock && lastBlock.tagName === 'P' && !lastSegment.classList.contains('md-tail')) {
      lastBlock.append(this.citations.markers);
    } else {
      this.markdown.element.after(this.citations.markers);
    }
    this.updateMeta();
  }
}

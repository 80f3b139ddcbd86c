// The cycle every block that streams goes through (text, thinking, tool use): shown live while its deltas arrive,
// its header redrawn once per frame, stopped by content_block_stop, then reconciled with the final record. A
// subclass says only what differs: what a delta adds, what stopping does, how the final block is reconciled, and
// what its header line says.
import type { JsonObject } from '../../shared/callRecord';
import { requestFlush, type Flushable } from '../dom/schedule';
import type { BlockContext, BlockView } from './blockView';
import { BlockCard, type CardOptions } from './card';

export abstract class StreamingBlockView implements BlockView, Flushable {
  abstract readonly type: string;
  readonly element: HTMLElement;
  protected readonly card: BlockCard;
  /** No more deltas will come: the block's stop arrived, or it never streamed (a finished record). */
  protected stopped: boolean;

  constructor(card: CardOptions, context: BlockContext) {
    this.card = new BlockCard(card);
    this.element = this.card.element;
    this.stopped = !context.live;
    if (context.live) {
      this.element.classList.add('live');
    }
  }

  delta(delta: JsonObject): void {
    if (this.applyDelta(delta)) {
      requestFlush(this);
    }
  }

  /** Once per frame while streaming: the header line (sizes, signature…). */
  flush(): void {
    this.updateMeta();
  }

  stop(block: JsonObject): void {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.element.classList.remove('live');
    this.onStop(block);
  }

  finish(block: JsonObject): void {
    if (!this.stopped) {
      // The stream broke inside this block (no stop came): it is stopped first, then reconciled.
      this.stop(this.blockAtBreak(block));
    }
    this.reconcile(block);
  }

  /** Applies a content_block_delta; true when the header line needs redrawing. */
  protected abstract applyDelta(delta: JsonObject): boolean;

  /** content_block_stop: finish the live rendering; `block` is the block as accumulated from the stream. */
  protected abstract onStop(block: JsonObject): void;

  /** The final block from the complete record: change only what differs from what is shown. */
  protected abstract reconcile(block: JsonObject): void;

  /** The header line: the block's size and whatever else it tells at a glance. */
  protected abstract updateMeta(): void;

  /** What a broken stream's block is stopped with; by default the final record's block. */
  protected blockAtBreak(final: JsonObject): JsonObject {
    return final;
  }
}

// What every content block view offers the response view: live updates while streaming, and reconciliation
// with the final record.
import type { JsonObject } from '../../shared/callRecord';
import type { Host } from '../host/vscodeApi';

export interface BlockContext {
  host: Host;
  /** The block arrives by stream: it will get deltas and a stop. */
  live: boolean;
}

export interface BlockView {
  readonly element: HTMLElement;
  /** The block's type, to know whether a final block can update this view. */
  readonly type: string;
  /** A content_block_delta for this block. */
  delta(delta: JsonObject): void;
  /** content_block_stop: `block` is the block as accumulated from the stream. */
  stop(block: JsonObject): void;
  /** The final block from the complete record (after a stream: reconcile, do not rebuild what is right). */
  finish(block: JsonObject): void;
}

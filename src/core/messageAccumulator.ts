// Folds a stream's server-sent events into the Message they describe, by the SDK's rules (text, citations,
// thinking, signature and input_json deltas), but keeping everything: the SDK drops its partial message when a
// stream breaks and crashes on tool input that is not JSON; an inspector shows both as they arrived.
import type { JsonObject, PartialToolInput } from '../shared/callRecord';

type Block = JsonObject & { type?: unknown };

export class MessageAccumulator {
  /** The message so far; undefined until message_start. */
  message?: JsonObject;
  /** Every event counted, pings included. */
  events = 0;
  stopped = false;
  /** The data of the first `error` event. */
  errorEvent?: { type?: string; message?: string };
  private readonly jsonBuffers = new Map<number, string>();
  private readonly closedBlocks = new Set<number>();

  add(event: string, data: unknown): void {
    this.events++;
    const d = (typeof data === 'object' && data !== null ? data : {}) as JsonObject;
    switch (event) {
      case 'message_start':
        if (typeof d.message === 'object' && d.message !== null) {
          this.message = structuredClone(d.message) as JsonObject;
          if (!Array.isArray(this.message.content)) {
            this.message.content = [];
          }
        }
        return;
      case 'content_block_start':
        this.withIndex(d, (content, index) => {
          if (typeof d.content_block === 'object' && d.content_block !== null) {
            content[index] = structuredClone(d.content_block) as Block;
          }
        });
        return;
      case 'content_block_delta':
        this.withIndex(d, (content, index) => this.applyDelta(content, index, d.delta));
        return;
      case 'content_block_stop':
        this.withIndex(d, (content, index) => this.closeBlock(content, index));
        return;
      case 'message_delta':
        this.applyMessageDelta(d);
        return;
      case 'message_stop':
        this.stopped = true;
        return;
      case 'error':
        if (!this.errorEvent) {
          const inner = (typeof d.error === 'object' && d.error !== null ? d.error : {}) as JsonObject;
          this.errorEvent = {
            type: typeof inner.type === 'string' ? inner.type : undefined,
            message: typeof inner.message === 'string' ? inner.message : typeof data === 'string' ? data : undefined,
          };
        }
        return;
      default:
        // ping, and events this version does not know: nothing to fold.
        return;
    }
  }

  /**
   * Closes what is still open (a stream that broke): tool inputs are parsed from what arrived. Returns the tool
   * blocks whose input is not JSON; their `input` holds the raw text, never a silent `{}`.
   */
  finish(): PartialToolInput[] {
    const content = this.content();
    if (content) {
      for (const index of this.jsonBuffers.keys()) {
        if (!this.closedBlocks.has(index)) {
          this.closeBlock(content, index);
        }
      }
    }
    return this.partials;
  }

  readonly partials: PartialToolInput[] = [];

  private content(): Block[] | undefined {
    return this.message && Array.isArray(this.message.content) ? (this.message.content as Block[]) : undefined;
  }

  private withIndex(d: JsonObject, apply: (content: Block[], index: number) => void): void {
    const content = this.content();
    if (content && typeof d.index === 'number' && Number.isInteger(d.index) && d.index >= 0 && d.index <= content.length + 1000) {
      apply(content, d.index);
    }
  }

  private applyDelta(content: Block[], index: number, rawDelta: unknown): void {
    const block = content[index];
    if (!block || typeof rawDelta !== 'object' || rawDelta === null) {
      return;
    }
    const delta = rawDelta as JsonObject;
    switch (delta.type) {
      case 'text_delta':
        if (block.type === 'text' && typeof delta.text === 'string') {
          block.text = String(block.text ?? '') + delta.text;
        }
        return;
      case 'citations_delta':
        if (block.type === 'text') {
          block.citations = [...(Array.isArray(block.citations) ? block.citations : []), delta.citation];
        }
        return;
      case 'thinking_delta':
        if (block.type === 'thinking' && typeof delta.thinking === 'string') {
          block.thinking = String(block.thinking ?? '') + delta.thinking;
        }
        return;
      case 'signature_delta':
        if (block.type === 'thinking' && typeof delta.signature === 'string') {
          block.signature = delta.signature;
        }
        return;
      case 'input_json_delta':
        // tool_use and server_tool_use, and any later block that carries an `input`.
        if ('input' in block && typeof delta.partial_json === 'string') {
          this.jsonBuffers.set(index, (this.jsonBuffers.get(index) ?? '') + delta.partial_json);
        }
        return;
      default:
        return;
    }
  }

  private closeBlock(content: Block[], index: number): void {
    this.closedBlocks.add(index);
    const json = this.jsonBuffers.get(index);
    const block = content[index];
    if (json === undefined || !block) {
      return;
    }
    // An empty buffer keeps the start's input, as the SDK does.
    if (json.trim() === '') {
      return;
    }
    try {
      block.input = JSON.parse(json);
    } catch (error) {
      block.input = json;
      this.partials.push({
        index,
        id: typeof block.id === 'string' ? block.id : undefined,
        name: typeof block.name === 'string' ? block.name : undefined,
        json,
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private applyMessageDelta(d: JsonObject): void {
    const message = this.message;
    if (!message) {
      return;
    }
    const delta = (typeof d.delta === 'object' && d.delta !== null ? d.delta : {}) as JsonObject;
    for (const field of ['stop_reason', 'stop_sequence', 'stop_details']) {
      if (field in delta) {
        message[field] = delta[field];
      }
    }
    if (delta.container != null) {
      message.container = delta.container;
    }
    const usage = (typeof d.usage === 'object' && d.usage !== null ? d.usage : {}) as JsonObject;
    const target = (typeof message.usage === 'object' && message.usage !== null ? message.usage : (message.usage = {})) as JsonObject;
    // Cumulative totals: overwrite when present, never add.
    for (const [key, value] of Object.entries(usage)) {
      if (value !== null && value !== undefined) {
        target[key] = value;
      }
    }
  }
}

// Folds a stream's server-sent events into the Message they describe, by the SDK's rules (text, citations,
// thinking, signature and input_json deltas), but keeping everything: the SDK drops its partial message when a
// stream breaks and crashes on tool input that is not JSON; an inspector shows both as they arrived.
import type { JsonObject, PartialToolInput, UnfoldedEvent } from '../../shared/callRecord';

/** How many unfolded events a record keeps: enough to show what went on, bounded against a flood. */
const MAX_UNFOLDED = 50;

type Block = JsonObject & { type?: unknown };

export class MessageAccumulator {
  /** The message so far; undefined until message_start. */
  message?: JsonObject;
  /** Every event counted, pings included. */
  events = 0;
  stopped = false;
  /** The data of the first `error` event. */
  errorEvent?: { type?: string; message?: string };
  /**
   * Events that say something about the message but could not be folded into it (a delta for a block that does not
   * exist, a text delta on a tool block, a partial_json that is not text): the first few, as "event N (name): why".
   * A message built while one was dropped is not what the server said, so the call is an error, never a quiet success.
   */
  readonly unapplied: string[] = [];
  /**
   * The events not folded into the message, as they arrived (the first MAX_UNFOLDED): anything after message_stop,
   * a second message_start and every event after it (they belong to another message), and any event refused above.
   * The record keeps them, so what the server sent is shown, not silently dropped.
   */
  readonly unfolded: UnfoldedEvent[] = [];
  /** Set by a second message_start: the events after it are another message's, never folded into the first. */
  private secondMessage = false;
  private currentData: unknown;
  private readonly jsonBuffers = new Map<number, string>();
  private readonly closedBlocks = new Set<number>();

  add(event: string, data: unknown): void {
    this.events++;
    this.currentData = data;
    const d = (typeof data === 'object' && data !== null ? data : {}) as JsonObject;
    // message_stop ends the message: anything after it (but a ping, or an error the server still reports) would
    // change a message the SDK has already handed over, so it is said, not folded in or dropped in silence.
    if (this.stopped && event !== 'ping' && event !== 'error') {
      this.refuse(event, 'it came after message_stop');
      return;
    }
    if (this.secondMessage && event !== 'ping' && event !== 'error') {
      this.refuse(event, 'it came after a second message_start');
      return;
    }
    switch (event) {
      case 'message_start':
        if (this.message) {
          // A second message would replace the first in the SDK; the inspector keeps the first and says so.
          this.refuse(event, 'a second message_start, after the message had begun');
          this.secondMessage = true;
        } else if (typeof d.message === 'object' && d.message !== null) {
          this.message = structuredClone(d.message) as JsonObject;
          if (!Array.isArray(this.message.content)) {
            this.message.content = [];
          }
        }
        return;
      case 'content_block_start':
        this.withIndex(event, d, (content, index) => {
          if (typeof d.content_block === 'object' && d.content_block !== null) {
            content[index] = structuredClone(d.content_block) as Block;
          } else {
            this.refuse(event, 'its content_block is not an object');
          }
        });
        return;
      case 'content_block_delta':
        this.withIndex(event, d, (content, index) => {
          const why = this.applyDelta(content, index, d.delta);
          if (why) {
            this.refuse(event, why);
          }
        });
        return;
      case 'content_block_stop':
        this.withIndex(event, d, (content, index) => this.closeBlock(content, index));
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

  private refuse(event: string, why: string): void {
    if (this.unapplied.length < 5) {
      this.unapplied.push(`event ${this.events} (${event}): ${why}`);
    }
    if (this.unfolded.length < MAX_UNFOLDED) {
      this.unfolded.push({ index: this.events, event, data: this.currentData, why });
    }
  }

  private withIndex(event: string, d: JsonObject, apply: (content: Block[], index: number) => void): void {
    const content = this.content();
    if (!content) {
      this.refuse(event, 'it came before message_start');
    } else if (typeof d.index === 'number' && Number.isInteger(d.index) && d.index >= 0 && d.index <= content.length + 1000) {
      apply(content, d.index);
    } else {
      this.refuse(event, `its index ${JSON.stringify(d.index) ?? 'undefined'} is not a block's position`);
    }
  }

  /** Folds one delta into its block; says why when it cannot be (undefined when it was, or is of a kind to skip). */
  private applyDelta(content: Block[], index: number, rawDelta: unknown): string | undefined {
    const block = content[index];
    if (!block) {
      return `there is no content block at index ${index} (no content_block_start for it)`;
    }
    if (typeof rawDelta !== 'object' || rawDelta === null) {
      return 'its delta is not an object';
    }
    const delta = rawDelta as JsonObject;
    const onto = (blockType: string, field: string): string | undefined =>
      block.type !== blockType
        ? `a ${String(delta.type)} for block ${index}, which is ${JSON.stringify(block.type) ?? 'untyped'}, not ${blockType}`
        : typeof delta[field] !== 'string'
          ? `its ${field} is ${JSON.stringify(delta[field]) ?? 'missing'}, not text`
          : undefined;
    switch (delta.type) {
      case 'text_delta': {
        const why = onto('text', 'text');
        if (!why) {
          block.text = String(block.text ?? '') + String(delta.text);
        }
        return why;
      }
      case 'citations_delta':
        if (block.type !== 'text') {
          return `a citations_delta for block ${index}, which is ${JSON.stringify(block.type) ?? 'untyped'}, not text`;
        }
        block.citations = [...(Array.isArray(block.citations) ? block.citations : []), delta.citation];
        return undefined;
      case 'thinking_delta': {
        const why = onto('thinking', 'thinking');
        if (!why) {
          block.thinking = String(block.thinking ?? '') + String(delta.thinking);
        }
        return why;
      }
      case 'signature_delta': {
        const why = onto('thinking', 'signature');
        if (!why) {
          block.signature = delta.signature;
        }
        return why;
      }
      case 'input_json_delta':
        // tool_use and server_tool_use, and any later block that carries an `input`.
        if (!('input' in block)) {
          return `an input_json_delta for block ${index}, which is ${JSON.stringify(block.type) ?? 'untyped'} and has no input`;
        }
        if (typeof delta.partial_json !== 'string') {
          return `its partial_json is ${JSON.stringify(delta.partial_json) ?? 'missing'}, not text`;
        }
        this.jsonBuffers.set(index, (this.jsonBuffers.get(index) ?? '') + delta.partial_json);
        return undefined;
      default:
        // A delta type this version does not know yet: the API adds them, and skipping one is what the SDK does.
        return undefined;
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
      const input: unknown = JSON.parse(json);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        // A tool's input is always an object: `null`, a list or a number is not what the tool was given.
        throw new Error(`it is ${Array.isArray(input) ? 'a list' : JSON.stringify(input)}, not an object`);
      }
      block.input = input;
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

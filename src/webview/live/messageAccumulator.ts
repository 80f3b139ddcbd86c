// Builds the Message from server-sent events as they arrive, the way the SDK's MessageStream does, so that the
// panel can show a streamed answer (and its raw JSON) before the host sends the final record. Pure, no DOM.
import type { JsonObject } from '../../shared/callRecord';
import { asArray, asNumber, asObject, asString, isObject } from '../values/json';
import { ENDING_CHARS } from '../../shared/streamedAnswer';

/** What an event changed, for the views to update only that. */
export type MessageChange =
  | { kind: 'message'; message: JsonObject }
  | { kind: 'blockStart'; index: number; block: JsonObject }
  | { kind: 'delta'; index: number; delta: JsonObject }
  | { kind: 'blockStop'; index: number; block: JsonObject }
  | { kind: 'messageDelta'; message: JsonObject }
  | { kind: 'error'; error: JsonObject }
  | { kind: 'none' };

export class MessageAccumulator {
  readonly message: JsonObject = { content: [] };
  /** The partial JSON of tool inputs, by block index, until the block stops. */
  private readonly partialJson = new Map<number, string[]>();
  /**
   * The last characters of each text and thinking field, by "index:field", noted as the deltas come: the final
   * record's check (shared/streamedAnswer.ts) reads them, not the text, which is thousands of pieces and would be
   * copied flat first.
   */
  private readonly endings = new Map<string, string>();
  firstDeltaMs: number | undefined;

  private get content(): unknown[] {
    let content = asArray(this.message.content);
    if (!content) {
      content = [];
      this.message.content = content;
    }
    return content;
  }

  /** The accumulated block at `index`, when there is one. */
  block(index: number): JsonObject | undefined {
    return asObject(this.content[index]);
  }

  /** The last characters (up to ENDING_CHARS) of a block's text or thinking, when deltas brought it. */
  ending(index: number, field: 'text' | 'thinking'): string | undefined {
    return this.endings.get(`${index}:${field}`);
  }

  /** Appends a delta's piece to a block's text or thinking, and notes the field's new ending. */
  private appendTo(index: number, block: JsonObject, field: 'text' | 'thinking', piece: string): void {
    const before = asString(block[field]) ?? '';
    block[field] = before + piece;
    const key = `${index}:${field}`;
    // The piece alone when it is long enough: a slice of the joined text would copy the piece whole.
    const noted = piece.length >= ENDING_CHARS ? piece : (this.endings.get(key) ?? before.slice(-ENDING_CHARS)) + piece;
    this.endings.set(key, noted.slice(-ENDING_CHARS));
  }

  /** The input JSON text received so far for a tool block. */
  partialInput(index: number): string {
    return (this.partialJson.get(index) ?? []).join('');
  }

  apply(event: string, data: unknown, ms?: number): MessageChange {
    const payload = asObject(data);
    if (!payload) {
      return { kind: 'none' };
    }
    const type = asString(payload.type) ?? event;
    switch (type) {
      case 'message_start': {
        const message = asObject(payload.message);
        this.endings.clear();
        if (message) {
          for (const [key, value] of Object.entries(message)) {
            this.message[key] = key === 'content' ? [...(asArray(value) ?? [])] : value;
          }
        }
        return { kind: 'message', message: this.message };
      }
      case 'content_block_start': {
        const index = asNumber(payload.index);
        const block = asObject(payload.content_block);
        if (index === undefined || !block) {
          return { kind: 'none' };
        }
        const copy: JsonObject = { ...block };
        this.content[index] = copy;
        this.endings.delete(`${index}:text`);
        this.endings.delete(`${index}:thinking`);
        return { kind: 'blockStart', index, block: copy };
      }
      case 'content_block_delta': {
        const index = asNumber(payload.index);
        const delta = asObject(payload.delta);
        if (index === undefined || !delta) {
          return { kind: 'none' };
        }
        if (this.firstDeltaMs === undefined && ms !== undefined) {
          this.firstDeltaMs = ms;
        }
        this.applyDelta(index, delta);
        return { kind: 'delta', index, delta };
      }
      case 'content_block_stop': {
        const index = asNumber(payload.index);
        if (index === undefined) {
          return { kind: 'none' };
        }
        const block = this.block(index) ?? { type: 'unknown' };
        const json = this.partialJson.get(index);
        if (json) {
          const text = json.join('');
          try {
            block.input = text === '' ? {} : JSON.parse(text);
          } catch {
            // Left as it was: the view shows the partial text and says it is not valid JSON.
          }
          this.partialJson.delete(index);
        }
        return { kind: 'blockStop', index, block };
      }
      case 'message_delta': {
        const delta = asObject(payload.delta);
        if (delta) {
          for (const [key, value] of Object.entries(delta)) {
            this.message[key] = value;
          }
        }
        const usage = asObject(payload.usage);
        if (usage) {
          // Usage in message_delta is cumulative; a null means "not reported here", not zero.
          const merged: JsonObject = { ...(asObject(this.message.usage) ?? {}) };
          for (const [key, value] of Object.entries(usage)) {
            if (value !== null && value !== undefined) {
              merged[key] = value;
            }
          }
          this.message.usage = merged;
        }
        return { kind: 'messageDelta', message: this.message };
      }
      case 'error':
        return { kind: 'error', error: asObject(payload.error) ?? payload };
      default:
        return { kind: 'none' };
    }
  }

  private applyDelta(index: number, delta: JsonObject): void {
    let block = this.block(index);
    if (!block) {
      // A delta without its start (should not happen): keep what it carries rather than lose it.
      block = { type: delta.type === 'thinking_delta' ? 'thinking' : 'text' };
      this.content[index] = block;
    }
    switch (delta.type) {
      case 'text_delta':
        this.appendTo(index, block, 'text', asString(delta.text) ?? '');
        break;
      case 'thinking_delta':
        this.appendTo(index, block, 'thinking', asString(delta.thinking) ?? '');
        break;
      case 'signature_delta':
        block.signature = asString(delta.signature) ?? '';
        break;
      case 'input_json_delta': {
        const parts = this.partialJson.get(index) ?? [];
        parts.push(asString(delta.partial_json) ?? '');
        this.partialJson.set(index, parts);
        break;
      }
      case 'citations_delta': {
        const citations = asArray(block.citations) ?? [];
        if (isObject(delta.citation)) {
          citations.push(delta.citation);
        }
        block.citations = citations;
        break;
      }
      default:
        break;
    }
  }
}

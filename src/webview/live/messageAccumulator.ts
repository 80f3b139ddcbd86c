// Builds the Message from server-sent events as they arrive, the way the SDK's MessageStream does, so that the
// panel can show a streamed answer (and its raw JSON) before the host sends the final record. Pure, no DOM.
import type { JsonObject } from '../../shared/callRecord';
import { asArray, asNumber, asObject, asString, isObject } from '../values/json';

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
        block.text = (asString(block.text) ?? '') + (asString(delta.text) ?? '');
        break;
      case 'thinking_delta':
        block.thinking = (asString(block.thinking) ?? '') + (asString(delta.thinking) ?? '');
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

// Completes what a reply says about a message into the full Message the API sends: a fresh id, the request's
// model, a stop_reason that fits the content, and usage whose numbers follow from the request and answer sizes.
import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import { newMessageId } from './random';
import type { MessageSpec, WireBlock, WireMessage } from './types';

/** About 4 characters a token, for what the model wrote: text, thinking and tool inputs. */
export function outputTokensOf(content: WireBlock[]): number {
  let chars = 0;
  for (const block of content) {
    if (typeof block.text === 'string') {
      chars += block.text.length;
    }
    if (typeof block.thinking === 'string') {
      chars += block.thinking.length;
    }
    if ((block.type === 'tool_use' || block.type === 'server_tool_use') && block.input !== undefined) {
      chars += JSON.stringify(block.input).length;
    }
  }
  return Math.ceil(chars / 4);
}

export function thinkingTokensOf(content: WireBlock[]): number {
  const chars = content.reduce((sum, b) => sum + (typeof b.thinking === 'string' ? b.thinking.length : 0), 0);
  return Math.ceil(chars / 4);
}

/** Usage of an ordinary answer: no cache activity, standard tier. */
export function baseUsage(inputTokens: number, outputTokens: number): Usage {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: 'global',
    speed: 'standard',
  };
}

export interface MessageContext {
  /** The request's model, when it had a usable one. */
  model?: string;
  inputTokens: number;
}

export const FALLBACK_MODEL = 'claude-sonnet-5-5';

export function buildMessage(spec: MessageSpec, context: MessageContext): WireMessage {
  const content = spec.content ?? (spec.text !== undefined ? [{ type: 'text', text: spec.text }] : []);
  const thinkingTokens = thinkingTokensOf(content);
  const computed = baseUsage(context.inputTokens, Math.max(1, outputTokensOf(content)));
  if (thinkingTokens > 0) {
    computed.output_tokens_details = { thinking_tokens: thinkingTokens };
  }
  const stopReason =
    spec.stop_reason !== undefined ? spec.stop_reason : content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
  return {
    id: spec.id ?? newMessageId(),
    type: 'message',
    role: 'assistant',
    model: spec.model ?? context.model ?? FALLBACK_MODEL,
    content,
    stop_reason: stopReason,
    stop_sequence: spec.stop_sequence ?? null,
    stop_details: spec.stop_details ?? null,
    container: spec.container ?? null,
    diagnostics: null,
    usage: { ...computed, ...spec.usage },
  };
}

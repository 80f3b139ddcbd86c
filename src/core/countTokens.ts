// How many input tokens a request would use, from POST /v1/messages/count_tokens.
import type Anthropic from '@anthropic-ai/sdk';
import { toCallError } from './callError';
import type { CallError, JsonObject } from './callRecord';
import { CallCapture } from './capture';
import { ConnectionOptions, createClient } from './client';

/**
 * The fields the count endpoint takes (SDK 1.12's MessageCountTokensParams). The rest of a request body
 * (max_tokens, stream, stop_sequences, metadata...) does not change the input and the endpoint refuses it.
 */
export const COUNTED_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config', 'cache_control', 'speed'];

export function countTokensBody(body: JsonObject): JsonObject {
  const counted: JsonObject = {};
  for (const field of COUNTED_FIELDS) {
    if (body[field] !== undefined) {
      counted[field] = body[field];
    }
  }
  return counted;
}

export type TokenCount = { ok: true; inputTokens: number; requestId?: string } | { ok: false; error: CallError };

export async function countTokens(body: JsonObject, options: ConnectionOptions & { signal?: AbortSignal }): Promise<TokenCount> {
  const capture = new CallCapture(options.apiKey, {}, options.fetch);
  const client = createClient(options, capture);
  try {
    const result = await client.messages.countTokens(countTokensBody(body) as unknown as Anthropic.MessageCountTokensParams, {
      signal: options.signal,
    });
    return { ok: true, inputTokens: result.input_tokens, requestId: capture.response?.headers['request-id'] };
  } catch (error) {
    return {
      ok: false,
      error: toCallError(error, { apiKey: options.apiKey, url: capture.request?.url ?? `${options.baseUrl}/v1/messages/count_tokens`, timeoutMs: options.timeoutMs }),
    };
  }
}

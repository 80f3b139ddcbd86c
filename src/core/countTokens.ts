// How many input tokens a request would use, from POST /v1/messages/count_tokens.
import type Anthropic from '@anthropic-ai/sdk';
import { toCallError } from './callError';
import type { Attempt, CallError, CapturedResponse, JsonObject } from '../shared/callRecord';
import { captureFor, connectionProblem, ConnectionOptions, createClient } from './client';
import { tokenCountFrom } from './capture/responseShape';
import { WireFault } from './capture/wireFault';

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

export type TokenCount =
  | { ok: true; inputTokens: number; requestId?: string; attempts: Attempt[] }
  | { ok: false; error: CallError; attempts: Attempt[]; response?: CapturedResponse };

export async function countTokens(body: JsonObject, options: ConnectionOptions & { signal?: AbortSignal }): Promise<TokenCount> {
  const capture = captureFor(options);
  const problem = connectionProblem(options);
  if (problem) {
    return { ok: false, error: { kind: 'client', message: problem }, attempts: [] };
  }
  const client = createClient(options, capture);
  try {
    const response = await client.messages
      .countTokens(countTokensBody(body) as unknown as Anthropic.MessageCountTokensParams, { signal: options.signal })
      .asResponse();
    const text = await capture.readText(response);
    const found = tokenCountFrom(response, text);
    if ('fault' in found) {
      throw new WireFault(found.fault);
    }
    return { ok: true, inputTokens: found.inputTokens, requestId: capture.response?.headers['request-id'], attempts: capture.attempts };
  } catch (error) {
    return {
      ok: false,
      error: toCallError(error, {
        apiKey: options.apiKey,
        url: capture.request?.url ?? `${options.baseUrl}/v1/messages/count_tokens`,
        timeoutMs: capture.timeoutMs,
        fault: capture.fault,
        response: capture.response,
      }),
      attempts: capture.attempts,
      response: capture.response,
    };
  }
}

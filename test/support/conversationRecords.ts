// Assistant messages and call records for the conversation tests (conversation.test.ts, conversationFile.test.ts),
// and the settings their diagnostics run with.
import type { JsonObject } from '../../src/shared/callRecord';

export const context = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };

export function message(content: JsonObject[], stop_reason: string, extra: JsonObject = {}): JsonObject {
  return { id: 'msg_01x', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content, stop_reason, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 }, ...extra };
}

export const record = (msg: JsonObject, request: JsonObject = { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] }) => ({ message: msg, effectiveRequest: request });

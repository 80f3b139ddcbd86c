// Call records for history tests, built the way the client builds them (shape only; the CLI tests make real ones
// over HTTP). Each is varied by its arguments: model, texts, an error, a start time.
import type { CallErrorKind, CallRecord } from '../../src/shared/callRecord';
import { costOf } from '../../src/shared/cost';

export interface RecordShape {
  model?: string;
  ask?: string;
  answer?: string;
  startedAt?: string;
  error?: { status?: number; type?: string; message: string; kind?: CallErrorKind };
  /** Extra characters in the answer, to make the file big. */
  padding?: number;
  streamed?: boolean;
}

export function callRecordFor(shape: RecordShape = {}): CallRecord {
  const model = shape.model ?? 'claude-haiku-5-5';
  const record: CallRecord = {
    id: 'rec',
    startedAt: shape.startedAt ?? new Date().toISOString(),
    source: { kind: 'cli', path: 'ask.claude.json' },
    baseUrl: 'http://127.0.0.1:9',
    effectiveRequest: { model, max_tokens: 64, messages: [{ role: 'user', content: shape.ask ?? 'What is a history?' }] },
    defaultsApplied: [],
    streamed: shape.streamed ?? false,
    request: { method: 'POST', url: 'http://127.0.0.1:9/v1/messages', headers: { 'x-api-key': '$ANTHROPIC_API_KEY' }, body: '{}' },
    attempts: [{ number: 1, startedMs: 0, headersMs: 5, status: shape.error?.status ?? 200 }],
    response: { status: shape.error?.status ?? 200, statusText: 'OK', headers: { 'request-id': 'req_test' } },
    timing: { headersMs: 5, totalMs: 12 },
    requestId: 'req_test',
  };
  if (shape.error) {
    record.error = { kind: shape.error.kind ?? 'api', message: shape.error.message, status: shape.error.status, type: shape.error.type };
  } else {
    record.message = {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: (shape.answer ?? 'A list of calls.') + 'x'.repeat(shape.padding ?? 0) }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 11, output_tokens: 7 },
    };
    record.cost = costOf(model, { input_tokens: 11, output_tokens: 7 });
  }
  return record;
}

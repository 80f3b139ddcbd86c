// What a well-behaved API would send, for the hostile server to send in part, in the wrong shape or at the wrong
// pace: a Message, its server-sent events, a token count and a page of models.
export const MODEL = 'claude-sonnet-5-5';
export const TEXT_PIECES = ['Hello ', 'from the ', 'hostile server.'];

export function message(id = 'msg_hostile_0001'): Record<string, unknown> {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: MODEL,
    content: [{ type: 'text', text: TEXT_PIECES.join('') }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 5, output_tokens: 7 },
  };
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The opening of a stream: message_start and an empty text block. */
export function streamStart(id = 'msg_hostile_stream'): string[] {
  return [
    sse('message_start', { type: 'message_start', message: { ...message(id), content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  ];
}

export function textDelta(text: string, index = 0): string {
  return sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
}

/** Everything after the text deltas, message_stop included unless `withStop` is false. */
export function streamEnd(withStop = true, index = 0): string[] {
  const end = [
    sse('content_block_stop', { type: 'content_block_stop', index }),
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } }),
  ];
  return withStop ? [...end, sse('message_stop', { type: 'message_stop' })] : end;
}

/** A whole, valid stream of {@link message}. */
export function fullStream(): string[] {
  return [...streamStart(), ...TEXT_PIECES.map((t) => textDelta(t)), ...streamEnd()];
}

/** A stream whose second block is a tool_use fed with these input_json pieces; `close` adds the block's stop and message_stop. */
export function toolStream(pieces: string[], close: boolean): string[] {
  const events = [
    ...streamStart(),
    textDelta('Let me check the weather.'),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_hostile_01', name: 'get_weather', input: {} } }),
    ...pieces.map((partial_json) => sse('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json } })),
  ];
  if (close) {
    events.push(
      sse('content_block_stop', { type: 'content_block_stop', index: 1 }),
      sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } }),
      sse('message_stop', { type: 'message_stop' }),
    );
  }
  return events;
}

export function modelsPage(ids: string[], hasMore: boolean, lastId: string | null): Record<string, unknown> {
  return {
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z', max_input_tokens: 200000, max_tokens: 64000 })),
    has_more: hasMore,
    first_id: ids[0] ?? null,
    last_id: lastId,
  };
}

export function apiError(type: string, text: string): string {
  return JSON.stringify({ type: 'error', error: { type, message: text }, request_id: 'req_hostile_error' });
}

// The host messages of the calls the webview benchmarks show, shaped like the host's (see test/webview/fixtures).
// The answer's text is left empty here and filled in inside the page, so that megabytes are not sent to the page
// (or cloned) inside a measurement.
import type { CallRecord, JsonObject, TimelineEntry } from '../../src/shared/callRecord';
import type { HostMessage } from '../../src/shared/protocol';
import { message, record, startedRecord } from '../../test/webview/fixtures/records';

export const REPLY_HEADING = '[data-testid="reply"] .block-text h1';
export const REPLY_MARKDOWN = '[data-testid="reply"] .block-text .md';
export const REPLY_PROGRESS = '[data-testid="reply"] .block-text .md-progress';

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_011CBench' };

/** Messages before the deltas, and after them (closing events, then callFinished with the text to fill in). */
export function streamedCall(callId: string, deltas: number, chars: number): { before: HostMessage[]; after: HostMessage[] } {
  const started = startedRecord({ id: callId });
  const opening = message([], { stop_reason: null, usage: { input_tokens: 1234, output_tokens: 1 } });
  const before: HostMessage[] = [
    { type: 'callStarted', record: started },
    { type: 'attempt', callId, attempt: { number: 1, startedMs: 0 }, request: started.request! },
    {
      type: 'response',
      callId,
      attempt: { number: 1, startedMs: 0, headersMs: 300, status: 200, requestId: 'req_011CBench' },
      response: { status: 200, statusText: 'OK', headers: SSE_HEADERS },
    },
    {
      type: 'events',
      callId,
      events: [
        { ms: 400, event: 'message_start', data: { type: 'message_start', message: opening } },
        { ms: 401, event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } } },
      ],
    },
  ];
  const final = message([{ type: 'text', text: '', citations: null }], { usage: { input_tokens: 1234, output_tokens: Math.ceil(chars / 4) } });
  const lastMs = 1000 + deltas;
  const closing = [
    { ms: lastMs + 1, event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    {
      ms: lastMs + 2,
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: Math.ceil(chars / 4) } },
    },
    { ms: lastMs + 3, event: 'message_stop', data: { type: 'message_stop' } },
  ];
  // The timeline as the host records it: consecutive deltas of a block folded into one entry.
  const timeline: TimelineEntry[] = [
    ...(before[3] as { events: TimelineEntry[] }).events,
    { ms: 1000, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta' } }, count: deltas, lastMs, chars },
    ...closing,
  ];
  const full: CallRecord = {
    ...record({ id: callId, streamed: true, message: final }),
    response: { status: 200, statusText: 'OK', headers: SSE_HEADERS },
    timeline,
    timing: { headersMs: 300, firstTokenMs: 1000, totalMs: lastMs + 3 },
  };
  const after: HostMessage[] = [
    { type: 'events', callId, events: closing },
    { type: 'callFinished', record: full },
  ];
  return { before, after };
}

/** A finished, non-streamed record of one text block; the page puts the text in and the JSON body beside it. */
export function finishedRecord(callId: string): CallRecord {
  return record({ id: callId, message: message([{ type: 'text', text: '', citations: null } as JsonObject]) });
}

// The hostile server's faults as test cases, shared by the core suite and the CLI suite: what each call must end
// with (exit code, error kind, message) and what must be kept of what arrived. Each case is a class of fault, not a
// single byte pattern: the table names the rule the mechanism must keep.
import * as assert from 'node:assert/strict';
import type { CallErrorKind, JsonObject } from '../../src/shared/callRecord';

export type Call = 'send' | 'stream' | 'count' | 'models';

/** What a call ended with, the same whether read from the core's record or from the CLI's --json. */
export interface Outcome {
  error?: { kind: CallErrorKind; message: string; status?: number | null; type?: string | null };
  /** The Message (send, stream). */
  message?: JsonObject;
  /** The raw body as received, when it was not a Message. */
  body?: string;
  incomplete?: boolean;
  partialToolInputs?: { index: number; json: string }[];
  attempts?: { status?: number }[];
  request?: { headers: Record<string, string>; addedHeaders?: Record<string, string> };
}

export interface HostileCase {
  fault: string;
  call: Call;
  /** Extra CLI flags; the core gets the same through `options`. */
  args?: string[];
  options?: { maxRetries?: number; maxRetryWaitMs?: number };
  /** CLI exit code. */
  code: 0 | 1;
  kind?: CallErrorKind;
  message?: RegExp;
  /** What must have been kept of what arrived. */
  kept?(outcome: Outcome): void;
  /** On stderr (CLI) or through onRetry (core), in order. */
  announced?: string[];
}

const text = (o: Outcome, index = 0) => String(((o.message?.content as JsonObject[] | undefined)?.[index] ?? {}).text ?? '');

const keptText = (expected: string) => (o: Outcome) => {
  assert.equal(text(o), expected, 'the text that arrived is kept');
  assert.equal(o.incomplete, true, 'marked incomplete');
};
const keptBody = (start: string) => (o: Outcome) => {
  assert.ok(o.body?.startsWith(start), `the body that arrived is kept: ${JSON.stringify(o.body?.slice(0, 80))}`);
};

const NO_RETRY = { args: ['--max-retries', '0'], options: { maxRetries: 0 } };

export const CASES: HostileCase[] = [
  // The baseline: every endpoint answers well.
  {
    fault: 'ok',
    call: 'send',
    code: 0,
    kept: (o) => {
      assert.equal(text(o), 'Hello from the hostile server.');
      // The record is the wire: what the HTTP client added is listed, marked as added.
      const added = o.request?.addedHeaders ?? {};
      for (const name of ['host', 'connection', 'content-length', 'accept-encoding']) {
        assert.ok(name in added, `${name} is listed as added by the HTTP client: ${JSON.stringify(added)}`);
      }
      assert.ok(!('host' in (o.request?.headers ?? {})), 'host is not claimed as the SDK\'s');
    },
  },
  {
    fault: 'ok',
    call: 'stream',
    code: 0,
    kept: (o) => {
      assert.equal(text(o), 'Hello from the hostile server.');
      assert.ok(!('parsed_output' in (o.message ?? {})), 'nothing the SDK adds: no parsed_output');
      assert.equal(o.message?.stop_reason, 'end_turn');
      assert.deepEqual(o.message?.usage, { input_tokens: 5, output_tokens: 7 });
    },
  },
  { fault: 'ok', call: 'count', code: 0 },
  { fault: 'ok', call: 'models', code: 0 },

  // Every wait has a bound.
  { fault: 'stall-headers', call: 'send', ...NO_RETRY, code: 1, kind: 'timeout', message: /No answer from http:\/\/127\.0\.0\.1:\d+\/stall-headers\/v1\/messages within 1 s/ },
  { fault: 'stall-json', call: 'send', code: 1, kind: 'timeout', message: /no data for 1 s after the headers/, kept: keptBody('{"id":"msg_hostile_0001"') },
  { fault: 'stall-json', call: 'stream', code: 1, kind: 'timeout', message: /no data for 1 s after the headers/ },
  { fault: 'stall-json', call: 'count', code: 1, kind: 'timeout', message: /no data for 1 s after the headers/ },
  { fault: 'stall-json', call: 'models', code: 1, kind: 'timeout', message: /no data for 1 s after the headers/ },
  { fault: 'stall-sse', call: 'stream', code: 1, kind: 'timeout', message: /no data for 1 s after the headers and 3 events/, kept: keptText('Hello ') },
  { fault: 'trickle', call: 'send', code: 1, kind: 'timeout', message: /still arriving 1 s after the headers .*the bound on the whole body fired/, kept: keptBody('{"id"') },
  { fault: 'trickle', call: 'count', code: 1, kind: 'timeout', message: /the bound on the whole body fired/ },
  { fault: 'trickle', call: 'stream', code: 1, kind: 'timeout', message: /no data for 1 s after the headers .*no whole event/ },
  { fault: 'pings-forever', call: 'stream', code: 1, kind: 'timeout', message: /no data for 1 s after the headers and \d+ events \(only pings since then\)/ },

  // What arrived is never lost.
  {
    fault: 'no-message-stop',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /the stream ended before message_stop after 6 events/,
    kept: (o) => {
      keptText('Hello from the ')(o);
      assert.equal(o.message?.stop_reason, 'end_turn', 'the message_delta that arrived is folded in');
    },
  },
  { fault: 'no-message-stop', call: 'send', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is application\/json, not a Message: `\{"id":"msg_hostile_0001"/, kept: keptBody('{"id"') },
  { fault: 'pings-then-close', call: 'stream', code: 1, kind: 'unexpected-response', message: /the stream ended before message_stop after 3 events/ },
  { fault: 'close-mid-event', call: 'stream', code: 1, kind: 'unexpected-response', message: /the stream ended before message_stop after 3 events/, kept: keptText('Hello ') },
  { fault: 'reset-mid-body', call: 'send', code: 1, kind: 'network', message: /the connection broke after the headers .*(ECONNRESET|other side closed|terminated)/i, kept: keptBody('{"id"') },
  { fault: 'reset-mid-body', call: 'stream', code: 1, kind: 'network', message: /the connection broke after the headers and 3 events.*(ECONNRESET|other side closed|terminated)/i, kept: keptText('Hello ') },
  // A body delimited by the connection's end: undici ends it cleanly on a reset too; the capture still says which it was.
  { fault: 'reset-unframed', call: 'send', code: 1, kind: 'network', message: /the connection broke after the headers .*ECONNRESET/, kept: keptBody('{"id"') },
  { fault: 'reset-unframed', call: 'stream', code: 1, kind: 'network', message: /the connection broke after the headers and 3 events.*ECONNRESET/, kept: keptText('Hello ') },
  { fault: 'reset-chunked-close', call: 'send', code: 1, kind: 'network', message: /the connection broke after the headers .*ECONNRESET/, kept: keptBody('{"id"') },
  { fault: 'reset-chunked-close', call: 'stream', code: 1, kind: 'network', message: /the connection broke after the headers and 3 events.*ECONNRESET/, kept: keptText('Hello ') },
  // The same framing closed cleanly is not a reset: the stream ended before message_stop, and says so.
  {
    fault: 'close-unframed',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /^the stream ended before message_stop after 6 events/,
    kept: (o) => {
      keptText('Hello from the ')(o);
      assert.doesNotMatch(o.error?.message ?? '', /ECONNRESET|reset|broke/);
    },
  },
  { fault: 'close-unframed', call: 'send', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is application\/json, not a Message: `\{"id":"msg_hostile_0001"/, kept: keptBody('{"id"') },
  { fault: 'bad-gzip', call: 'send', code: 1, kind: 'network', message: /content-encoding gzip could not be decoded/ },
  { fault: 'bad-gzip', call: 'stream', code: 1, kind: 'network', message: /content-encoding gzip could not be decoded/ },
  { fault: 'error-event', call: 'stream', code: 1, kind: 'api', message: /^Overloaded$/, kept: keptText('Hello ') },
  {
    fault: 'bad-input-json',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /the input of tool_use block 1 \(get_weather\) is not valid JSON/,
    kept: (o) => {
      const raw = '{"city": "Paris"}}}, oops';
      assert.equal(o.partialToolInputs?.[0]?.json, raw, 'the raw input is kept');
      assert.equal((o.message?.content as JsonObject[])[1].input, raw, 'the block shows the raw input, not {}');
      assert.equal(text(o), 'Let me check the weather.');
    },
  },
  {
    fault: 'truncated-input-json',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /the stream ended before message_stop/,
    kept: (o) => {
      assert.equal(o.partialToolInputs?.[0]?.json, '{"city": "Pa');
      assert.equal((o.message?.content as JsonObject[])[1].input, '{"city": "Pa', 'not silently {}');
      assert.equal(o.incomplete, true);
    },
  },

  // Events that cannot be folded in: the call is an error naming the event, what the others built is kept.
  ...(['stray-delta', 'delta-on-wrong-block', 'delta-not-text'] as const).map((fault): HostileCase => ({
    fault,
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /could not be folded into the message: event \d+ \(content_block_delta\): /,
    kept: (o) => assert.equal(text(o), 'Hello ', 'the text of the other events is kept'),
  })),
  // A stream that goes on after its end, or starts a second message: said, and the first message kept whole.
  {
    fault: 'events-after-stop',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /could not be folded into the message: event \d+ \(content_block_delta\): it came after message_stop/,
    kept: (o) => assert.ok(text(o).length > 0 && !text(o).includes('and more'), 'the message as it stood at message_stop'),
  },
  {
    fault: 'second-message-start',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /event \d+ \(message_start\): a second message_start, after the message had begun/,
    kept: (o) => assert.equal((o.message as JsonObject | undefined)?.id, 'msg_hostile_stream', 'the first message is kept'),
  },
  {
    fault: 'tool-input-not-object',
    call: 'stream',
    code: 1,
    kind: 'unexpected-response',
    message: /the input of tool_use block 1 \(get_weather\) is not valid JSON \(it is a list, not an object\)/,
    kept: (o) => assert.equal(o.partialToolInputs?.[0]?.json, '[1, 2]', 'the raw input is kept'),
  },
  { fault: 'cr-only-stream', call: 'stream', code: 0, kept: (o) => assert.ok(!o.incomplete && text(o) !== '', 'the last event, ended by CRs, arrived') },
  { fault: 'count-not-whole', call: 'count', code: 1, kind: 'unexpected-response', message: /input_tokens must be a whole number, 0 or more\): `\{"input_tokens": 12\.5\}`/ },
  { fault: 'content-not-blocks', call: 'send', code: 1, kind: 'unexpected-response', message: /not a Message \(content\[1\] is not a block/, kept: keptBody('{"id"') },

  // A 200 that is not what was asked for.
  {
    fault: 'html-200',
    call: 'send',
    code: 1,
    kind: 'unexpected-response',
    message: /^HTTP 200, but the body is text\/html, not a Message: `<html><head><title>Sign in to the Wi-Fi.*\\u001b\[31mPortal\\u0007/,
    kept: keptBody('<html>'),
  },
  { fault: 'html-200', call: 'stream', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is text\/html, not a Message stream: `<html>/ },
  { fault: 'html-200', call: 'count', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is text\/html, not a token count/ },
  { fault: 'html-200', call: 'models', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is text\/html, not a page of models/ },
  { fault: 'sse-for-json', call: 'send', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is text\/event-stream, not a Message .*`event: message_start/ },
  { fault: 'json-for-sse', call: 'stream', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is application\/json, not a Message stream: `\{"id"/ },
  { fault: 'null-body', call: 'send', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the body is application\/json, not a Message: `null`/ },
  { fault: 'null-body', call: 'count', code: 1, kind: 'unexpected-response', message: /not a token count \(input_tokens must be a number\): `null`/ },
  { fault: 'null-body', call: 'models', code: 1, kind: 'unexpected-response', message: /not a page of models .*`null`/ },
  { fault: 'empty-object', call: 'send', code: 1, kind: 'unexpected-response', message: /not a Message \(no "type": "message"\): `\{\}`/ },
  { fault: 'empty-object', call: 'count', code: 1, kind: 'unexpected-response', message: /not a token count/ },
  { fault: 'empty-object', call: 'models', code: 1, kind: 'unexpected-response', message: /a page must have a "data" list/ },
  { fault: 'no-content-204', call: 'send', code: 1, kind: 'unexpected-response', message: /HTTP 204, but the body is empty, not a Message/ },
  { fault: 'no-content-204', call: 'stream', code: 1, kind: 'unexpected-response', message: /HTTP 204, but the body is empty, not a Message stream/ },
  { fault: 'no-content-204', call: 'count', code: 1, kind: 'unexpected-response', message: /HTTP 204, but the body is empty, not a token count/ },
  { fault: 'no-content-204', call: 'models', code: 1, kind: 'unexpected-response', message: /HTTP 204, but the body is empty, not a page of models/ },
  { fault: 'stop-without-start', call: 'stream', code: 1, kind: 'unexpected-response', message: /HTTP 200, but the stream carried no message_start in 2 events/ },
  { fault: 'models-bad-entry', call: 'models', code: 1, kind: 'unexpected-response', message: /not a page of models \(an entry of "data" is not a model with an id: null\)/ },
  { fault: 'not-a-message', call: 'send', code: 1, kind: 'unexpected-response', message: /not a Message \(no "type": "message"\): `\{"type": "completion"/ },
  { fault: 'not-a-message', call: 'count', code: 1, kind: 'unexpected-response', message: /input_tokens must be a number/ },
  { fault: 'not-a-message', call: 'models', code: 1, kind: 'unexpected-response', message: /a page must have a "data" list/ },

  // Errors that are not the API's JSON say what they are.
  { fault: 'html-502', call: 'send', code: 1, kind: 'api', message: /^502 Bad Gateway, text\/html: probably a proxy or gateway, not the API: `<html>/, kept: keptBody('<html>') },
  { fault: 'html-502', call: 'count', code: 1, kind: 'api', message: /^502 Bad Gateway, text\/html: probably a proxy/ },
  { fault: 'html-502', call: 'models', code: 1, kind: 'api', message: /^502 Bad Gateway, text\/html: probably a proxy/ },
  { fault: 'text-500', call: 'send', code: 1, kind: 'api', message: /^500 Internal Server Error, text\/plain: not the API's JSON error: `upstream connect error/ },
  { fault: 'empty-503', call: 'send', code: 1, kind: 'api', message: /^503 Service Unavailable, with an empty body/ },

  // Retries: bounded, announced, and every attempt recorded.
  {
    fault: 'retry-after-huge',
    call: 'send',
    code: 1,
    kind: 'api',
    // Which knob raises the cap is the hint's to say, in each face's words (test/unit/hints.test.ts).
    message: /^the server asked to retry after 3600 s \(more than the cap of 60 s\)$/,
    kept: (o) => {
      assert.equal(o.error?.status, 429);
      assert.match(o.body ?? '', /rate_limit_error/, 'the attempt\'s body is kept');
    },
  },
  { fault: 'retry-after-huge', call: 'count', code: 1, kind: 'api', message: /the server asked to retry after 3600 s/ },
  { fault: 'retry-after-huge', call: 'models', code: 1, kind: 'api', message: /the server asked to retry after 3600 s/ },
  { fault: 'retry-after-date-huge', call: 'send', code: 1, kind: 'api', message: /the server asked to retry after 3\d{3}(\.\d)? s/ },
  { fault: 'retry-after-long', call: 'send', args: ['--max-retry-wait', '5'], options: { maxRetryWaitMs: 5000 }, code: 1, kind: 'api', message: /retry after 30 s \(more than the cap of 5 s/ },
  {
    fault: 'retry-then-ok',
    call: 'send',
    code: 0,
    announced: ['429 rate_limit_error, retrying in 0.2 s (attempt 2 of 3)'],
    kept: (o) => assert.equal(text(o), 'Hello from the hostile server.'),
  },
  { fault: 'retry-then-ok', call: 'count', code: 0, announced: ['429 rate_limit_error, retrying in 0.2 s (attempt 2 of 3)'] },
  { fault: 'retry-then-ok', call: 'models', code: 0, announced: ['429 rate_limit_error, retrying in 0.2 s (attempt 2 of 3)'] },
  {
    fault: 'always-overloaded',
    call: 'send',
    code: 1,
    kind: 'api',
    message: /^Overloaded$/,
    announced: ['529 overloaded_error, retrying in 0.1 s (attempt 2 of 3)', '529 overloaded_error, retrying in 0.1 s (attempt 3 of 3)'],
    kept: (o) => assert.deepEqual(o.attempts?.map((a) => a.status), [529, 529, 529]),
  },
  { fault: 'should-retry-false', call: 'send', code: 1, kind: 'api', message: /^Internal error$/, announced: [] },

  // Redirects are never followed.
  { fault: 'redirect-same-origin', call: 'send', code: 1, kind: 'unexpected-response', message: /^HTTP 307 Temporary Redirect: a redirect to http:\/\/127\.0\.0\.1:\d+\/ok\/v1\/messages, not followed/ },
  { fault: 'redirect-same-origin', call: 'models', code: 1, kind: 'unexpected-response', message: /a redirect to http:\/\/127\.0\.0\.1:\d+\/ok\/v1\/models\?limit=100, not followed/ },
  {
    fault: 'redirect-other-origin',
    call: 'send',
    code: 1,
    kind: 'unexpected-response',
    message: /^HTTP 302 Found: a redirect to http:\/\/\*\*\*:\*\*\*@localhost:\d+\/landed\/v1\/messages\?api_key=\*\*\*, not followed/,
  },
  { fault: 'redirect-other-origin', call: 'stream', code: 1, kind: 'unexpected-response', message: /a redirect to .*localhost.*, not followed/ },

  // Pagination that never ends.
  { fault: 'models-cycle', call: 'models', code: 1, kind: 'unexpected-response', message: /page 3 of the models repeats the cursor last_id "claude-hostile-b" of page 1: the list would never end/ },
  { fault: 'models-no-cursor', call: 'models', code: 1, kind: 'unexpected-response', message: /page 1 of the models says has_more but gives no last_id/ },
  { fault: 'models-endless', call: 'models', code: 1, kind: 'unexpected-response', message: /stopped after 100 pages of models/ },

  // Secrets.
  { fault: 'echo-key', call: 'send', code: 1, kind: 'api' },
  { fault: 'echo-key', call: 'stream', code: 1, kind: 'api' },
];

/** A key that is nobody's and that no scanner takes for a real one, unique per run. */
export function sentinelKey(): string {
  return ['sk', 'ant', 'hostile', 'sentinel', 'not', 'real', Math.random().toString(36).slice(2, 12)].join('-');
}

export function caseName(c: HostileCase): string {
  return `${c.fault} (${c.call}${c.args ? ` ${c.args.join(' ')}` : ''})`;
}

import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureWithoutSending, resolveBaseUrl, sendMessage, SendOptions } from '../../src/core/client';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import * as retry from '../../src/core/capture/retry';
import { StandIn, startStandIn } from '../../src/standIn/server';

const KEY = 'sk-ant-fake-client-test-key-not-real-abcdefghijklmnop';
const DEFAULTS = { model: 'claude-sonnet-5-5', maxTokens: 1024, stream: false };

function request(content: string, extra: JsonObject = {}, stream = false) {
  return effectiveRequest({ messages: [{ role: 'user', content }], ...extra }, { ...DEFAULTS, stream });
}

function assertNoKey(record: CallRecord): void {
  assert.ok(!JSON.stringify(record).includes(KEY), 'the key appears nowhere in the record');
}

function blocks(record: CallRecord): JsonObject[] {
  return (record.message?.content ?? []) as JsonObject[];
}

describe('client against the stand-in', function () {
  this.timeout(20000);
  let standIn: StandIn;
  let options: SendOptions;

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY });
    options = { apiKey: KEY, baseUrl: standIn.url, maxRetries: 0, source: { kind: 'cli' } };
  });
  beforeEach(() => standIn.reset());
  after(() => standIn.close());

  it('sends the effective request byte for byte and records what went out and came back', async () => {
    const req = request('Hello there', { a_future_field: { keep: ['me', 1] } });
    const record = await sendMessage(req, options);
    assert.equal(record.error, undefined);
    const received = standIn.requests[0];
    assert.equal(received.body, JSON.stringify(req.body), 'the body on the wire is the effective request');
    assert.equal(record.request?.body, received.body);
    assert.equal(record.request?.url, `${standIn.url}/v1/messages`);
    assert.equal(record.request?.headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
    assert.equal(received.headers.authorization, `Bearer ${KEY}`);
    assert.equal(received.headers['anthropic-version'], '2026-10-21');
    assert.equal(record.response?.status, 200);
    assert.match(record.requestId ?? '', /^req_/);
    assert.equal(record.requestId, record.response?.headers['request-id']);
    assert.ok(record.response?.headers['anthropic-ratelimit-requests-limit']);
    assert.equal(JSON.parse(record.response!.body!).id, record.message?.id, 'the raw body is kept as received');
    assert.match(String(blocks(record)[0].text), /stand-in/);
    assert.ok(record.timing.headersMs! >= 0 && record.timing.totalMs! >= record.timing.headersMs!);
    assert.match(record.curl ?? '', /^curl '.*\/v1\/messages'/);
    assertNoKey(record);
  });

  it('accumulates a stream chunked at random with pings into the same message as the JSON answer', async () => {
    const content = [{ type: 'text', text: 'Ünïcödé 🧪 and "quotes" across chunk boundaries. '.repeat(20) }];
    standIn.enqueue({ kind: 'json', content, id: 'msg_same' }, { kind: 'stream', content, id: 'msg_same', chunking: { random: 7, maxBytes: 5 }, pings: true });
    const plain = await sendMessage(request('x'), options);
    const seen: string[] = [];
    const streamed = await sendMessage(request('x', {}, true), { ...options, onEvent: (e) => seen.push(e.event) });
    assert.equal(streamed.error, undefined);
    assert.deepEqual(streamed.message?.content, plain.message?.content);
    assert.equal(streamed.message?.stop_reason, plain.message?.stop_reason);
    assert.ok(seen.includes('ping'), 'ping events reach the listener');
    assert.equal(seen[0], 'message_start');
    assert.equal(seen[seen.length - 1], 'message_stop');
    assert.ok(streamed.timeline && streamed.timeline.length < seen.length, 'deltas are collapsed in the recorded timeline');
    const collapsed = streamed.timeline!.find((e) => e.event === 'content_block_delta');
    assert.ok(collapsed?.count && collapsed.count > 1);
    assert.ok(streamed.timing.firstTokenMs !== undefined);
    assert.match(streamed.curl ?? '', /--no-buffer/);
    assertNoKey(streamed);
  });

  it('keeps every block type through a stream, unknown ones included', async () => {
    const record = await sendMessage(request('[[stand-in: all-blocks]]', {}, true), options);
    assert.equal(record.error, undefined);
    const types = blocks(record).map((b) => b.type);
    for (const type of ['text', 'thinking', 'redacted_thinking', 'tool_use', 'server_tool_use', 'web_search_tool_result', 'container_upload', 'hologram']) {
      assert.ok(types.includes(type), `${type} is kept`);
    }
  });

  it('records an API error with status, type, message and request-id', async () => {
    standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' });
    const record = await sendMessage(request('x'), options);
    assert.equal(record.error?.kind, 'api');
    assert.equal(record.error?.status, 529);
    assert.equal(record.error?.type, 'overloaded_error');
    assert.equal(record.error?.message, 'Overloaded');
    assert.match(record.error?.requestId ?? '', /^req_/);
    assert.equal(record.response?.status, 529);
    assert.ok(record.curl, 'a failed call still has its curl');
    assertNoKey(record);
  });

  it('records a 401 from a wrong key without writing either key anywhere', async () => {
    const wrong = 'sk-ant-fake-wrong-key-0000000000000000000000';
    const record = await sendMessage(request('x'), { ...options, apiKey: wrong });
    assert.equal(record.error?.status, 401);
    assert.equal(record.error?.type, 'authentication_error');
    assert.ok(!JSON.stringify(record).includes(wrong));
  });

  it('keeps the partial content of a stream that breaks with an error event, marked incomplete', async () => {
    standIn.enqueue({ kind: 'stream', text: 'The first part arrived. And then', errorAfterEvents: 4, error: { type: 'overloaded_error' } });
    const record = await sendMessage(request('x', {}, true), options);
    assert.equal(record.error?.kind, 'api');
    assert.equal(record.error?.type, 'overloaded_error');
    assert.equal(record.error?.midStream, true);
    assert.equal(record.error?.status, 200, 'the stream itself had answered 200');
    assert.equal(record.incomplete, true);
    assert.ok(String(blocks(record)[0]?.text ?? '').length > 0, 'what arrived is kept');
    assert.ok(record.timeline?.some((e) => e.event === 'error'));
  });

  it('retries what the SDK retries, recording each attempt and the wait the server asked for', async () => {
    standIn.enqueue({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfterMs: 50 }, { kind: 'json', text: 'after retry' });
    const attempts: number[] = [];
    const record = await sendMessage(request('x'), { ...options, maxRetries: 2, onAttempt: (a) => attempts.push(a.number) });
    assert.equal(record.error, undefined);
    assert.deepEqual(attempts, [1, 2]);
    assert.equal(record.attempts[0].status, 429);
    assert.equal(record.attempts[0].retryAfterMs, 50);
    assert.equal(record.attempts[0].errorType, 'rate_limit_error');
    assert.equal(record.attempts[1].status, 200);
  });

  it('names the URL and the cause when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const record = await sendMessage(request('x'), { ...options, baseUrl: `http://127.0.0.1:${port}` });
    assert.equal(record.error?.kind, 'network');
    assert.match(record.error?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port}/v1/messages: ECONNREFUSED`));
    assert.ok(record.error?.hint);
    assert.ok(record.request, 'the request that could not be delivered is still shown');
  });

  it('names a DNS failure', async () => {
    const record = await sendMessage(request('x'), { ...options, baseUrl: 'http://no-such-host.invalid' });
    assert.equal(record.error?.kind, 'network');
    assert.match(record.error?.cause ?? '', /ENOTFOUND|EAI_AGAIN/);
  });

  it('names a connection reset', async () => {
    standIn.enqueue({ kind: 'reset' });
    const record = await sendMessage(request('x'), options);
    assert.equal(record.error?.kind, 'network');
    assert.match(record.error?.cause ?? '', /ECONNRESET|socket|closed/i);
  });

  it('times out a server that never answers', async () => {
    standIn.enqueue({ kind: 'hang' });
    const record = await sendMessage(request('x'), { ...options, timeoutMs: 300 });
    assert.equal(record.error?.kind, 'timeout');
    assert.match(record.error?.message ?? '', /^No answer from http:\/\/127\.0\.0\.1:\d+\/v1\/messages within 0\.3 s\.$/);
  });

  it('times out a stream that goes silent after it started, keeping what arrived', async () => {
    standIn.enqueue({ kind: 'stream', text: 'Some words, then silence for a long while.', delayMs: 1500 });
    const started = Date.now();
    const record = await sendMessage(request('x', {}, true), { ...options, timeoutMs: 400 });
    assert.ok(Date.now() - started < 1400, 'gave up after the idle timeout, not at the end of the stream');
    assert.equal(record.error?.kind, 'timeout');
    assert.match(record.error?.message ?? '', /no data for 0\.4 s after the headers/);
    assert.equal(record.error?.midStream, true);
  });

  it('aborts the HTTP request on cancel, keeping what streamed so far', async () => {
    const controller = new AbortController();
    let deltas = 0;
    const record = await sendMessage(request('[[stand-in: slow]]', {}, true), {
      ...options,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.event === 'content_block_delta' && ++deltas === 2) {
          controller.abort();
        }
      },
    });
    assert.equal(record.error?.kind, 'cancelled');
    assert.equal(record.incomplete, true);
    assert.ok(String(blocks(record)[0]?.text ?? '').length > 0);
  });

  it('refuses before sending what the SDK refuses, saying why', async () => {
    const record = await sendMessage(request('x', { max_tokens: 200000 }), options);
    assert.equal(record.error?.kind, 'client');
    assert.match(record.error?.message ?? '', /Streaming is required/);
    assert.equal(standIn.requests.length, 0);
  });

  it('captures the request it would send without sending it', async () => {
    const captured = await captureWithoutSending(request('x', {}, true), { apiKey: KEY, baseUrl: standIn.url });
    assert.equal(standIn.requests.length, 0, 'nothing was sent');
    assert.equal(captured.headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
    assert.equal(JSON.parse(captured.body).stream, true);
    const keyless = await captureWithoutSending(request('x'), { apiKey: '', baseUrl: standIn.url });
    assert.equal(keyless.headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
  });

  it('resolves the base URL from the setting, then ANTHROPIC_BASE_URL, then the API', () => {
    assert.equal(resolveBaseUrl('http://proxy:8080/', { ANTHROPIC_BASE_URL: 'http://env' }), 'http://proxy:8080');
    assert.equal(resolveBaseUrl('', { ANTHROPIC_BASE_URL: 'http://env/' }), 'http://env');
    assert.equal(resolveBaseUrl(undefined, {}), 'https://api.anthropic.com');
  });
});

describe('retry rules', () => {
  it('reads retry-after-ms, retry-after in seconds and as an HTTP date, and ignores what is not a wait', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const h = (init: Record<string, string>) => new Headers(init);
    assert.equal(retry.retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250, 'retry-after-ms wins');
    assert.equal(retry.retryAfterMs(h({ 'retry-after': '2' }), now), 2000);
    assert.equal(retry.retryAfterMs(h({ 'retry-after': '0.5' }), now), 500);
    assert.equal(retry.retryAfterMs(h({ 'retry-after': 'Mon, 30 Nov 2026 13:00:00 GMT' }), now), 3600_000);
    assert.equal(retry.retryAfterMs(h({ 'retry-after': 'Mon, 30 Nov 2026 11:00:00 GMT' }), now), 0, 'a date in the past is no wait');
    for (const junk of ['', 'soon', '-5']) {
      assert.equal(retry.retryAfterMs(h({ 'retry-after': junk }), now), undefined, JSON.stringify(junk));
    }
    assert.equal(retry.retryAfterMs(h({}), now), undefined);
  });

  it('retries what the SDK retries, and what x-should-retry says over the status', () => {
    const none = new Headers();
    for (const status of [408, 409, 429, 500, 502, 503, 529]) {
      assert.ok(retry.isRetryable(status, none), String(status));
    }
    for (const status of [400, 401, 403, 404, 413, 422]) {
      assert.ok(!retry.isRetryable(status, none), String(status));
    }
    assert.ok(retry.isRetryable(400, new Headers({ 'x-should-retry': 'true' })));
    assert.ok(!retry.isRetryable(503, new Headers({ 'x-should-retry': 'false' })));
  });

  it('backs off like the SDK: 0.5 s doubling to 8 s, less up to 25 % jitter', () => {
    for (const [n, top] of [[1, 500], [2, 1000], [3, 2000], [5, 8000], [9, 8000]] as const) {
      const wait = retry.backoffMs(n);
      assert.ok(wait <= top && wait >= top * 0.75, `retry ${n}: ${wait}`);
    }
  });

  it('announces a retry in one line', () => {
    assert.equal(
      retry.describeRetry({ status: 429, errorType: 'rate_limit_error', waitMs: 2000, serverAsked: true, nextAttempt: 2, totalAttempts: 3 }),
      '429 rate_limit_error, retrying in 2 s (attempt 2 of 3)',
    );
    assert.equal(
      retry.describeRetry({ networkError: 'ECONNRESET', waitMs: 450, serverAsked: false, nextAttempt: 3, totalAttempts: 3 }),
      'ECONNRESET, retrying in 0.5 s (attempt 3 of 3)',
    );
    assert.equal(retry.describeRetry({ status: 503, waitMs: 1234, serverAsked: false, nextAttempt: 2, totalAttempts: 5 }), '503, retrying in 1.2 s (attempt 2 of 5)');
  });
});

// The Messages API stand-in, over real HTTP: raw bytes and headers with fetch, and what the official SDK makes of
// them. If the SDK parses the stand-in's answers the way it parses the real API's, tests built on it are honest.
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { STAND_IN_API_KEY } from '../../src/standIn/fakeKey';
import { FAMILIES } from '../../src/standIn/family';
import { DEFAULT_MODELS, StandIn, startStandIn } from '../../src/standIn/server';
import { buildMessage } from '../../src/standIn/message';
import { chunkFrames, messageEvents, planStream } from '../../src/standIn/sse';

const KEY = 'sk-ant-test-key-0000000000';
const MODEL = 'claude-sonnet-5-5';

function client(standIn: StandIn, options: { apiKey?: string; timeout?: number } = {}): Anthropic {
  return new Anthropic({ apiKey: options.apiKey ?? KEY, baseURL: standIn.url, maxRetries: 0, timeout: options.timeout });
}

function ask(text: string, extra: Partial<MessageCreateParamsNonStreaming> = {}): MessageCreateParamsNonStreaming {
  return { model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: text }], ...extra };
}

/** A message as JSON, without what differs between two calls (the id) or what only the SDK adds. */
function comparable(message: Message): Record<string, unknown> {
  const { id: _id, ...rest } = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  delete rest.parsed_output;
  return rest;
}

interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function post(standIn: StandIn, route: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${standIn.url}${route}`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

async function get(standIn: StandIn, route: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${standIn.url}${route}`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

function assertErrorBody(answer: RawAnswer, status: number, type: string, message?: string | RegExp): void {
  assert.equal(answer.status, status, answer.text);
  const body = answer.json as { type: string; error: { type: string; message: string }; request_id: string };
  assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, type);
  assert.equal(body.request_id, answer.headers.get('request-id'));
  if (typeof message === 'string') {
    assert.equal(body.error.message, message);
  } else if (message) {
    assert.match(body.error.message, message);
  }
}

/** Parses SSE text into events (enough for the stand-in's own well-formed output). */
function sseEvents(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>;
      return { event, data };
    });
}

describe('Messages API stand-in', function () {
  let standIn: StandIn;
  let sdk: Anthropic;

  before(async () => {
    standIn = await startStandIn();
    sdk = client(standIn);
  });
  after(() => standIn.close());
  beforeEach(() => standIn.reset());

  describe('basics', () => {
    it('listens on 127.0.0.1 and records every request', async () => {
      assert.match(standIn.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(standIn.url, `http://127.0.0.1:${standIn.port}`);
      await sdk.messages.create(ask('hello'));
      assert.equal(standIn.requests.length, 1);
      const [request] = standIn.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/v1/messages');
      assert.equal(request.headers['anthropic-version'], '2026-10-21');
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(request.json, ask('hello'));
      assert.equal(request.body, JSON.stringify(ask('hello')));
    });

    it('answers a non-streamed request with a complete, clearly fake Message', async () => {
      const message = await sdk.messages.create(ask('What is the capital of France?'));
      assert.match(message.id, /^msg_[A-Za-z0-9]{24}$/);
      assert.equal(message.type, 'message');
      assert.equal(message.role, 'assistant');
      assert.equal(message.model, MODEL);
      assert.equal(message.content.length, 1);
      const block = message.content[0];
      assert.equal(block.type, 'text');
      assert.ok(block.type === 'text' && block.text.startsWith('(stand-in) '));
      assert.ok(block.type === 'text' && block.text.includes('What is the capital of France?'));
      assert.equal(message.stop_reason, 'end_turn');
      assert.equal(message.stop_sequence, null);
      assert.equal(message.stop_details, null);
      assert.equal(message.container, null);
      assert.ok(message.usage.input_tokens > 0);
      assert.ok(message.usage.output_tokens >= 1);
      assert.equal(message.usage.cache_creation_input_tokens, 0);
      assert.equal(message.usage.cache_read_input_tokens, 0);
      assert.equal(message.usage.service_tier, 'standard');
    });

    it('is deterministic: the same request gets the same content', async () => {
      const a = await sdk.messages.create(ask('same words'));
      const b = await sdk.messages.create(ask('same words'));
      assert.notEqual(a.id, b.id);
      assert.deepEqual(comparable(a), comparable(b));
    });

    it('sends the real headers on answers and errors', async () => {
      const ok = await post(standIn, '/v1/messages', ask('hi'));
      const failed = await post(standIn, '/v1/messages', { model: MODEL, messages: [] });
      for (const answer of [ok, failed]) {
        assert.match(answer.headers.get('request-id') ?? '', /^req_[A-Za-z0-9]{24,}$/);
        assert.ok(answer.headers.get('anthropic-organization-id'));
        for (const kind of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
          assert.match(answer.headers.get(`anthropic-ratelimit-${kind}-limit`) ?? '', /^\d+$/);
          assert.match(answer.headers.get(`anthropic-ratelimit-${kind}-remaining`) ?? '', /^\d+$/);
          assert.match(answer.headers.get(`anthropic-ratelimit-${kind}-reset`) ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        }
        assert.equal(answer.headers.get('content-type'), 'application/json');
      }
      assert.notEqual(ok.headers.get('request-id'), failed.headers.get('request-id'));
      assert.equal(failed.headers.get('x-should-retry'), 'false');
      assert.equal(ok.text, JSON.stringify(ok.json), 'compact JSON, as the API sends it');
    });

    it('streams with the SSE content type and event sequence', async () => {
      const answer = await post(standIn, '/v1/messages', { ...ask('stream this please'), stream: true });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(answer.headers.get('cache-control'), 'no-cache');
      const events = sseEvents(answer.text).filter((e) => e.event !== 'ping');
      assert.deepEqual(
        events.map((e) => e.event).filter((name, i, all) => name !== all[i - 1]),
        ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
      );
      const start = events[0].data.message as Record<string, unknown>;
      assert.deepEqual(start.content, []);
      assert.equal(start.stop_reason, null);
      assert.deepEqual((events[1].data.content_block as Record<string, unknown>), { type: 'text', text: '' });
      assert.ok(events.filter((e) => e.event === 'content_block_delta').length > 2, 'the text comes in several deltas');
      assert.ok(answer.text.includes('event: ping\ndata: {"type": "ping"}\n\n'));
      for (const e of events) {
        assert.equal(e.data.type, e.event);
      }
    });

    it('logs one line per request, without the key', async () => {
      const lines: string[] = [];
      const logged = await startStandIn({ log: (line) => lines.push(line) });
      try {
        await client(logged).messages.create(ask('hi'));
        await post(logged, '/v1/nothing', {});
      } finally {
        await logged.close();
      }
      assert.equal(lines.length, 2);
      assert.match(lines[0], /^POST \/v1\/messages 200 claude-[\w-]+ /, 'names the model');
      assert.match(lines[1], /^POST \/v1\/nothing 404/);
      assert.ok(lines.every((line) => !line.includes(KEY)));
    });
  });

  describe('streaming through the SDK', () => {
    it('gives the same final message as the JSON answer, with random chunks and pings', async () => {
      const params = ask('Unicode survives chunking: ünïcödé, 日本語, emoji 🙂🚀, quotes "x" and \\ backslash');
      const json = await sdk.messages.create(params);
      standIn.enqueue({ kind: 'canned', chunking: { random: 42, maxBytes: 7 }, pings: [0, 1, 2, 5, 8] });
      const streamed = await sdk.messages.stream(params).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
    });

    it('keeps thinking, tool use and usage through streaming', async () => {
      const tools: Tool[] = [
        {
          name: 'get_weather',
          description: 'Current weather',
          input_schema: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['location', 'unit'] },
        },
      ];
      const params = ask('What is the weather in Paris? Use get_weather.', { tools, thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4096 });
      const json = await sdk.messages.create(params);
      assert.deepEqual(json.content.map((b) => b.type), ['thinking', 'text', 'tool_use']);
      assert.equal(json.stop_reason, 'tool_use');
      const thinking = json.content[0];
      assert.ok(thinking.type === 'thinking' && thinking.signature.length > 100);
      const toolUse = json.content[2];
      assert.ok(toolUse.type === 'tool_use');
      assert.match(toolUse.id, /^toolu_01[A-Za-z0-9]{22}$/);
      assert.equal(toolUse.name, 'get_weather');
      assert.deepEqual(toolUse.input, { location: 'Paris', unit: 'celsius' }, 'the place comes from the question');
      assert.ok((json.usage.output_tokens_details?.thinking_tokens ?? 0) > 0);

      standIn.enqueue({ kind: 'canned', chunking: { bytes: 5 }, pings: true });
      const streamed = await sdk.messages.stream(params).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
    });

    it('delivers every block type intact (all-blocks)', async () => {
      const params = ask('[[stand-in: all-blocks]]');
      const json = await sdk.messages.create(params);
      const types = new Set(json.content.map((b) => b.type as string));
      for (const type of [
        'text', 'thinking', 'redacted_thinking', 'tool_use', 'server_tool_use', 'web_search_tool_result', 'web_fetch_tool_result',
        'code_execution_tool_result', 'bash_code_execution_tool_result', 'text_editor_code_execution_tool_result',
        'tool_search_tool_result', 'container_upload', 'hologram',
      ]) {
        assert.ok(types.has(type), `missing ${type}`);
      }
      const citationTypes = new Set(json.content.flatMap((b) => (b.type === 'text' ? (b.citations ?? []).map((c) => c.type) : [])));
      assert.deepEqual([...citationTypes].sort(), ['char_location', 'content_block_location', 'page_location', 'search_result_location', 'web_search_result_location']);
      const searches = json.content.filter((b) => b.type === 'web_search_tool_result');
      assert.ok(searches.some((b) => b.type === 'web_search_tool_result' && Array.isArray(b.content) && b.content.every((r) => r.title && r.url && 'page_age' in r)));
      assert.ok(searches.some((b) => b.type === 'web_search_tool_result' && !Array.isArray(b.content) && b.content.type === 'web_search_tool_result_error'));
      assert.ok(json.container?.id.startsWith('container_'));
      assert.equal(json.stop_reason, 'tool_use');

      standIn.enqueue({ kind: 'canned', chunking: { random: 7 }, pings: true });
      const streamed = await sdk.messages.stream(params).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
    });

    it('streams a queued message the same way the SDK reads a real one', async () => {
      const content = [
        { type: 'text', text: 'cited ', citations: [{ type: 'char_location', cited_text: 'x', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1, file_id: null }] },
        { type: 'tool_use', id: 'toolu_01AAAAAAAAAAAAAAAAAAAAAA', name: 'f', input: { a: 'é"\n', b: [1, { c: null }] }, caller: { type: 'direct' } },
      ];
      standIn.enqueue({ kind: 'json', content, usage: { output_tokens: 77 } }, { kind: 'stream', content, usage: { output_tokens: 77 }, chunking: { random: 1, maxBytes: 3 } });
      const json = await sdk.messages.create(ask('x'));
      const streamed = await sdk.messages.stream(ask('x')).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
      assert.equal(json.stop_reason, 'tool_use');
      assert.equal(json.usage.output_tokens, 77);
    });

    it('reports an error event mid-stream, after the text that came before it', async () => {
      standIn.enqueue({ kind: 'stream', text: 'Some words that arrive before the failure happens.', errorAfterEvents: 4 });
      const stream = sdk.messages.stream(ask('x'));
      let text = '';
      stream.on('text', (delta) => {
        text += delta;
      });
      const error = await stream.finalMessage().then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Anthropic.APIError);
      assert.equal(error.status, undefined);
      assert.equal(error.type, 'overloaded_error');
      assert.match(error.requestID ?? '', /^req_/);
      assert.deepEqual(error.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: error.requestID });
      assert.ok(text.length > 0 && 'Some words that arrive before the failure happens.'.startsWith(text));
    });

    it('sends the error event in the API format, after exactly n events', async () => {
      standIn.enqueue({ kind: 'stream', text: 'abc def ghi', errorAfterEvents: 2, error: { type: 'api_error' } });
      const answer = await post(standIn, '/v1/messages', { ...ask('x'), stream: true });
      const events = sseEvents(answer.text);
      assert.deepEqual(events.map((e) => e.event), ['message_start', 'content_block_start', 'error']);
      assert.deepEqual(events[2].data, { type: 'error', error: { type: 'api_error', message: 'Internal server error' }, request_id: answer.headers.get('request-id') });
    });

    it('fails the SDK stream when the socket is cut mid-stream', async () => {
      standIn.enqueue({ kind: 'stream', text: 'one two three four five six seven', cutAfterEvents: 3 });
      await assert.rejects(sdk.messages.stream(ask('x')).finalMessage());
    });

    it('spreads a stream over time with delayMs', async () => {
      standIn.enqueue({ kind: 'stream', text: 'slow words here', delayMs: 30 });
      const started = Date.now();
      await sdk.messages.stream(ask('x')).finalMessage();
      assert.ok(Date.now() - started >= 150);
    });
  });

  describe('chunking', () => {
    const message = buildMessage({ text: 'ünïcödé 日本語 🙂 "quoted" '.repeat(30) }, { model: MODEL, inputTokens: 3 });
    const frames = planStream(messageEvents(message), { pings: true }, 'req_011CAAAAAAAAAAAAAAAAAAAA').frames;
    const all = Buffer.from(frames.join(''), 'utf8');

    it('random chunks keep every byte, are seeded, and cut inside events and UTF-8 characters', () => {
      const chunks = chunkFrames(frames, { random: 99, maxBytes: 20 });
      assert.deepEqual(Buffer.concat(chunks), all);
      assert.deepEqual(chunkFrames(frames, { random: 99, maxBytes: 20 }), chunks);
      let offset = 0;
      let insideCharacter = 0;
      let insideEvent = 0;
      const frameEnds = new Set<number>();
      frames.reduce((end, f) => {
        frameEnds.add(end + Buffer.byteLength(f));
        return end + Buffer.byteLength(f);
      }, 0);
      for (const chunk of chunks.slice(0, -1)) {
        offset += chunk.length;
        if ((all[offset] & 0xc0) === 0x80) {
          insideCharacter++;
        }
        if (!frameEnds.has(offset)) {
          insideEvent++;
        }
      }
      assert.ok(insideCharacter > 0, 'some boundary falls inside a multi-byte character');
      assert.ok(insideEvent > 0, 'some boundary falls inside an event');
    });

    it('fixed-size chunks and one chunk per event', () => {
      const fixed = chunkFrames(frames, { bytes: 10 });
      assert.ok(fixed.slice(0, -1).every((c) => c.length === 10));
      assert.deepEqual(Buffer.concat(fixed), all);
      assert.deepEqual(chunkFrames(frames, 'event').map((c) => c.toString('utf8')), frames);
    });
  });

  describe('errors through the SDK', () => {
    it('parses an HTTP error into APIError with status, type and request id', async () => {
      standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error' });
      const error = await sdk.messages.create(ask('x')).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Anthropic.APIError);
      assert.equal(error.status, 529);
      assert.equal(error.type, 'overloaded_error');
      assert.match(error.requestID ?? '', /^req_011C[A-Za-z0-9]{20}$/);
      assert.deepEqual(error.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: error.requestID });
      assert.equal(error.headers?.get('x-should-retry'), 'true');
    });

    it('sends retry headers when asked', async () => {
      standIn.enqueue({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: 3, retryAfterMs: 2500, shouldRetry: false });
      const answer = await post(standIn, '/v1/messages', ask('x'));
      assertErrorBody(answer, 429, 'rate_limit_error', /rate limit/);
      assert.equal(answer.headers.get('retry-after'), '3');
      assert.equal(answer.headers.get('retry-after-ms'), '2500');
      assert.equal(answer.headers.get('x-should-retry'), 'false');
    });

    it('resets the connection', async () => {
      standIn.enqueue({ kind: 'reset' });
      await assert.rejects(sdk.messages.create(ask('x')), Anthropic.APIConnectionError);
    });

    it('hangs until the client gives up', async () => {
      standIn.enqueue({ kind: 'hang' });
      await assert.rejects(client(standIn, { timeout: 300 }).messages.create(ask('x')), Anthropic.APIConnectionTimeoutError);
    });

    it('closes promptly while a request hangs', async () => {
      const other = await startStandIn();
      other.enqueue({ kind: 'hang' });
      const pending = fetch(`${other.url}/v1/messages`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
      while (other.requests.length === 0) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 1000);
      assert.ok((await pending) instanceof Error);
    });

    it('sends a raw answer as given', async () => {
      standIn.enqueue({ kind: 'raw', status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>bad gateway</html>' });
      const response = await fetch(`${standIn.url}/v1/messages`, { method: 'POST', body: '{}' });
      assert.equal(response.status, 502);
      assert.equal(response.headers.get('content-type'), 'text/html');
      assert.equal(response.headers.get('request-id'), null);
      assert.equal(await response.text(), '<html>bad gateway</html>');
    });

    it('uses queued replies in order, then falls back to the canned answer', async () => {
      standIn.enqueue({ kind: 'json', text: 'first' }, { kind: 'json', text: 'second', stop_reason: 'max_tokens' });
      assert.equal(standIn.queued, 2);
      const first = await sdk.messages.create(ask('x'));
      const second = await sdk.messages.create(ask('x'));
      const third = await sdk.messages.create(ask('x'));
      assert.deepEqual(first.content, [{ type: 'text', text: 'first' }]);
      assert.equal(second.stop_reason, 'max_tokens');
      assert.ok(third.content[0].type === 'text' && third.content[0].text.startsWith('(stand-in)'));
      assert.equal(standIn.queued, 0);
    });

    it('answers a queued `message` reply as the request asks: JSON or SSE', async () => {
      standIn.enqueue({ kind: 'message', text: 'either way', pings: true }, { kind: 'message', text: 'either way' });
      const streamed = await post(standIn, '/v1/messages', { ...ask('x'), stream: true });
      const json = await post(standIn, '/v1/messages', ask('x'));
      assert.equal(streamed.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(json.headers.get('content-type'), 'application/json');
    });

    it('delays the headers', async () => {
      standIn.enqueue({ kind: 'json', text: 'late', headersDelayMs: 200 });
      const started = Date.now();
      await sdk.messages.create(ask('x'));
      assert.ok(Date.now() - started >= 190);
    });
  });

  describe('request checks', () => {
    it('requires anthropic-version', async () => {
      assertErrorBody(await post(standIn, '/v1/messages', ask('x'), { 'anthropic-version': '' }), 400, 'invalid_request_error', 'anthropic-version: header is required');
    });

    it('names the missing or wrong field', async () => {
      const { max_tokens: _m, ...noMax } = ask('x');
      assertErrorBody(await post(standIn, '/v1/messages', noMax), 400, 'invalid_request_error', 'max_tokens: Field required');
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), max_tokens: '10' }), 400, 'invalid_request_error', 'max_tokens: Input should be a valid integer');
      const { model: _model, ...noModel } = ask('x');
      assertErrorBody(await post(standIn, '/v1/messages', noModel), 400, 'invalid_request_error', 'model: Field required');
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), messages: [] }), 400, 'invalid_request_error', /^messages: /);
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), messages: 'hi' }), 400, 'invalid_request_error', 'messages: Input should be a valid list');
      assertErrorBody(await post(standIn, '/v1/messages', '{"model": '), 400, 'invalid_request_error', /invalid JSON/);
      assertErrorBody(await post(standIn, '/v1/messages', ask('x'), { 'content-type': 'text/plain' }), 400, 'invalid_request_error', /content-type/);
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), max_tokens: 500_000 }), 400, 'invalid_request_error', /^max_tokens: 500000 > 128000/);
    });

    it('rejects sampling parameters under 2026-10-21 only', async () => {
      // The SDK 1.x types have no temperature any more; a request file can still carry one.
      const withTemperature = { ...ask('x'), temperature: 0.5 };
      const error = await sdk.messages.create(withTemperature).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /temperature: Extra inputs are not permitted/);
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), top_k: 5 }, { 'anthropic-version': '2026-10-21' }), 400, 'invalid_request_error', 'top_k: Extra inputs are not permitted');
      assert.equal((await post(standIn, '/v1/messages', { ...ask('x'), temperature: 0.5, top_p: 0.9 })).status, 200);
    });

    it('accepts fields it does not know', async () => {
      const answer = await post(standIn, '/v1/messages', { ...ask('x'), future_field: { deep: [1, 2] }, speed: 'fast' });
      assert.equal(answer.status, 200);
    });

    it('answers 404 for an unknown model', async () => {
      const error = await sdk.messages.create({ ...ask('x'), model: 'claude-nonexistent-9' }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Anthropic.NotFoundError);
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), model: 'claude-nonexistent-9' }), 404, 'not_found_error', 'model: claude-nonexistent-9');
      assertErrorBody(await post(standIn, '/v1/messages', { ...ask('x'), model: 'claude-3-7-sonnet-20250219' }), 404, 'not_found_error', 'model: claude-3-7-sonnet-20250219');
    });

    it('answers 404 with the API body for unknown routes', async () => {
      assertErrorBody(await post(standIn, '/v1/nothing', {}), 404, 'not_found_error', 'Not Found');
      assertErrorBody(await get(standIn, '/v1/messages'), 404, 'not_found_error', 'Not Found');
    });
  });

  describe('authentication', () => {
    let guarded: StandIn;
    before(async () => {
      guarded = await startStandIn({ apiKey: 'sk-ant-right-key-00000' });
    });
    after(() => guarded.close());

    it('accepts the key as x-api-key or as a bearer token', async () => {
      assert.equal((await post(guarded, '/v1/messages', ask('x'), { 'x-api-key': 'sk-ant-right-key-00000' })).status, 200);
      const bearer = await fetch(`${guarded.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-ant-right-key-00000', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(ask('x')),
      });
      assert.equal(bearer.status, 200);
      await client(guarded, { apiKey: 'sk-ant-right-key-00000' }).messages.create(ask('x'));
    });

    it('refuses a wrong or missing key with 401 authentication_error', async () => {
      const wrong = await post(guarded, '/v1/messages', ask('x'), { 'x-api-key': 'sk-ant-wrong' });
      assertErrorBody(wrong, 401, 'authentication_error', 'invalid x-api-key');
      assert.equal(wrong.headers.get('x-should-retry'), 'false');
      const both = await post(guarded, '/v1/messages', ask('x'), { 'x-api-key': 'sk-ant-wrong', authorization: 'Bearer sk-ant-right-key-00000' });
      assertErrorBody(both, 401, 'authentication_error', 'invalid x-api-key');
      const missing = await fetch(`${standIn.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify(ask('x')) });
      assert.equal(missing.status, 401);
      await assert.rejects(client(guarded, { apiKey: 'sk-ant-wrong' }).messages.create(ask('x')), (e: unknown) => {
        assert.ok(e instanceof Anthropic.AuthenticationError);
        assert.equal(e.status, 401);
        assert.equal(e.type, 'authentication_error');
        return true;
      });
      assertErrorBody(await get(guarded, '/v1/models', { 'x-api-key': 'nope' }), 401, 'authentication_error');
    });

    it('refuses a browser request carrying Origin', async () => {
      assertErrorBody(await post(standIn, '/v1/messages', ask('x'), { origin: 'vscode-webview://abc' }), 401, 'authentication_error', /CORS requests are not allowed/);
    });
  });

  describe('models and count_tokens', () => {
    const listed = DEFAULT_MODELS.filter((m) => m.lifecycle !== 'retired').map((m) => m.id);

    it('paginates the models list through the SDK', async () => {
      const ids: string[] = [];
      for await (const model of sdk.models.list({ limit: 3 })) {
        ids.push(model.id);
        assert.equal(model.type, 'model');
        assert.ok(model.display_name && model.created_at && model.max_input_tokens && model.max_tokens);
      }
      assert.deepEqual(ids, listed);
      assert.equal(standIn.requests.length, Math.ceil(listed.length / 3));
      assert.ok(['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-haiku-4-5', 'claude-opus-4-8', 'claude-sonnet-5', 'claude-fable-5-1', 'claude-mythos-5-1'].every((id) => ids.includes(id)));
    });

    it('pages with after_id and before_id like the API', async () => {
      const first = (await get(standIn, '/v1/models?limit=2')).json as { data: { id: string }[]; has_more: boolean; first_id: string; last_id: string };
      assert.deepEqual(Object.keys(first), ['data', 'has_more', 'first_id', 'last_id']);
      assert.deepEqual(first.data.map((m) => m.id), listed.slice(0, 2));
      assert.equal(first.has_more, true);
      assert.equal(first.first_id, listed[0]);
      assert.equal(first.last_id, listed[1]);
      const next = (await get(standIn, `/v1/models?limit=2&after_id=${first.last_id}`)).json as { data: { id: string }[] };
      assert.deepEqual(next.data.map((m) => m.id), listed.slice(2, 4));
      const back = (await get(standIn, `/v1/models?limit=2&before_id=${listed[3]}`)).json as { data: { id: string }[]; has_more: boolean };
      assert.deepEqual(back.data.map((m) => m.id), listed.slice(1, 3));
      assert.equal(back.has_more, true);
      const all = (await get(standIn, '/v1/models')).json as { data: unknown[]; has_more: boolean };
      assert.equal(all.data.length, listed.length);
      assert.equal(all.has_more, false);
      const retired = (await get(standIn, '/v1/models?lifecycle[]=retired')).json as { data: { id: string }[] };
      assert.deepEqual(retired.data.map((m) => m.id), ['claude-3-7-sonnet-20250219']);
      assertErrorBody(await get(standIn, '/v1/models?limit=1001'), 400, 'invalid_request_error', 'limit: Input should be less than or equal to 1000');
    });

    it('retrieves one model, or 404', async () => {
      const model = await sdk.models.retrieve('claude-opus-5-5');
      assert.equal(model.display_name, 'Claude Opus 5.5');
      await assert.rejects(sdk.models.retrieve('claude-nope'), Anthropic.NotFoundError);
    });

    it('serves the models it is given', async () => {
      const custom = await startStandIn({ models: [{ id: 'claude-test-1', display_name: 'Test 1', max_tokens: 100 }] });
      try {
        const page = (await get(custom, '/v1/models')).json as { data: { id: string; max_tokens: number }[] };
        assert.deepEqual(page.data.map((m) => [m.id, m.max_tokens]), [['claude-test-1', 100]]);
        assert.equal((await post(custom, '/v1/messages', ask('x'))).status, 404);
        assert.equal((await post(custom, '/v1/messages', { ...ask('x'), model: 'claude-test-1', max_tokens: 50 })).status, 200);
      } finally {
        await custom.close();
      }
    });

    it('counts tokens the same way usage does', async () => {
      const params = ask('Count these words, please.', { system: 'Be brief.' });
      const counted = await sdk.messages.countTokens({ model: params.model, messages: params.messages, system: params.system });
      const answered = await sdk.messages.create(params);
      assert.ok(counted.input_tokens > 0);
      assert.equal(counted.input_tokens, answered.usage.input_tokens);
      const raw = await post(standIn, '/v1/messages/count_tokens', { model: MODEL, messages: params.messages, system: 'Be brief.' });
      assert.deepEqual(raw.json, { input_tokens: counted.input_tokens });
      assertErrorBody(await post(standIn, '/v1/messages/count_tokens', { messages: params.messages }), 400, 'invalid_request_error', 'model: Field required');
    });
  });

  describe('canned answers follow the request', () => {
    it('stops at a stop sequence', async () => {
      const message = await sdk.messages.create(ask('alpha STOP beta', { stop_sequences: ['beta', 'STOP'] }));
      assert.equal(message.stop_reason, 'stop_sequence');
      assert.equal(message.stop_sequence, 'STOP');
      assert.ok(message.content[0].type === 'text' && message.content[0].text.endsWith('alpha '));
    });

    it('is cut at max_tokens', async () => {
      const message = await sdk.messages.create(ask('a long question that gets a long answer', { max_tokens: 5 }));
      assert.equal(message.stop_reason, 'max_tokens');
      assert.equal(message.usage.output_tokens, 5);
      assert.ok(message.content[0].type === 'text' && message.content[0].text.length === 20);
    });

    it('acknowledges a tool result', async () => {
      const message = await sdk.messages.create({
        model: MODEL,
        max_tokens: 1024,
        messages: [
          { role: 'user', content: 'Use get_weather' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01XYZ', name: 'get_weather', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01XYZ', content: '18°C and sunny' }] },
        ],
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      });
      assert.equal(message.stop_reason, 'end_turn');
      assert.ok(message.content[0].type === 'text' && message.content[0].text.includes('18°C and sunny'));
    });

    it('forces a tool with tool_choice', async () => {
      const message = await sdk.messages.create(ask('no tool named here', {
        tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 3 } }, required: ['query', 'limit'] } }],
        tool_choice: { type: 'tool', name: 'lookup' },
      }));
      assert.deepEqual(message.content.map((b) => b.type), ['tool_use']);
      assert.ok(message.content[0].type === 'tool_use');
      assert.deepEqual(message.content[0].input, { query: 'no tool named here', limit: 3 });
    });
  });

  describe('directives', () => {
    it('overloaded, rate-limit, server-error, unauthorized, bad-request', async () => {
      const cases: [string, number, string][] = [
        ['overloaded', 529, 'overloaded_error'],
        ['rate-limit', 429, 'rate_limit_error'],
        ['server-error', 500, 'api_error'],
        ['unauthorized', 401, 'authentication_error'],
        ['bad-request', 400, 'invalid_request_error'],
      ];
      for (const [name, status, type] of cases) {
        const answer = await post(standIn, '/v1/messages', ask(`please [[stand-in: ${name}]]`));
        assertErrorBody(answer, status, type);
        if (name === 'rate-limit') {
          assert.equal(answer.headers.get('retry-after'), '1');
        }
      }
    });

    it('refusal carries stop_details, streamed or not', async () => {
      const json = await sdk.messages.create(ask('[[stand-in: refusal]]'));
      assert.equal(json.stop_reason, 'refusal');
      assert.equal(json.stop_details?.type, 'refusal');
      assert.equal(json.stop_details?.category, 'cyber');
      assert.ok(json.stop_details?.explanation);
      const streamed = await sdk.messages.stream(ask('[[stand-in: refusal]]')).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
    });

    it('max-tokens, pause-turn, context-window, empty', async () => {
      const cut = await sdk.messages.create(ask('[[stand-in: max-tokens]]', { max_tokens: 50 }));
      assert.equal(cut.stop_reason, 'max_tokens');
      assert.equal(cut.usage.output_tokens, 50);
      const paused = await sdk.messages.create(ask('[[stand-in: pause-turn]]'));
      assert.equal(paused.stop_reason, 'pause_turn');
      const full = await sdk.messages.create(ask('[[stand-in: context-window]]'));
      assert.equal(full.stop_reason, 'model_context_window_exceeded');
      const empty = await sdk.messages.create(ask('[[stand-in: empty]]'));
      assert.deepEqual(empty.content, []);
      assert.ok(empty.usage.output_tokens >= 1);
    });

    it('markdown holds what a panel must escape', async () => {
      const message = await sdk.messages.create(ask('[[stand-in: markdown]]'));
      const text = message.content[0].type === 'text' ? message.content[0].text : '';
      for (const needle of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '| Model |', '```typescript', '# ']) {
        assert.ok(text.includes(needle), needle);
      }
    });

    it('big:N answers about N KB, streamed in many deltas', async () => {
      const answer = await post(standIn, '/v1/messages', { ...ask('[[stand-in: big:256]]'), stream: true });
      const deltas = sseEvents(answer.text).filter((e) => e.event === 'content_block_delta');
      const text = deltas.map((e) => (e.data.delta as { text: string }).text).join('');
      assert.ok(Math.abs(Buffer.byteLength(text) - 256 * 1024) < 2048, `${Buffer.byteLength(text)} bytes`);
      assert.ok(deltas.length > 1000);
      assert.ok(text.startsWith('(stand-in) '));
    });

    it('usage-full sets every usage field, and streaming keeps them', async () => {
      const json = await sdk.messages.create(ask('[[stand-in: usage-full]]'));
      for (const [name, value] of Object.entries(json.usage)) {
        assert.notEqual(value, null, name);
      }
      assert.ok(json.usage.cache_creation!.ephemeral_1h_input_tokens > 0 && json.usage.cache_creation!.ephemeral_5m_input_tokens > 0);
      assert.ok(json.usage.server_tool_use!.web_search_requests > 0 && json.usage.server_tool_use!.web_fetch_requests > 0);
      assert.ok(json.usage.output_tokens_details!.thinking_tokens > 0);
      const streamed = await sdk.messages.stream(ask('[[stand-in: usage-full]]')).finalMessage();
      assert.deepEqual(comparable(streamed), comparable(json));
    });

    it('mid-stream-error, reset, hang and proxy-html', async () => {
      const stream = sdk.messages.stream(ask('[[stand-in: mid-stream-error]]'));
      let text = '';
      stream.on('text', (delta) => {
        text += delta;
      });
      await assert.rejects(stream.finalMessage(), (e: unknown) => e instanceof Anthropic.APIError && e.type === 'overloaded_error');
      assert.ok(text.startsWith('(stand-in)'));
      await assert.rejects(sdk.messages.create(ask('[[stand-in: reset]]')), Anthropic.APIConnectionError);
      await assert.rejects(client(standIn, { timeout: 200 }).messages.create(ask('[[stand-in: hang]]')), Anthropic.APIConnectionTimeoutError);
      const html = await post(standIn, '/v1/messages', ask('[[stand-in: proxy-html]]'));
      assert.equal(html.status, 502);
      assert.match(html.text, /<html>/);
    });

    it('names the known directives when given an unknown one', async () => {
      const message = await sdk.messages.create(ask('[[stand-in: nonsense]]'));
      assert.ok(message.content[0].type === 'text' && message.content[0].text.includes('all-blocks'));
    });
  });

  describe('main.js', () => {
    const main = path.join(__dirname, '..', '..', 'src', 'standIn', 'main.js');

    function run(args: string[]): { lines: Promise<string>; exit: Promise<{ code: number | null; stderr: string }>; kill: () => void } {
      const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const lines = new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) {
            resolve(out.split('\n')[0]);
          }
        });
        child.on('exit', () => resolve(out));
      });
      const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
      return { lines, exit, kill: () => child.kill('SIGTERM') };
    }

    it('prints where it listens, answers, and stops on SIGTERM', async () => {
      const proc = run(['--port', '0', '--quiet', '--key', 'sk-ant-cli-key-000000']);
      const line = await proc.lines;
      const match = /^Messages API stand-in listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      assert.ok(match, line);
      const response = await fetch(`${match[1]}/v1/models`, { headers: { 'x-api-key': 'sk-ant-cli-key-000000', 'anthropic-version': '2023-06-01' } });
      assert.equal(response.status, 200);
      proc.kill();
      assert.equal((await proc.exit).code, 0);
    });

    it('accepts the fixed stand-in key when given no --key, and refuses any other with the API\'s 401', async () => {
      const proc = run(['--port', '0', '--quiet', '--latency', '0']);
      try {
        const url = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(await proc.lines)?.[1];
        assert.ok(url);
        const ask_ = (headers: Record<string, string>) =>
          fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers }, body: JSON.stringify(ask('hi')) });
        assert.equal((await ask_({ 'x-api-key': STAND_IN_API_KEY })).status, 200);
        assert.equal((await ask_({ authorization: `Bearer ${STAND_IN_API_KEY}` })).status, 200);
        const message = await new Anthropic({ apiKey: STAND_IN_API_KEY, baseURL: url, maxRetries: 0 }).messages.create(ask('through the SDK'));
        assert.ok(message.content.length > 0);
        for (const wrong of [KEY, `${STAND_IN_API_KEY}x`, STAND_IN_API_KEY.toUpperCase()]) {
          const refused = await ask_({ 'x-api-key': wrong });
          const text = await refused.text();
          assert.equal(refused.status, 401);
          const body = JSON.parse(text) as { type: string; error: { type: string; message: string }; request_id: string };
          assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
          assert.equal(body.type, 'error');
          assert.deepEqual(body.error, { type: 'authentication_error', message: 'invalid x-api-key' });
          assert.equal(body.request_id, refused.headers.get('request-id'));
          assert.ok(!text.includes(wrong), 'the refused key is not echoed');
        }
        const models = await fetch(`${url}/v1/models`, { headers: { 'x-api-key': 'not-the-key', 'anthropic-version': '2023-06-01' } });
        assert.equal(models.status, 401);
      } finally {
        proc.kill();
        await proc.exit;
      }
    });

    it('answers at the families\' realistic pace by default, and at once with --latency 0', async () => {
      const timed = async (args: string[]): Promise<number> => {
        const proc = run(['--port', '0', '--quiet', ...args]);
        try {
          const url = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(await proc.lines)?.[1];
          const sdk_ = new Anthropic({ apiKey: STAND_IN_API_KEY, baseURL: url, maxRetries: 0 });
          await sdk_.messages.create(ask('warm up', { model: 'claude-haiku-5-5', max_tokens: 1 }));
          const started = Date.now();
          await sdk_.messages.create(ask('How long?', { model: 'claude-haiku-5-5' }));
          return Date.now() - started;
        } finally {
          proc.kill();
          await proc.exit;
        }
      };
      assert.ok((await timed([])) >= FAMILIES.haiku.firstTokenMs * 0.9, 'a Haiku-class answer takes at least its first-token time');
      assert.ok((await timed(['--latency', '0'])) < FAMILIES.haiku.firstTokenMs * 0.9);
    });

    it('refuses a bad --latency or an empty --key with exit 2 and a line naming it', async () => {
      for (const [args, pattern] of [
        [['--latency', 'fast'], /^--latency must be a number from 0 to 100 .*not "fast"$/],
        [['--latency=-1'], /^--latency must be a number/],
        [['--key', ''], /^--key must not be empty/],
      ] as [string[], RegExp][]) {
        const { code, stderr } = await run(args).exit;
        assert.equal(code, 2, args.join(' '));
        assert.match(stderr.trim(), pattern);
      }
    });

    it('exits 1 with a clear message when the port is taken', async () => {
      const proc = run(['--port', String(standIn.port)]);
      const { code, stderr } = await proc.exit;
      assert.equal(code, 1);
      assert.match(stderr.trim(), new RegExp(`^Port ${standIn.port} on 127\\.0\\.0\\.1 is already in use`));
      assert.equal(stderr.trim().split('\n').length, 1);
    });
  });
});

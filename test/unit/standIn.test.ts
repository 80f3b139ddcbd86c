// The Messages API stand-in, over real HTTP: raw bytes and headers with fetch, and what the official SDK makes of
// them. If the SDK parses the stand-in's answers the way it parses the real API's, tests built on it are honest.
// Here: its basics, chunking, request checks and authentication; streaming and errors in standInStreaming.test.ts;
// models, canned answers, directives and main.js in standInModels.test.ts.
import Anthropic from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { buildMessage } from '../../src/standIn/message';
import { chunkFrames, messageEvents, planStream } from '../../src/standIn/sse';
import { ask, assertErrorBody, client, comparable, get, KEY, MODEL, post, sseEvents, useStandInWithSdk } from '../support/standInRequests';

describe('Messages API stand-in', function () {
  let standIn: StandIn;
  let sdk: Anthropic;
  useStandInWithSdk((started) => ({ standIn, sdk } = started));

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
});

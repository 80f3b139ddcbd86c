// The Messages API stand-in's models and count_tokens, canned answers and directives (see standIn.test.ts; its
// command line is in standInMain.test.ts).
import Anthropic from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import { DEFAULT_MODELS, StandIn, startStandIn } from '../../src/standIn/server';
import { ask, assertErrorBody, client, comparable, get, MODEL, post, sseEvents, useStandInWithSdk } from '../support/standInRequests';

describe('Messages API stand-in, models and answers', function () {
  let standIn: StandIn;
  let sdk: Anthropic;
  useStandInWithSdk((started) => ({ standIn, sdk } = started));

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

    it('answers 400 invalid_request_error for a limit that is not plainly an integer, as the API does', async () => {
      // Number() took "" as the default, " 5 " as 5; none of these is an integer to the API.
      for (const limit of ['', '%205%20', '%2B5', '1e3', '0x10', '1_000', '2.0', 'ten']) {
        assertErrorBody(await get(standIn, `/v1/models?limit=${limit}`), 400, 'invalid_request_error', 'limit: Input should be a valid integer, unable to parse string as an integer');
      }
      assertErrorBody(await get(standIn, '/v1/models?limit=0'), 400, 'invalid_request_error', 'limit: Input should be greater than or equal to 1');
      assertErrorBody(await get(standIn, '/v1/models?limit=-3'), 400, 'invalid_request_error', 'limit: Input should be greater than or equal to 1');
      assert.equal(((await get(standIn, '/v1/models?limit=1000')).json as { data: unknown[] }).data.length, listed.length);
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
});

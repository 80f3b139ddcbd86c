// The Messages API stand-in's streams and errors, through the official SDK and as raw bytes (see standIn.test.ts).
import Anthropic from '@anthropic-ai/sdk';
import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import * as assert from 'node:assert/strict';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { ask, assertErrorBody, client, comparable, post, sseEvents, useStandInWithSdk } from '../support/standInRequests';

describe('Messages API stand-in, streams and errors', function () {
  let standIn: StandIn;
  let sdk: Anthropic;
  useStandInWithSdk((started) => ({ standIn, sdk } = started));

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
});

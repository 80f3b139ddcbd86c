// After a reload, a big answer comes back in two steps (the host's firstScreen.ts): its beginning, small, with the
// cut said in the text, then the whole record. The beginning never carries the big copies (raw body, curl, timeline).
import * as assert from 'node:assert/strict';
import { FIRST_SCREEN_LIMIT, firstScreenOf, needsFirstScreen, REST_LOADING } from '../../src/shared/firstScreen';
import type { CallRecord } from '../../src/shared/callRecord';

function finished(content: unknown[]): CallRecord {
  const message = { id: 'msg_1', type: 'message', role: 'assistant', content, stop_reason: 'end_turn' };
  return {
    id: 'call-1',
    startedAt: '2026-12-01T00:00:00.000Z',
    source: { kind: 'file', path: 'a.claude.json' },
    baseUrl: 'http://127.0.0.1:1',
    effectiveRequest: { model: 'claude-haiku-5-5', max_tokens: 10 },
    defaultsApplied: [],
    streamed: true,
    attempts: [],
    message,
    response: { status: 200, statusText: 'OK', headers: {}, body: JSON.stringify(message) },
    timeline: [{ ms: 1, type: 'message_start' } as never],
    curl: 'curl …',
    timing: {},
  } as CallRecord;
}

describe('panel: a big answer\'s first screen after a reload', () => {
  it('is for answers over the limit only', () => {
    assert.equal(needsFirstScreen(finished([{ type: 'text', text: 'short' }])), false);
    assert.equal(needsFirstScreen(finished([{ type: 'text', text: 'x'.repeat(FIRST_SCREEN_LIMIT) }])), true);
    assert.equal(needsFirstScreen({ ...finished([]), message: undefined }), false, 'an error without an answer');
  });

  it('keeps the blocks in order up to the cut, says the rest is loading, and leaves the big copies out', () => {
    const thinking = { type: 'thinking', thinking: 'Let me think.', signature: 'sig' };
    const first = { type: 'text', text: '# Heading\n\nThe first part.' };
    const long = { type: 'text', text: `${'A long line of the answer. '.repeat(100_000)}THE END` };
    const after = { type: 'text', text: 'Never reached.' };
    const record = finished([thinking, first, long, after]);
    const screen = firstScreenOf(record);
    const content = screen.message!.content as Array<{ type: string; text?: string }>;
    assert.deepEqual(content.slice(0, 2), [thinking, first]);
    assert.equal(content.length, 3, 'the blocks after the cut are left out');
    assert.ok(content[2]!.text!.startsWith('A long line of the answer.'));
    assert.ok(content[2]!.text!.endsWith(REST_LOADING));
    assert.ok(!content[2]!.text!.includes('THE END'));
    assert.ok(JSON.stringify(screen).length < 64 * 1024, `the first screen is ${JSON.stringify(screen).length} characters`);
    assert.equal(screen.response?.body, undefined);
    assert.equal(screen.curl, undefined);
    assert.deepEqual(screen.timeline, []);
    assert.equal(screen.response?.status, 200, 'the status and headers stay');
    // The kept record is not changed.
    assert.equal((record.message!.content as unknown[]).length, 4);
    assert.ok(record.response?.body && record.curl && record.timeline?.length === 1);
  });

  it('leaves a big request body out too (its views ask for it), and keeps a small one', () => {
    const big = { ...finished([{ type: 'text', text: 'x'.repeat(FIRST_SCREEN_LIMIT) }]) };
    big.request = { method: 'POST', url: 'http://127.0.0.1:1/v1/messages', headers: {}, body: JSON.stringify({ messages: [{ role: 'user', content: 'y'.repeat(400 * 1024) }] }) };
    big.effectiveRequest = { model: 'claude-haiku-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'y'.repeat(400 * 1024) }] };
    const screen = firstScreenOf(big);
    assert.equal(screen.request?.body, '');
    assert.deepEqual(screen.effectiveRequest, { model: 'claude-haiku-5-5', max_tokens: 10 });
    assert.ok(JSON.stringify(screen).length < 64 * 1024);
    const small = { ...big, request: { ...big.request, body: '{"messages":[]}' } };
    assert.equal(firstScreenOf(small).request?.body, '{"messages":[]}');
  });
});

// The host's side of "big bodies travel once, state stays small": what a message to the panel carries for a big
// call, and the recent calls a reloaded panel asks for (kept across an extension-host restart when big).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_BODY_CHARS, slimForPanel } from '../../src/extension/panel/bodyOnce';
import { curlOf } from '../../src/core/code/curl';
import { RecentCalls } from '../../src/extension/panel/recentCalls';
import type { CallRecord } from '../../src/shared/callRecord';

function call(id: string, contentChars: number): CallRecord {
  const effectiveRequest = { model: 'claude-haiku-5-5', max_tokens: 99, thinking: { type: 'adaptive' }, messages: [{ role: 'user', content: 'x'.repeat(contentChars) }] };
  const body = JSON.stringify(effectiveRequest);
  return {
    id,
    startedAt: '2026-11-30T00:00:00.000Z',
    source: { kind: 'file', path: '/tmp/a.claude.json' },
    baseUrl: 'http://127.0.0.1:1',
    effectiveRequest,
    defaultsApplied: [],
    streamed: false,
    request: { method: 'POST', url: 'http://127.0.0.1:1/v1/messages', headers: { 'content-type': 'application/json' }, body },
    attempts: [],
    timing: {},
  } as CallRecord;
}

describe('panel: big bodies once, recent calls', function () {
  this.timeout(30_000);

  it('a big call starts with the small fields only, and ends without the body once the panel has it', () => {
    for (const chars of [BIG_BODY_CHARS + 1, 3 * 1024 * 1024]) {
      const record = call(`big-${chars}`, chars);
      const started = slimForPanel({ type: 'callStarted', record }, () => false);
      assert.equal(started.type === 'callStarted' && started.trimmed, true);
      assert.deepEqual(started.type === 'callStarted' && started.record.effectiveRequest, { model: 'claude-haiku-5-5', max_tokens: 99, thinking: { type: 'adaptive' } });
      const finishedNew = slimForPanel({ type: 'callFinished', record }, () => false);
      assert.equal(finishedNew.type === 'callFinished' && finishedNew.record.request?.body, record.request?.body, 'a panel without the body gets it');
      const finished = slimForPanel({ type: 'callFinished', record }, (id) => id === record.id);
      assert.equal(finished.type === 'callFinished' && finished.trimmed, true);
      assert.equal(finished.type === 'callFinished' && finished.record.request?.body, '');
      assert.ok(JSON.stringify(finished).length < 4096);
      // The record itself is not changed: the host keeps it whole.
      assert.equal(record.request?.body.length, JSON.stringify(record.effectiveRequest).length);
    }
  });

  it('a 5 MB request crosses once: the final record has neither its body nor its curl (which holds the body again)', () => {
    const record = call('big-request', 5 * 1024 * 1024);
    record.curl = curlOf(record.request!, { streamed: false }).command;
    assert.ok(record.curl.length > 5 * 1024 * 1024);
    const finished = slimForPanel({ type: 'callFinished', record }, (id) => id === record.id);
    assert.ok(JSON.stringify(finished).length < 4096, `callFinished is ${JSON.stringify(finished).length} characters`);
    assert.equal(finished.type === 'callFinished' && finished.record.curl, undefined);
    assert.ok(record.curl.length > 5 * 1024 * 1024, 'the kept record is not changed');
    // A panel without the body (after a reload) gets it once: in the request, not again in the curl.
    const whole = slimForPanel({ type: 'callFinished', record }, () => false);
    const size = JSON.stringify(whole).length;
    assert.ok(size < record.request!.body.length + 4096, `callFinished is ${size} characters for a ${record.request!.body.length} body`);
    assert.equal(whole.type === 'callFinished' && whole.record.curl, undefined);
    assert.equal(whole.type === 'callFinished' && whole.record.request?.body, record.request!.body);
    assert.deepEqual(whole.type === 'callFinished' && whole.record.effectiveRequest, { model: 'claude-haiku-5-5', max_tokens: 99, thinking: { type: 'adaptive' } });
  });

  it('a 5 MB answer that was not streamed crosses once: its message, not its raw body too', () => {
    const text = 'y'.repeat(5 * 1024 * 1024);
    const message = { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'text', text }], stop_reason: 'end_turn' };
    const record = { ...call('big-answer', 10), message, response: { status: 200, statusText: 'OK', headers: {}, body: JSON.stringify(message, null, 1) } } as CallRecord;
    for (const type of ['callFinished', 'showRecord'] as const) {
      const posted = slimForPanel({ type, record }, () => true);
      const size = JSON.stringify(posted).length;
      assert.ok(size < text.length + 64 * 1024, `${type} is ${size} characters for a ${text.length} answer`);
      assert.equal(posted.type === type && posted.record.response?.body, undefined);
      assert.equal(posted.type === type && posted.record.response?.status, 200);
      assert.deepEqual(posted.type === type && posted.record.message, message);
    }
    assert.equal(record.response?.body?.length, JSON.stringify(message, null, 1).length, 'the kept record is not changed');
    // A streamed answer has no raw body; a small one keeps it.
    const small = { ...record, message: { ...message, content: [] }, response: { ...record.response!, body: '{}' } };
    assert.deepEqual(slimForPanel({ type: 'callFinished', record: small }, () => true), { type: 'callFinished', record: small });
  });

  it('a small call goes as it is', () => {
    const record = call('small', 1000);
    assert.deepEqual(slimForPanel({ type: 'callStarted', record }, () => true), { type: 'callStarted', record });
    assert.deepEqual(slimForPanel({ type: 'callFinished', record }, () => true), { type: 'callFinished', record });
  });

  it('keeps recent calls in memory, and the last big one on disk for after a restart', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-recent-'));
    try {
      const calls = new RecentCalls(folder);
      const big = call('big', 2 * 1024 * 1024);
      const small = call('small', 10);
      calls.remember(big);
      calls.remember(small);
      assert.equal((await calls.find('big'))?.id, 'big');
      assert.equal((await calls.find('small'))?.id, 'small');
      assert.equal(await calls.find('never'), undefined);
      const later = new RecentCalls(folder);
      assert.deepEqual(await later.find('big'), big);
      // The small one was not written: the webview's state holds it.
      assert.equal(await later.find('small'), undefined);
      assert.deepEqual(fs.readdirSync(folder), ['last-call.json']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

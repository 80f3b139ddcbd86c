// The host's side of "big bodies travel once, state stays small": what a message to the panel carries for a big
// call, and the recent calls a reloaded panel asks for (kept across an extension-host restart when big).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { slimForPanel } from '../../src/extension/panel/bodyOnce';
import { BIG_BODY_CHARS } from '../../src/shared/bigBody';
import { curlOf } from '../../src/core/code/curl';
import { RecentCalls, WRITE_DELAY_MS } from '../../src/extension/panel/recentCalls';
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

  it('a big call starts with the small fields only, its attempt and its end come without the body unless the panel asked for it', () => {
    for (const chars of [BIG_BODY_CHARS + 1, 3 * 1024 * 1024]) {
      const record = call(`big-${chars}`, chars);
      const started = slimForPanel({ type: 'callStarted', record }, () => false);
      assert.equal(started.type === 'callStarted' && started.trimmed, true);
      assert.deepEqual(started.type === 'callStarted' && started.record.effectiveRequest, { model: 'claude-haiku-5-5', max_tokens: 99, thinking: { type: 'adaptive' } });
      const attempt = slimForPanel({ type: 'attempt', callId: record.id, attempt: { number: 1 } as never, request: record.request! }, () => false);
      assert.equal(attempt.type === 'attempt' && attempt.bodyWithheld, true);
      assert.equal(attempt.type === 'attempt' && attempt.request.body, '');
      assert.ok(JSON.stringify(attempt).length < 4096, 'the attempt is small: the answer that follows it is not held up');
      const finishedNew = slimForPanel({ type: 'callFinished', record }, () => false);
      assert.equal(finishedNew.type === 'callFinished' && finishedNew.bodyWithheld, true, 'a panel without the body is told it was withheld');
      assert.equal(finishedNew.type === 'callFinished' && finishedNew.record.request?.body, '');
      assert.ok(JSON.stringify(finishedNew).length < 4096);
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
    // A panel without the body (after a reload, or one that never opened a view of it) is told it was withheld: its
    // views ask for it, once.
    for (const type of ['callFinished', 'showRecord'] as const) {
      const whole = slimForPanel({ type, record }, () => false);
      assert.ok(JSON.stringify(whole).length < 4096, `${type} is ${JSON.stringify(whole).length} characters`);
      assert.equal(whole.type === type && whole.bodyWithheld, true);
      assert.equal(whole.type === type && whole.record.curl, undefined);
      assert.deepEqual(whole.type === type && whole.record.effectiveRequest, { model: 'claude-haiku-5-5', max_tokens: 99, thinking: { type: 'adaptive' } });
    }
    const small = call('small-request', 100);
    const smallAttempt = slimForPanel({ type: 'attempt', callId: small.id, attempt: { number: 1 } as never, request: small.request! }, () => false);
    assert.equal(smallAttempt.type === 'attempt' && smallAttempt.request.body, small.request!.body, 'a small body goes with its attempt');
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

  it('keeps recent calls in memory, and the last big one on disk for after a restart (written as the extension stops)', async () => {
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
      calls.dispose();
      const later = new RecentCalls(folder);
      assert.deepEqual(await later.find('big'), big);
      // The small one was not written: the webview's state holds it.
      assert.equal(await later.find('small'), undefined);
      assert.deepEqual(fs.readdirSync(folder).sort(), ['last-call.first.json', 'last-call.json']);
      assert.equal(await later.firstScreen('big'), undefined, 'a big request with a small answer has no first screen');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('writes the last big call a moment after calls end, not as one ends; of big calls in a row, the last', async () => {
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claude-recent-')), 'not-yet-made');
    try {
      const calls = new RecentCalls(folder);
      calls.remember(call('first', 1024 * 1024));
      calls.remember(call('second', 1024 * 1024));
      assert.equal(fs.existsSync(folder), false, 'nothing is written as the call ends');
      const deadline = Date.now() + WRITE_DELAY_MS + 10_000;
      while (!fs.existsSync(path.join(folder, 'last-call.json')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const later = new RecentCalls(folder);
      assert.equal((await later.find('second'))?.id, 'second');
      assert.equal(await later.find('first'), undefined);
      calls.dispose();
      assert.deepEqual(fs.readdirSync(folder).sort(), ['last-call.first.json', 'last-call.json'], 'nothing left to write, no temporary file');
    } finally {
      fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    }
  });

  it('keeps a big answer\'s first screen beside it: after a restart it is read without the whole', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-recent-'));
    try {
      const calls = new RecentCalls(folder);
      const big = { ...call('big-answer', 10), message: { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'text', text: `# Title\n\n${'word '.repeat(200_000)}` }] } } as CallRecord;
      calls.remember(big);
      const inMemory = await calls.firstScreen('big-answer');
      assert.ok(inMemory && JSON.stringify(inMemory).length < 64 * 1024);
      calls.dispose();
      const later = new RecentCalls(folder);
      assert.deepEqual(await later.firstScreen('big-answer'), inMemory);
      assert.ok(fs.statSync(path.join(folder, 'last-call.first.json')).size < 64 * 1024);
      assert.equal(await later.firstScreen('another'), undefined);
      assert.deepEqual(await later.find('big-answer'), big);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

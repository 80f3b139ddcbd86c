// The host's side of "big bodies travel once, state stays small": what a message to the panel carries for a big
// call, and the recent calls a reloaded panel asks for (kept across an extension-host restart when big).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIG_BODY_CHARS, slimForPanel } from '../../src/extension/panel/bodyOnce';
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

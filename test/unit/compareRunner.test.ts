// core/compare/runner.ts over real HTTP against the stand-in: the runs as planned, a failing model that does not stop
// the others, the concurrency bound, the callbacks a face follows, and Cancel that never sends what waits.
import * as assert from 'node:assert/strict';
import { runComparison } from '../../src/core/compare/runner';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import type { ComparisonRun } from '../../src/shared/modelCompare/comparison';
import { StandIn, startStandIn } from '../../src/standIn/server';

const KEY = ['sk', 'ant', 'fake', 'runner', 'test', 'key', '0000'].join('-');

describe('compare runner', function () {
  this.timeout(30_000);
  let standIn: StandIn;
  const request = effectiveRequest({ messages: [{ role: 'user', content: 'Compare us.' }], stream: false }, { model: 'x', maxTokens: 200, stream: false });
  const options = () => ({ apiKey: KEY, baseUrl: standIn.url, source: { kind: 'cli' as const }, maxRetries: 0 });

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY, latency: 0.05 });
  });
  beforeEach(() => standIn.reset());
  after(() => standIn.close());

  it('sends every model its runs, streamed, run 1 of each first; a failing model is kept with its error', async () => {
    const finished: string[] = [];
    const started: string[] = [];
    let events = 0;
    const comparison = await runComparison(request, {
      ...options(),
      models: ['claude-haiku-5-5', 'claude-missing', 'claude-opus-5-5'],
      runsPerModel: 2,
      concurrency: 1,
      onRunStart: (run) => started.push(`${run.model}/${run.run}`),
      onRunEvent: () => events++,
      onRunFinish: (run) => finished.push(`${run.model}/${run.run}:${run.status}`),
    });
    assert.deepEqual(started, ['claude-haiku-5-5/1', 'claude-missing/1', 'claude-opus-5-5/1', 'claude-haiku-5-5/2', 'claude-missing/2', 'claude-opus-5-5/2']);
    assert.deepEqual(finished, started.map((s) => `${s}:${s.startsWith('claude-missing') ? 'failed' : 'ok'}`));
    assert.ok(events > 0, 'the events of each stream are told');
    const sent = standIn.requests.map((r) => r.json as { model: string; stream: boolean });
    assert.deepEqual(sent.map((b) => b.model), ['claude-haiku-5-5', 'claude-missing', 'claude-opus-5-5', 'claude-haiku-5-5', 'claude-missing', 'claude-opus-5-5']);
    assert.ok(sent.every((b) => b.stream === true), 'streamed, though the file says "stream": false');
    const failed = comparison.runs.find((r) => r.model === 'claude-missing')!;
    assert.equal(failed.record?.error?.status, 404);
    assert.ok(comparison.runs.filter((r) => r.status === 'ok').every((r) => r.record!.timing.firstTokenMs! > 0 && r.record!.message));
    assert.ok(comparison.finishedAt);
  });

  for (const concurrency of [1, 3, 8]) {
    it(`keeps at most ${concurrency} runs out at once`, async () => {
      let out = 0;
      let most = 0;
      await runComparison(request, {
        ...options(),
        models: ['claude-haiku-5-5', 'claude-sonnet-5-5'],
        runsPerModel: 3,
        concurrency,
        onRunStart: () => (most = Math.max(most, ++out)),
        onRunFinish: (run: ComparisonRun) => run.status !== 'waiting' && out--,
      });
      const bound = Math.min(concurrency, 6);
      assert.equal(most, bound, 'as the runner counts');
      // The stand-in sees at most as many (short answers may end before the last of a wave arrives).
      assert.ok(standIn.maxInFlight >= 1 && standIn.maxInFlight <= bound, `the stand-in saw ${standIn.maxInFlight}`);
    });
  }

  it('Cancel stops the runs out and never sends the ones waiting', async () => {
    const controller = new AbortController();
    const slow = effectiveRequest({ messages: [{ role: 'user', content: 'Slowly. [[stand-in: slow]]' }] }, { model: 'x', maxTokens: 200, stream: true });
    const running = runComparison(slow, { ...options(), models: ['claude-haiku-5-5', 'claude-opus-5-5'], runsPerModel: 3, concurrency: 2, signal: controller.signal });
    const started = Date.now();
    while (standIn.inFlight < 2 && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    const comparison = await running;
    assert.ok(Date.now() - started < 4000, 'over well before the slow answers would be');
    assert.deepEqual(comparison.runs.map((r) => r.status), ['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    assert.equal(comparison.runs.filter((r) => r.record).length, 2, 'only the two sent have a record');
    assert.equal(standIn.requests.length, 2);
  });

  it('refuses what cannot be compared before sending anything', async () => {
    await assert.rejects(runComparison(request, { ...options(), models: [], runsPerModel: 1 }), /at least one model/);
    await assert.rejects(runComparison(request, { ...options(), models: ['a'], runsPerModel: 1, concurrency: 0 }), /concurrency/);
    assert.equal(standIn.requests.length, 0);
  });
});

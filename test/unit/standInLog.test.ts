// The stand-in's log of received requests stays bounded: the last 100 whole, older bodies dropped past 64 MB.
import * as assert from 'node:assert/strict';
import { KEPT_REQUESTS, remember } from '../../src/standIn/requestLog';
import { startStandIn, type ReceivedRequest, type StandIn } from '../../src/standIn/server';

function request(n: number, bodyLength: number): ReceivedRequest {
  return { method: 'POST', path: '/v1/messages', query: {}, headers: { 'x-n': String(n) }, body: 'x'.repeat(bodyLength), json: { n }, at: n };
}

describe('stand-in: the log of requests', function () {
  this.timeout(30_000);
  let standIn: StandIn;

  before(async () => {
    standIn = await startStandIn({});
  });
  after(() => standIn?.close());

  it(`keeps the last ${KEPT_REQUESTS} requests received over HTTP, newest last`, async () => {
    const sent = KEPT_REQUESTS + 23;
    for (let i = 0; i < sent; i++) {
      await fetch(`${standIn.url}/v1/models?n=${i}`, { headers: { 'x-api-key': 'stand-in-not-a-real-key', 'anthropic-version': '2023-06-01' } });
    }
    assert.equal(standIn.requests.length, KEPT_REQUESTS);
    assert.deepEqual(standIn.requests.map((r) => Number(r.query.n)), Array.from({ length: KEPT_REQUESTS }, (_, i) => sent - KEPT_REQUESTS + i));
  });

  it('drops the bodies of older requests once the kept bodies pass the byte budget, never the newest', () => {
    for (const [count, size, budget] of [[30, 100, 1000], [5, 5000, 1000], [50, 7, 100], [10, 0, 0]]) {
      const log: ReceivedRequest[] = [];
      for (let n = 0; n < count; n++) {
        remember(log, request(n, size), { requests: 20, bodyBytes: budget });
      }
      const context = `${count} bodies of ${size} bytes, budget ${budget}`;
      assert.equal(log.length, Math.min(count, 20), context);
      assert.equal(log[log.length - 1].body.length, size, `${context}: the newest is whole`);
      const kept = log.filter((r) => r.bodyDropped === undefined);
      const keptBytes = kept.reduce((sum, r) => sum + r.body.length, 0);
      assert.ok(kept.length === 1 || keptBytes <= budget, `${context}: ${keptBytes} bytes kept`);
      // The kept ones are the newest ones: no whole body is older than a dropped one.
      const firstKept = log.findIndex((r) => r.bodyDropped === undefined);
      assert.ok(log.slice(firstKept).every((r) => r.bodyDropped === undefined), context);
      for (const dropped of log.filter((r) => r.bodyDropped !== undefined)) {
        assert.equal(dropped.body, '', context);
        assert.equal(dropped.json, undefined, context);
        assert.equal(dropped.bodyDropped, size, context);
        assert.ok(dropped.headers['x-n'], `${context}: the rest of a dropped one stays`);
      }
    }
  });
});

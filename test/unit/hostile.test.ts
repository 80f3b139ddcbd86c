// Every fault of the hostile server, through the core: the call ends, says what happened, keeps what arrived, and
// never holds the key.
import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../src/shared/callRecord';
import { sendMessage } from '../../src/core/client';
import { countTokens } from '../../src/core/countTokens';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { listModels } from '../../src/core/models';
import { describeRetry, RetryNotice } from '../../src/core/capture/retry';
import { HostileServer, startHostileServer, wholeAnswer } from '../hostile/server';
import { Call, caseName, CASES, HostileCase, Outcome, sentinelKey } from './hostileCases';

const KEY = sentinelKey();
const TIMEOUT_MS = 1000;

function request(stream: boolean) {
  return effectiveRequest({ messages: [{ role: 'user', content: 'Hello hostile server' }] }, { model: 'claude-sonnet-5-5', maxTokens: 64, stream });
}

function fromRecord(record: CallRecord): Outcome {
  return {
    error: record.error,
    message: record.message,
    body: record.response?.body,
    incomplete: record.incomplete,
    partialToolInputs: record.partialToolInputs,
    attempts: record.attempts,
    request: record.request,
  };
}

/** Runs one call through the core; returns what it ended with and everything it produced, for the key check. */
async function run(c: HostileCase, baseUrl: string, onRetry: (n: RetryNotice) => void): Promise<{ outcome: Outcome; everything: string }> {
  const options = { apiKey: KEY, baseUrl, timeoutMs: TIMEOUT_MS, maxRetries: 2, ...c.options, onRetry };
  const call: Call = c.call;
  if (call === 'send' || call === 'stream') {
    const record = await sendMessage(request(call === 'stream'), { ...options, source: { kind: 'cli' } });
    return { outcome: fromRecord(record), everything: JSON.stringify(record) };
  }
  if (call === 'count') {
    const result = await countTokens(request(false).body, options);
    return { outcome: { error: result.ok ? undefined : result.error, body: result.ok ? undefined : result.response?.body }, everything: JSON.stringify(result) };
  }
  const result = await listModels(options);
  return { outcome: { error: result.ok ? undefined : result.error }, everything: JSON.stringify(result) };
}

describe('the core against the hostile server', function () {
  this.timeout(20000);
  let server: HostileServer;

  before(async () => {
    server = await startHostileServer();
  });
  after(() => server.close());

  for (const c of CASES) {
    it(caseName(c), async () => {
      const notices: string[] = [];
      const started = Date.now();
      const { outcome, everything } = await run(c, `${server.url}/${c.fault}`, (n) => notices.push(describeRetry(n)));
      const took = Date.now() - started;
      assert.ok(took < 8000, `the call ended (after ${took} ms)`);
      if (c.code === 0) {
        assert.equal(outcome.error, undefined, `no error: ${outcome.error?.message}`);
      } else {
        assert.equal(outcome.error?.kind, c.kind, `kind ${outcome.error?.kind}: ${outcome.error?.message}`);
        if (c.message) {
          assert.match(outcome.error?.message ?? '', c.message);
        }
        assert.doesNotMatch(outcome.error?.message ?? '', /no error body/);
      }
      c.kept?.(outcome);
      if (c.announced) {
        assert.deepEqual(notices, c.announced);
      }
      assert.ok(!everything.includes(KEY), 'the key appears nowhere in what the core returned');
    });
  }

  it('sends nothing to another origin on a redirect', async () => {
    await run({ fault: 'redirect-other-origin', call: 'send', code: 1 }, `${server.url}/redirect-other-origin`, () => undefined);
    assert.ok(!server.requests.some((r) => r.fault === 'landed'), 'no request reached the redirect target');
  });

  it('waits out a retry-after below the cap, and Cancel ends the wait at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const notices: RetryNotice[] = [];
    const record = await sendMessage(request(false), {
      apiKey: KEY,
      baseUrl: `${server.url}/retry-after-long`,
      timeoutMs: TIMEOUT_MS,
      maxRetries: 2,
      source: { kind: 'cli' },
      signal: controller.signal,
      onRetry: (n) => {
        notices.push(n);
        setTimeout(() => controller.abort(), 100);
      },
    });
    assert.ok(Date.now() - started < 3000, 'the 30 s wait was cancelled');
    assert.equal(record.error?.kind, 'cancelled');
    assert.equal(describeRetry(notices[0]), '429 rate_limit_error, retrying in 30 s (attempt 2 of 3)');
    assert.equal(record.attempts[0].waitMs, 30000);
  });

  it('refuses a timeout a timer cannot hold, zero, negative or not a number, and sends nothing', async () => {
    const before = server.requests.length;
    for (const timeoutMs of [2 ** 31, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const record = await sendMessage(request(false), { apiKey: KEY, baseUrl: `${server.url}/ok`, timeoutMs, source: { kind: 'cli' } });
      assert.equal(record.error?.kind, 'client', `timeout ${timeoutMs}`);
      assert.match(record.error?.message ?? '', /timeout must be/);
      const count = await countTokens(request(false).body, { apiKey: KEY, baseUrl: `${server.url}/ok`, timeoutMs });
      assert.equal(count.ok, false);
      const models = await listModels({ apiKey: KEY, baseUrl: `${server.url}/ok`, timeoutMs });
      assert.equal(models.ok, false);
    }
    assert.equal(server.requests.length, before, 'nothing was sent');
  });

  // Cut at every kind of place (inside a name, a JSON string, an escape, between events, inside a multi-byte
  // character), by a seeded choice of offsets: the call always ends with an error that says why, and what is kept
  // is a prefix of what was sent.
  for (const stream of [true, false]) {
    it(`keeps what arrived when a ${stream ? 'stream' : 'JSON body'} is cut or reset at any byte`, async function () {
      this.timeout(60000);
      const whole = Buffer.from(wholeAnswer(stream));
      let seed = 20261130;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const offsets = [0, 1, whole.length - 1, ...Array.from({ length: 25 }, () => Math.floor(random() * whole.length))];
      const fullText = 'Let me check the weather.';
      for (const [i, at] of offsets.entries()) {
        const how = i % 2 === 0 ? 'cut' : 'reset';
        const record = await sendMessage(request(stream), { apiKey: KEY, baseUrl: `${server.url}/${how}-${at}`, timeoutMs: TIMEOUT_MS, maxRetries: 0, source: { kind: 'cli' } });
        const label = `${how} at ${at} of ${whole.length}: ${record.error?.message}`;
        assert.ok(record.error, label);
        assert.ok(['unexpected-response', 'network'].includes(record.error.kind), label);
        if (stream) {
          const text = String(((record.message?.content as { text?: string }[] | undefined)?.[0] ?? {}).text ?? '');
          assert.ok(fullText.startsWith(text), `the text kept is a prefix of what was sent (${label})`);
          if (record.message) {
            assert.equal(record.incomplete, true, label);
          }
          const tool = (record.message?.content as { input?: unknown }[] | undefined)?.[1];
          if (tool && typeof tool.input === 'string') {
            assert.ok('{"city": "Paris", "unit": "celsius"}'.startsWith(tool.input), `raw tool input is a prefix (${label})`);
          }
        } else {
          const received = record.response?.body ?? '';
          assert.ok(whole.toString().startsWith(received.replace(/\uFFFD$/, '')), `the body kept is what was sent (${label})`);
        }
      }
      const complete = await sendMessage(request(stream), { apiKey: KEY, baseUrl: `${server.url}/cut-${whole.length}`, timeoutMs: TIMEOUT_MS, source: { kind: 'cli' } });
      assert.equal(complete.error, undefined, `the whole answer is fine: ${complete.error?.message}`);
    });
  }

  // A body that only the connection's end ends (no length, no chunked encoding): the HTTP client ends it as whole on
  // a reset as on a clean close. At any byte, a reset is said to be one (and what arrived is kept), a close never is.
  for (const stream of [true, false]) {
    it(`tells a reset from a clean close when a ${stream ? 'stream' : 'JSON body'} without a length is cut at any byte`, async function () {
      this.timeout(60000);
      const whole = Buffer.from(wholeAnswer(stream));
      let seed = 20261201;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const offsets = [1, whole.length - 1, ...Array.from({ length: 10 }, () => 1 + Math.floor(random() * (whole.length - 1)))];
      for (const at of offsets) {
        for (const how of ['cut', 'reset'] as const) {
          const record = await sendMessage(request(stream), { apiKey: KEY, baseUrl: `${server.url}/${how}-unframed-${at}`, timeoutMs: TIMEOUT_MS, maxRetries: 0, source: { kind: 'cli' } });
          const label = `${how} at ${at} of ${whole.length}: ${record.error?.message}`;
          assert.ok(record.error, label);
          if (how === 'reset') {
            assert.equal(record.error.kind, 'network', label);
            assert.match(record.error.message, /ECONNRESET/, label);
          } else {
            assert.equal(record.error.kind, 'unexpected-response', label);
            assert.doesNotMatch(record.error.message, /ECONNRESET|connection broke/, label);
          }
          const kept = stream ? String(((record.message?.content as { text?: string }[] | undefined)?.[0] ?? {}).text ?? '') : (record.response?.body ?? '').replace(/\uFFFD$/, '');
          assert.ok((stream ? 'Let me check the weather.' : whole.toString()).startsWith(kept), `what is kept is a prefix of what was sent (${label})`);
        }
      }
      const complete = await sendMessage(request(stream), { apiKey: KEY, baseUrl: `${server.url}/cut-unframed-${whole.length}`, timeoutMs: TIMEOUT_MS, source: { kind: 'cli' } });
      assert.equal(complete.error, undefined, `the whole answer, ended by a clean close, is fine: ${complete.error?.message}`);
    });
  }

  it('stops a body without end before memory runs out, JSON or streamed', async function () {
    this.timeout(60000);
    // The default caps are 64 and 256 MiB; a 5 MiB cap tests the same mechanism in a fraction of the time.
    for (const stream of [false, true]) {
      const record = await sendMessage(request(stream), {
        apiKey: KEY,
        baseUrl: `${server.url}/endless-body`,
        timeoutMs: 10000,
        maxRetries: 0,
        maxBodyBytes: 5 * 2 ** 20,
        source: { kind: 'cli' },
      });
      assert.equal(record.error?.kind, 'unexpected-response', record.error?.message);
      assert.match(record.error?.message ?? '', /the body passed 5 MiB .* and was stopped/);
      if (stream) {
        assert.ok(String((record.message?.content as { text?: string }[])[0].text).length > 1000, 'what arrived is kept');
      }
    }
  });

  it('stops a stalled body within the timeout, not at the end of the body', async () => {
    const started = Date.now();
    const record = await sendMessage(request(false), { apiKey: KEY, baseUrl: `${server.url}/stall-json`, timeoutMs: 300, source: { kind: 'cli' } });
    const took = Date.now() - started;
    assert.ok(took >= 280 && took < 1500, `ended after ${took} ms`);
    assert.match(record.error?.message ?? '', /no data for 0\.3 s after the headers/);
  });
});

// core/connection.ts: the one check of where and how calls go, for the extension's settings and the CLI's flags.
import * as assert from 'node:assert/strict';
import { resolveConnection, usableBaseUrl } from '../../src/core/connection';

const LIMITS = { timeoutMs: 10_000, maxRetries: 2, maxRetryWaitMs: 60_000 };
const SECRET = 'pa55-not-a-real-secret';
const BAD = [
  { url: `http://user:${SECRET}@127.0.0.1:9`, reason: /credentials/ },
  { url: `http://127.0.0.1:9/?token=${SECRET}`, reason: /query/ },
  { url: `http://127.0.0.1:9#${SECRET}`, reason: /fragment/ },
  { url: `ftp://127.0.0.1/${SECRET}`, reason: /http:\/\/ or https:\/\// },
  { url: `http://127.0.0.1/${SECRET} x`, reason: /spaces or control characters/ },
];

describe('connection', () => {
  it('takes the given base URL, else ANTHROPIC_BASE_URL, else the API\'s own, without a trailing slash', () => {
    assert.deepEqual(usableBaseUrl(' http://127.0.0.1:8080/ ', { ANTHROPIC_BASE_URL: 'http://env' }), { ok: true, url: 'http://127.0.0.1:8080' });
    assert.deepEqual(usableBaseUrl('', { ANTHROPIC_BASE_URL: 'http://env/' }), { ok: true, url: 'http://env' });
    assert.deepEqual(usableBaseUrl(undefined, {}), { ok: true, url: 'https://api.anthropic.com' });
  });

  it('refuses an unusable base URL, saying where it came from and why, never repeating it', () => {
    for (const { url, reason } of BAD) {
      for (const [given, env, origin] of [[url, {}, 'given'], [undefined, { ANTHROPIC_BASE_URL: url }, 'environment']] as const) {
        const result = resolveConnection({ baseUrl: given, ...LIMITS }, env);
        assert.ok(!result.ok && result.at === 'baseUrl', url);
        assert.equal(result.origin, origin, url);
        assert.match(result.problem, reason, url);
        assert.ok(!result.problem.includes(SECRET), result.problem);
      }
    }
  });

  it('refuses limits a timer or the capture cannot hold, and passes the rest on as given', () => {
    for (const limits of [{ timeoutMs: 0 }, { timeoutMs: 2 ** 31 }, { maxRetries: -1 }, { maxRetries: 1.5 }, { maxRetries: 101 }, { maxRetryWaitMs: -1 }]) {
      const result = resolveConnection({ baseUrl: 'http://127.0.0.1:9', ...LIMITS, ...limits }, {});
      assert.ok(!result.ok && result.at === 'limits', JSON.stringify(limits));
    }
    assert.deepEqual(resolveConnection({ baseUrl: 'http://127.0.0.1:9/', ...LIMITS }, {}), { ok: true, connection: { baseUrl: 'http://127.0.0.1:9', ...LIMITS } });
  });
});

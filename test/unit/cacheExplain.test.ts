// The cache explained, for each class of outcome: a hit, a change before the breakpoint (in tools, system or
// messages: the path and both texts), an earlier call older than the TTL (5 min and 1 h), a breakpoint on a prefix
// below the model's minimum, no earlier call, an earlier call that cached nothing; and through a real history folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explainCacheFromHistory } from '../../src/core/history/cacheFromHistory';
import { HistoryStore } from '../../src/core/history/store';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { explainCache } from '../../src/shared/cacheExplain';
import { cacheMinimum } from '../../src/shared/cacheMinimums';
import { callRecordFor } from '../support/historyRecords';

const LONG = 'You are a careful assistant. '.repeat(400); // about 12,000 characters: well above any minimum
const T0 = Date.parse('2026-11-30T10:00:00Z');

function call(request: JsonObject, atMs: number, usage: { input: number; read?: number; write?: number }, model = 'claude-sonnet-5-5'): CallRecord {
  const record = callRecordFor({ model, startedAt: new Date(T0 + atMs).toISOString() });
  record.effectiveRequest = { model, max_tokens: 100, ...request };
  record.message!.usage = { input_tokens: usage.input, cache_read_input_tokens: usage.read ?? 0, cache_creation_input_tokens: usage.write ?? 0, output_tokens: 5 };
  return record;
}

const system = (text: string, ttl?: string) => [{ type: 'text', text, cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } }];
const ask = (text: string) => [{ role: 'user', content: text }];

describe('cache explained', () => {
  it('a hit: read, nothing written, the earlier call named, no reason', () => {
    const first = call({ system: system(LONG), messages: ask('one') }, 0, { input: 5, write: 3000 });
    const second = call({ system: system(LONG), messages: ask('two') }, 60_000, { input: 5, read: 3000 });
    const x = explainCache(second, [{ id: 'first', record: first }])!;
    assert.equal(x.outcome, 'hit');
    assert.equal(x.usage?.readTokens, 3000);
    assert.equal(x.earlier?.id, 'first');
    assert.equal(x.earlier?.ageMs, 60_000);
    assert.equal(x.missReason, undefined);
    assert.deepEqual(x.breakpoints.map((b) => [b.path, b.ttl, b.tooShort]), [['system[0].cache_control', '5m', false]]);
  });

  it('a miss: the first differing JSON path and the text on both sides, wherever the change is', () => {
    const tool = (description: string) => ({ name: 'lookup', description, input_schema: { type: 'object', properties: { q: { type: 'string' } } } });
    const cases: { before: JsonObject; after: JsonObject; path: string; beforeText?: RegExp; afterText?: RegExp }[] = [
      {
        before: { system: system(`${LONG} Today is Monday.`), messages: ask('x') },
        after: { system: system(`${LONG} Today is Tuesday.`), messages: ask('x') },
        path: 'system[0].text', beforeText: /Today is Monday/, afterText: /Today is Tuesday/,
      },
      {
        before: { tools: [tool('Looks things up.')], system: system(LONG), messages: ask('x') },
        after: { tools: [tool('Looks things up, fast.')], system: system(LONG), messages: ask('x') },
        path: 'tools[0].description', beforeText: /things up\./, afterText: /things up, fast/,
      },
      {
        before: { tools: [tool('a')], system: system(LONG), messages: ask('x') },
        after: { tools: [{ ...tool('a'), input_schema: { type: 'object', properties: { q: { type: 'number' } } } }], system: system(LONG), messages: ask('x') },
        path: 'tools[0].input_schema.properties.q.type', beforeText: /string/, afterText: /number/,
      },
      {
        before: { system: LONG, messages: [{ role: 'user', content: [{ type: 'text', text: `${LONG} first`, cache_control: { type: 'ephemeral' } }] }] },
        after: { system: `${LONG}!`, messages: [{ role: 'user', content: [{ type: 'text', text: `${LONG} first`, cache_control: { type: 'ephemeral' } }] }] },
        path: 'system', beforeText: /assistant\. $/, afterText: /assistant\. !$/,
      },
      {
        before: { messages: [{ role: 'user', content: [{ type: 'text', text: LONG }, { type: 'text', text: 'the doc v1', cache_control: { type: 'ephemeral' } }] }] },
        after: { messages: [{ role: 'user', content: [{ type: 'text', text: LONG }, { type: 'text', text: 'the doc v2', cache_control: { type: 'ephemeral' } }] }] },
        path: 'messages[0].content[1].text', beforeText: /v1/, afterText: /v2/,
      },
      {
        before: { system: system(LONG), messages: ask('x') },
        after: { tools: [tool('new')], system: system(LONG), messages: ask('x') },
        path: 'tools[0]', afterText: /lookup/,
      },
    ];
    for (const c of cases) {
      const first = call(c.before, 0, { input: 5, write: 3000 });
      const second = call(c.after, 30_000, { input: 5, write: 3000 });
      const x = explainCache(second, [{ record: first }])!;
      assert.equal(x.outcome, 'written', c.path);
      assert.equal(x.missReason, 'prefix-changed', c.path);
      assert.equal(x.difference?.path, c.path);
      if (c.beforeText) {
        assert.match(x.difference!.before!, c.beforeText, c.path);
      }
      if (c.afterText) {
        assert.match(x.difference!.after!, c.afterText, c.path);
      }
    }
  });

  it('a long text that differs far in is shown around the first differing character, not whole', () => {
    const first = call({ system: system(`${LONG}alpha`), messages: ask('x') }, 0, { input: 5, write: 3000 });
    const second = call({ system: system(`${LONG}omega`), messages: ask('x') }, 1000, { input: 5, write: 3000 });
    const d = explainCache(second, [{ record: first }])!.difference!;
    assert.ok(d.before!.length < 200 && d.before!.startsWith('…') && d.before!.endsWith('alpha'), d.before);
    assert.ok(d.after!.endsWith('omega'));
  });

  it('the same prefix older than the TTL: expired, with the TTL that applied (5 min by default, 1 h when asked)', () => {
    for (const [ttl, ttlMs, age, expired] of [[undefined, 300_000, 301_000, true], [undefined, 300_000, 299_000, false], ['1h', 3_600_000, 3_601_000, true], ['1h', 3_600_000, 1_800_000, false]] as const) {
      const first = call({ system: system(LONG, ttl), messages: ask('one') }, 0, { input: 5, write: 3000 });
      const second = call({ system: system(LONG, ttl), messages: ask('two') }, age, { input: 5, write: 3000 });
      const x = explainCache(second, [{ record: first }])!;
      if (expired) {
        assert.equal(x.missReason, 'expired', `${ttl} ${age}`);
        assert.deepEqual(x.expired, { ttl: ttl ?? '5m', ttlMs, ageMs: age });
      } else {
        assert.notEqual(x.missReason, 'expired', `${ttl} ${age}`);
        assert.equal(x.missReason, 'unexplained');
      }
    }
  });

  it('flags a breakpoint on a prefix below the model minimum (from usage, else characters)', () => {
    const short = call({ system: system('Be brief.'), messages: ask('hi') }, 0, { input: 20 }, 'claude-haiku-5-5');
    const x = explainCache(short, [])!;
    assert.equal(x.outcome, 'not-cached');
    assert.equal(x.missReason, 'too-short');
    assert.equal(x.minimum.tokens, cacheMinimum('claude-haiku-5-5').tokens);
    assert.ok(x.breakpoints[0].tooShort && x.breakpoints[0].prefixTokens < 2048);
    // Two breakpoints, the first too short and the second long enough: only the first is flagged.
    const two = call({ system: [{ type: 'text', text: 'tiny', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: [{ type: 'text', text: LONG, cache_control: { type: 'ephemeral' } }] }] }, 0, { input: 5, write: 3000 });
    assert.deepEqual(explainCache(two, [])!.breakpoints.map((b) => b.tooShort), [true, false]);
    // The minimum can be overridden by model id.
    assert.equal(explainCache(short, [], { minimums: { 'claude-haiku-5-5': 1 } })!.breakpoints[0].tooShort, false);
  });

  it('no earlier call of the model: said so; calls of other models and later calls are ignored', () => {
    const mine = call({ system: system(LONG), messages: ask('x') }, 10_000, { input: 5, write: 3000 });
    const other = call({ system: system(LONG), messages: ask('x') }, 0, { input: 5, write: 3000 }, 'claude-opus-5-5');
    const later = call({ system: system(LONG), messages: ask('x') }, 20_000, { input: 5, write: 3000 });
    const x = explainCache(mine, [{ record: other }, { record: later }])!;
    assert.equal(x.missReason, 'no-earlier-call');
    assert.equal(x.earlier, undefined);
  });

  it('the earlier call shared the prefix but had no breakpoint in it: it cached nothing to read', () => {
    const first = call({ system: LONG, messages: ask('one') }, 0, { input: 3000 });
    const second = call({ system: system(LONG), messages: ask('two') }, 1000, { input: 5, write: 3000 });
    const x = explainCache(second, [{ record: first }])!;
    assert.equal(x.missReason, 'not-written-before');
    assert.equal(x.earlier?.cachedSharedPrefix, false);
  });

  it('picks the earlier call with the longest common prefix, the newest among equals; top-level cache_control counts', () => {
    const far = call({ system: system(LONG), messages: ask('a') }, 0, { input: 5, write: 3000 });
    const near = call({ system: system(`${LONG} changed`), messages: ask('a') }, 5_000, { input: 5, write: 3000 });
    const twin = call({ system: system(LONG), messages: ask('a') }, 6_000, { input: 5, write: 3000 });
    const mine = call({ cache_control: { type: 'ephemeral' }, system: system(LONG), messages: ask('b') }, 10_000, { input: 5, read: 3000 });
    const x = explainCache(mine, [{ id: 'far', record: far }, { id: 'near', record: near }, { id: 'twin', record: twin }])!;
    assert.equal(x.earlier?.id, 'twin');
    assert.deepEqual(x.breakpoints.map((b) => b.path), ['system[0].cache_control', 'cache_control']);
    assert.equal(x.difference?.path, 'messages[0].content');
  });

  it('a call without breakpoints has no explanation', () => {
    assert.equal(explainCache(call({ messages: ask('x') }, 0, { input: 5 }), []), undefined);
  });

  it('through a history folder: the stored calls of the model are the earlier calls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-cache-'));
    try {
      const store = new HistoryStore(dir);
      const first = call({ system: system(`${LONG} v1`), messages: ask('one') }, 0, { input: 5, write: 3000 });
      const firstId = await store.record(first, { kind: 'selection' });
      await store.record(call({ system: system(`${LONG} v1`), messages: ask('one') }, 0, { input: 5, write: 3000 }, 'claude-opus-5-5'), { kind: 'selection' });
      const second = call({ system: system(`${LONG} v2`), messages: ask('two') }, 60_000, { input: 5, write: 3000 });
      const x = (await explainCacheFromHistory(second, store))!;
      assert.equal(x.earlier?.id, firstId);
      assert.equal(x.missReason, 'prefix-changed');
      assert.equal(x.difference?.path, 'system[0].text');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

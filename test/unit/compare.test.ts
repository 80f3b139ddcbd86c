// Two calls compared (src/shared/compare): metric deltas and the block-aware content diff, on classes of input:
// random texts (the parts always give back both sides), every block pairing, tool input of any shape, calls that
// failed or were cut off.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { costOf } from '../../src/shared/cost';
import { compareBlocks, compareCalls, compareContent, compareMetrics, diffKeys, diffText, METRICS } from '../../src/shared/compare';
import { comparisonLines, metricDeltaText, metricValueText } from '../../src/shared/compare/compareText';

function call(id: string, content: unknown[] | undefined, extra: Partial<CallRecord> = {}, usage: JsonObject = {}): CallRecord {
  const model = (extra.effectiveRequest?.model as string | undefined) ?? 'claude-haiku-5-5';
  const fullUsage = { input_tokens: 100, output_tokens: 50, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, ...usage };
  return {
    id,
    startedAt: '2026-11-30T10:15:03.000Z',
    source: { kind: 'file', path: '/w/triage.claude.json' },
    baseUrl: 'http://127.0.0.1:1',
    effectiveRequest: { model, max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] },
    defaultsApplied: [],
    streamed: true,
    attempts: [],
    timing: { headersMs: 100, firstTokenMs: 150, totalMs: 1000 },
    message: content === undefined ? undefined : { model, content, stop_reason: 'end_turn', usage: fullUsage },
    cost: content === undefined ? undefined : costOf(model, fullUsage),
    ...extra,
  };
}

/** A small deterministic random source, so that a failure names its seed. */
function randomSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'ÿ', '日本語', '🙂', 'a-b', "it's", '42', ''];
const SPACES = [' ', '  ', '\n', '\t', '\r\n', ' \n\n'];

function randomText(random: () => number): string {
  let text = '';
  const n = Math.floor(random() * 30);
  for (let i = 0; i < n; i++) {
    text += WORDS[Math.floor(random() * WORDS.length)] + (random() < 0.8 ? SPACES[Math.floor(random() * SPACES.length)] : '.,!'[Math.floor(random() * 3)]);
  }
  return text;
}

describe('compare: content', () => {
  it('text parts always give back both texts exactly, whitespace included (300 random pairs)', () => {
    const seed = Date.now() % 100000;
    const random = randomSource(seed);
    for (let i = 0; i < 300; i++) {
      const a = randomText(random);
      // B is A edited, or unrelated, or equal.
      const b = random() < 0.2 ? a : random() < 0.5 ? randomText(random) : a.replace(/cat|on/g, () => (random() < 0.5 ? 'dog' : ''));
      const parts = diffText(a, b);
      const message = `seed ${seed}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
      assert.equal(parts.filter((p) => p.change !== 'added').map((p) => p.text).join(''), a, message);
      assert.equal(parts.filter((p) => p.change !== 'removed').map((p) => p.text).join(''), b, message);
      assert.equal(parts.every((p) => p.change === 'same'), a === b, message);
      assert.ok(parts.every((p) => p.text !== ''), `no empty part: ${message}`);
    }
  });

  it('marks changed words, not whole lines', () => {
    const parts = diffText('The server returns 503 for EU traffic.', 'The server returns 502 for EU traffic.');
    assert.deepEqual(parts.filter((p) => p.change !== 'same'), [{ text: '503', change: 'removed' }, { text: '502', change: 'added' }]);
  });

  it('shows a text too different to diff word by word as replaced whole, without hanging', () => {
    const random = randomSource(7);
    const words = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 1e9).toString(36)).join(' ');
    const a = words(60_000);
    const b = words(60_000);
    const started = Date.now();
    const parts = diffText(a, b);
    assert.ok(Date.now() - started < 5_000, 'bounded time');
    assert.equal(parts.filter((p) => p.change !== 'added').map((p) => p.text).join(''), a);
    assert.equal(parts.filter((p) => p.change !== 'removed').map((p) => p.text).join(''), b);
  });

  it('matches blocks by position and type: same type is diffed, a different type is removed then added', () => {
    const diff = compareBlocks(
      [{ type: 'thinking', thinking: 'plan A' }, { type: 'text', text: 'hello' }, { type: 'text', text: 'only in A' }],
      [{ type: 'thinking', thinking: 'plan B' }, { type: 'tool_use', id: 't', name: 'lookup', input: { q: 1 } }],
    );
    assert.deepEqual(diff.map((d) => [d.index, d.type, d.change]), [
      [0, 'thinking', 'changed'],
      [1, 'text', 'removed'],
      [1, 'tool_use', 'added'],
      [2, 'text', 'removed'],
    ]);
    const added = diff[2];
    assert.ok(added.kind === 'tool');
    assert.deepEqual(added.keys, [{ key: 'q', change: 'added', b: 1 }]);
    assert.deepEqual(added.name, { b: 'lookup' });
  });

  it('compares tool input key by key, whatever the key order, and names changed, added and removed keys', () => {
    const keys = diffKeys({ city: 'Paris', units: 'C', days: { from: 1, to: 3 } }, { days: { to: 3, from: 1 }, city: 'Lyon', lang: 'fr' });
    assert.deepEqual(keys, [
      { key: 'city', change: 'changed', a: 'Paris', b: 'Lyon' },
      { key: 'units', change: 'removed', a: 'C' },
      { key: 'days', change: 'same', a: { from: 1, to: 3 }, b: { to: 3, from: 1 } },
      { key: 'lang', change: 'added', b: 'fr' },
    ]);
  });

  it('compares input that is not an object (cut-off JSON kept as text, arrays, null) as one value', () => {
    for (const [a, b] of [['{"city": "Pa', { city: 'Paris' }], [[1, 2], [1, 2]], [null, {}], ['x', 'x']] as const) {
      const keys = diffKeys(a, b);
      assert.equal(keys.length, 1);
      assert.equal(keys[0].key, '');
      assert.equal(keys[0].change, JSON.stringify(a) === JSON.stringify(b) ? 'same' : 'changed');
    }
  });

  it('a tool block with the same input but another name is changed', () => {
    const [block] = compareBlocks([{ type: 'tool_use', name: 'a', input: {} }], [{ type: 'tool_use', name: 'b', input: {} }]);
    assert.equal(block.change, 'changed');
  });

  it('compares any other block (known or not) as a whole, key order aside', () => {
    const diff = compareBlocks(
      [{ type: 'web_search_tool_result', content: [1], tool_use_id: 'x' }, { type: 'future_block', v: 1 }],
      [{ tool_use_id: 'x', type: 'web_search_tool_result', content: [1] }, { type: 'future_block', v: 2 }],
    );
    assert.deepEqual(diff.map((d) => [d.kind, d.change]), [['block', 'same'], ['block', 'changed']]);
  });

  it('a call without an answer (an error before any content) counts as no blocks', () => {
    const failed = call('b', undefined, { error: { kind: 'api', message: 'overloaded', status: 529, type: 'overloaded_error' } });
    const diff = compareContent(call('a', [{ type: 'text', text: 'hi there' }]), failed);
    assert.deepEqual(diff.map((d) => d.change), ['removed']);
    assert.deepEqual(compareContent(failed, failed), []);
  });

  it('blocks that are not objects do not throw', () => {
    const diff = compareBlocks([null, 3, 'x'], [null, { type: 'text' }]);
    assert.equal(diff.length, 4);
  });
});

describe('compare: metrics', () => {
  it('gives every metric as {a, b, delta} with B − A', () => {
    const a = call('a', [{ type: 'text', text: 'x' }], {}, { input_tokens: 1000, output_tokens: 200, cache_read_input_tokens: 900 });
    const b = call('b', [{ type: 'text', text: 'y' }], {
      effectiveRequest: { model: 'claude-opus-5-5' },
      timing: { headersMs: 300, firstTokenMs: 400, totalMs: 4000 },
    }, { input_tokens: 1000, output_tokens: 250, cache_creation_input_tokens: 1200 });
    const m = compareMetrics(a, b);
    assert.deepEqual(Object.keys(m), METRICS.map((x) => x.name));
    assert.deepEqual(m.model, { a: 'claude-haiku-5-5', b: 'claude-opus-5-5', delta: null, changed: true });
    assert.deepEqual(m.stopReason, { a: 'end_turn', b: 'end_turn', delta: null, changed: false });
    assert.deepEqual(m.totalMs, { a: 1000, b: 4000, delta: 3000, changed: true });
    assert.deepEqual(m.firstTokenMs, { a: 150, b: 400, delta: 250, changed: true });
    assert.deepEqual(m.headersMs, { a: 100, b: 300, delta: 200, changed: true });
    assert.deepEqual(m.inputTokens, { a: 1000, b: 1000, delta: 0, changed: false });
    assert.deepEqual(m.outputTokens, { a: 200, b: 250, delta: 50, changed: true });
    assert.deepEqual(m.cacheReadTokens, { a: 900, b: 0, delta: -900, changed: true });
    assert.deepEqual(m.cacheWriteTokens, { a: 0, b: 1200, delta: 1200, changed: true });
    assert.ok(a.cost?.known && b.cost?.known);
    assert.equal(m.costUsd.a, a.cost.usd);
    assert.ok(Math.abs((m.costUsd.delta ?? NaN) - (b.cost.usd - a.cost.usd)) < 1e-12);
  });

  it('a value one call lacks is null, and its delta null, not 0', () => {
    const ok = call('a', [{ type: 'text', text: 'x' }]);
    const failed = call('b', undefined, { timing: { totalMs: 20 }, error: { kind: 'network', message: 'refused' } });
    const m = compareMetrics(ok, failed);
    assert.equal(m.model.b, 'claude-haiku-5-5', 'the model asked for, when none answered');
    for (const name of ['stopReason', 'inputTokens', 'outputTokens', 'costUsd', 'headersMs', 'firstTokenMs'] as const) {
      assert.equal(m[name].b, null, name);
      assert.equal(m[name].delta, null, name);
      assert.equal(m[name].changed, true, name);
    }
    assert.equal(m.totalMs.delta, -980);
  });

  it('the whole comparison is plain JSON (the CLI prints it as is)', () => {
    const c = compareCalls(call('a', [{ type: 'text', text: 'one two' }]), call('b', [{ type: 'text', text: 'one three' }]));
    assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
    assert.deepEqual(Object.keys(c), ['a', 'b', 'metrics', 'content']);
    assert.equal(c.a.id, 'a');
  });
});

describe('compare: words', () => {
  it('values and deltas read with units and signs', () => {
    assert.equal(metricValueText('ms', 1204.4), '1,204 ms');
    assert.equal(metricValueText('tokens', 1), '1 token');
    assert.equal(metricValueText('usd', null), '—');
    assert.equal(metricDeltaText('ms', { a: 800, b: 920, delta: 120, changed: true }), '+120 ms (+15%)');
    assert.equal(metricDeltaText('tokens', { a: 500, b: 460, delta: -40, changed: true }), '−40 (−8%)');
    assert.equal(metricDeltaText('tokens', { a: 0, b: 40, delta: 40, changed: true }), '+40');
    assert.equal(metricDeltaText('text', { a: 'x', b: 'y', delta: null, changed: true }), 'changed');
    assert.equal(metricDeltaText('text', { a: 'x', b: 'x', delta: null, changed: false }), 'same');
    assert.equal(metricDeltaText('ms', { a: 1, b: null, delta: null, changed: true }), '');
  });

  it('the terminal lines mark words with git word-diff marks and keys with + - ~', () => {
    const lines = comparisonLines(compareCalls(
      call('a', [{ type: 'text', text: 'Severity: high' }, { type: 'tool_use', name: 'file', input: { team: 'infra', p: 1 } }]),
      call('b', [{ type: 'text', text: 'Severity: low' }, { type: 'tool_use', name: 'file', input: { team: 'web', q: 2 } }]),
    )).join('\n');
    assert.match(lines, /Severity: \[-high-\]\{\+low\+\}/);
    assert.match(lines, /~ team: "infra" → "web"/);
    assert.match(lines, /- p: 1/);
    assert.match(lines, /\+ q: 2/);
    assert.match(lines, /Output tokens +50 tokens +50 tokens +same/);
  });
});

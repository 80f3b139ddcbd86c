// The statistics of a comparison (shared/modelCompare): medians, ranges, speed, cost per call and per 1,000, the
// best of each row, identical answers, and the Markdown and JSON exports. Pure: records are built here.
import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../src/shared/callRecord';
import { costOf } from '../../src/shared/cost';
import { Comparison, ComparisonRun, comparisonProblem, plannedRuns } from '../../src/shared/modelCompare/comparison';
import { comparisonJson, comparisonMarkdown } from '../../src/shared/modelCompare/exports';
import { comparisonFileText, readComparisonFile } from '../../src/shared/modelCompare/comparisonFile';
import { figuresOf } from '../../src/shared/modelCompare/figures';
import { bestOfRows, identicalText, median, spreadOf, summarize, summarizeModel } from '../../src/shared/modelCompare/stats';

interface Shape {
  text?: string;
  headersMs?: number;
  firstTokenMs?: number;
  totalMs?: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  stop?: string;
  error?: CallRecord['error'];
  model?: string;
}

function record(shape: Shape): CallRecord {
  const model = shape.model ?? 'claude-haiku-5-5';
  const usage = { input_tokens: shape.input ?? 100, output_tokens: shape.output ?? 50, cache_read_input_tokens: shape.cacheRead ?? 0 };
  const r: CallRecord = {
    id: `id-${Math.random()}`,
    startedAt: '2026-11-30T00:00:00.000Z',
    source: { kind: 'cli' },
    baseUrl: 'http://127.0.0.1:1',
    effectiveRequest: { model },
    defaultsApplied: [],
    streamed: true,
    attempts: [],
    timing: { headersMs: shape.headersMs, firstTokenMs: shape.firstTokenMs, totalMs: shape.totalMs },
  };
  if (shape.error) {
    r.error = shape.error;
    return r;
  }
  r.message = {
    id: `msg_${Math.random()}`,
    model,
    content: [{ type: 'text', text: shape.text ?? 'same answer' }, { type: 'thinking', thinking: 't', signature: `sig${Math.random()}` }],
    stop_reason: shape.stop ?? 'end_turn',
    usage,
  };
  r.cost = costOf(model, usage);
  return r;
}

const ok = (model: string, run: number, shape: Shape): ComparisonRun => ({ model, run, status: 'ok', record: record({ model, ...shape }) });
const failed = (model: string, run: number): ComparisonRun => ({
  model,
  run,
  status: 'failed',
  record: record({ model, totalMs: 3, error: { kind: 'api', status: 404, type: 'not_found_error', message: `model: ${model}` } }),
});

function comparison(runs: ComparisonRun[], models: string[]): Comparison {
  return { id: 'c', startedAt: '2026-11-30T00:00:00.000Z', source: { kind: 'cli' }, baseUrl: 'http://127.0.0.1:1', request: {}, models, runsPerModel: 3, concurrency: 4, runs };
}

/** A seeded generator, so a failure names the case it found. */
function rng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('compare statistics', () => {
  it('median: the middle value, the mean of the two middle ones for an even count, whatever the order', () => {
    assert.ok(Number.isNaN(median([])));
    assert.equal(median([7]), 7);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, 5, 1, 5]), 5);
    const random = rng(13);
    for (let i = 0; i < 300; i++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.round(random() * 1000) / 10);
      // The median is the value with as many at or below it as at or above it.
      const m = median(values);
      assert.ok(values.filter((v) => v <= m).length >= values.length / 2 && values.filter((v) => v >= m).length >= values.length / 2, `case ${i}: ${values}`);
      assert.equal(median(values), median([...values].reverse()));
    }
  });

  it('spread: median, min and max of the values that are there', () => {
    assert.equal(spreadOf([undefined, Number.NaN]), undefined);
    assert.deepEqual(spreadOf([30, undefined, 10, 20]), { median: 20, min: 10, max: 30, n: 3 });
  });

  it('speed is output tokens over the writing time (first token to end), or the whole time without a first token', () => {
    assert.equal(figuresOf(record({ firstTokenMs: 200, totalMs: 1200, output: 100 })).outputTokensPerSecond, 100);
    assert.equal(figuresOf(record({ totalMs: 500, output: 100 })).outputTokensPerSecond, 200);
    assert.equal(figuresOf(record({ firstTokenMs: 300, totalMs: 300, output: 5 })).outputTokensPerSecond, undefined, 'no time, no speed');
    assert.deepEqual(figuresOf(undefined), {});
  });

  it('a model: figures from the good runs only, cost per call as the mean and per 1,000, stop reasons, errors', () => {
    const runs = [
      ok('claude-haiku-5-5', 1, { headersMs: 10, firstTokenMs: 20, totalMs: 120, output: 40 }),
      failed('claude-haiku-5-5', 2),
      ok('claude-haiku-5-5', 3, { headersMs: 30, firstTokenMs: 40, totalMs: 340, output: 80, stop: 'max_tokens' }),
    ];
    const s = summarizeModel('claude-haiku-5-5', runs);
    assert.deepEqual([s.ok, s.failed, s.cancelled, s.pending], [2, 1, 0, 0]);
    assert.deepEqual(s.figures.totalMs, { median: 230, min: 120, max: 340, n: 2 });
    assert.deepEqual(s.figures.outputTokens, { median: 60, min: 40, max: 80, n: 2 });
    const costs = [runs[0], runs[2]].map((r) => (r.record!.cost as { usd: number }).usd);
    assert.ok(Math.abs(s.costPerCallUsd! - (costs[0] + costs[1]) / 2) < 1e-15);
    assert.ok(Math.abs(s.costPer1000Usd! - s.costPerCallUsd! * 1000) < 1e-12);
    assert.deepEqual(s.stopReasons, { end_turn: 1, max_tokens: 1 });
    assert.deepEqual(s.errors, ['run 2: 404 not_found_error: model: claude-haiku-5-5']);
  });

  it('a model with no known price has no cost, and says nothing wrong', () => {
    const s = summarizeModel('mystery', [ok('mystery', 1, { totalMs: 5 })]);
    assert.equal(s.costPerCallUsd, undefined);
    assert.equal(s.figures.costUsd, undefined);
  });

  it('best of each row: lower times and cost, higher speed; ties share it; one model alone is not "best"', () => {
    const runs = [
      ok('a', 1, { headersMs: 10, firstTokenMs: 50, totalMs: 1050, output: 100, model: 'claude-haiku-5-5' }),
      ok('b', 1, { headersMs: 10, firstTokenMs: 80, totalMs: 580, output: 100, model: 'claude-opus-5-5' }),
    ];
    runs[0].model = 'a';
    runs[1].model = 'b';
    const summary = summarize(comparison(runs, ['a', 'b']));
    assert.deepEqual(summary.best.headersMs, ['a', 'b']);
    assert.deepEqual(summary.best.firstTokenMs, ['a']);
    assert.deepEqual(summary.best.totalMs, ['b']);
    assert.deepEqual(summary.best.outputTokensPerSecond, ['b']);
    assert.deepEqual(summary.best.costPerCall, ['a'], 'Haiku prices are lower');
    const alone = summarize(comparison([runs[0], failed('b', 1)], ['a', 'b']));
    assert.deepEqual(alone.best.totalMs, []);
    assert.deepEqual(bestOfRows([]).totalMs, []);
  });

  it('identical runs: grouped by answer, ids and signatures aside; "3 of 3 runs identical"', () => {
    const same = [1, 2, 3].map((n) => ok('m', n, { totalMs: n }));
    assert.equal(identicalText(summarizeModel('m', same)), '3 of 3 runs identical');
    const mixed = [ok('m', 1, { text: 'x' }), ok('m', 2, { text: 'y' }), ok('m', 3, { text: 'x' })];
    const s = summarizeModel('m', mixed);
    assert.deepEqual(s.answers, [[1, 3], [2]]);
    assert.equal(identicalText(s), '2 of 3 runs identical');
    assert.equal(identicalText(summarizeModel('m', [ok('m', 1, { text: 'x' }), ok('m', 2, { text: 'y' })])), 'all 2 runs differ');
    assert.equal(identicalText(summarizeModel('m', [ok('m', 1, {})])), undefined);
  });

  it('runs go out interleaved (run 1 of every model first), and bad counts are refused by name', () => {
    assert.deepEqual(plannedRuns(['a', 'b'], 2).map((r) => `${r.model}${r.run}`), ['a1', 'b1', 'a2', 'b2']);
    assert.equal(comparisonProblem(['a'], 3, 4), undefined);
    assert.match(comparisonProblem([], 3, 4)!, /at least one model/);
    assert.match(comparisonProblem(['a', ' '], 3, 4)!, /model 2 of the list is empty/);
    assert.match(comparisonProblem(['a'], 1.5, 4)!, /runs per model/);
    assert.match(comparisonProblem(['a'], 3, 0)!, /concurrency/);
  });

  it('Markdown: one column per model, the best in bold, cells that cannot break the table', () => {
    const runs = [ok('claude-haiku-5-5', 1, { totalMs: 100, firstTokenMs: 10 }), failed('x|y', 1)];
    const md = comparisonMarkdown(comparison(runs, ['claude-haiku-5-5', 'x|y']));
    const lines = md.split('\n');
    assert.equal(lines[0], '## Compare Models: request', 'a heading names what was compared (and the export\'s tab)');
    assert.equal(lines[2], '| | claude-haiku-5-5 | x\\|y |');
    assert.equal(lines[3], '|---|---|---|');
    const named = comparisonMarkdown({ ...comparison(runs, ['claude-haiku-5-5', 'x|y']), source: { kind: 'file', path: '/work/asks/triage.claude.json' } });
    assert.equal(named.split('\n')[0], '## Compare Models: triage.claude.json');
    assert.ok(lines.includes('| runs answered | 1 of 1 | 0 of 1 |'));
    assert.ok(lines.includes('| total time | 100 ms | – |'), md);
    assert.ok(lines.some((l) => l.startsWith('| errors | – | run 1: 404 not_found_error: model: x\\|y |')), md);
    // Every table line has the same number of unescaped pipes.
    const pipes = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    const table = lines.filter((l) => l.startsWith('|'));
    assert.ok(table.every((l) => pipes(l) === pipes(table[0])));
  });

  it('JSON: runs with null for what they lack, and median, min and max per model', () => {
    const runs = [ok('m', 1, { totalMs: 100, headersMs: 5 }), ok('m', 2, { totalMs: 300, headersMs: 7 }), failed('m', 3)];
    const json = comparisonJson(comparison(runs, ['m'])) as { models: { runs: Record<string, unknown>[]; median: Record<string, unknown>; min: Record<string, unknown>; max: Record<string, unknown> }[] };
    const m = json.models[0];
    assert.deepEqual(m.runs.map((r) => r.status), ['ok', 'ok', 'failed']);
    assert.equal(m.runs[2].stopReason, null);
    assert.equal(m.runs[2].outputTokens, null);
    assert.match(String(m.runs[2].error), /404 not_found_error/);
    assert.ok(!('error' in m.runs[0]));
    assert.equal(m.median.totalMs, 200);
    assert.equal(m.min.totalMs, 100);
    assert.equal(m.max.headersMs, 7);
    assert.equal(m.median.firstTokenMs, null);
  });

  it('times count from the request going out: what the client did before is left out, the wait before a retry is kept', () => {
    const random = rng(29);
    for (let i = 0; i < 200; i++) {
      // Before the first attempt: the client's own start (the SDK's first load in a process took 500 ms and more).
      const before = Math.round(random() * 2000);
      const waits = Array.from({ length: Math.floor(random() * 3) }, () => Math.round(random() * 3000));
      const failedFor = waits.map(() => Math.round(random() * 50));
      const headers = 1 + Math.round(random() * 800);
      const writing = Math.round(random() * 5000);
      const r = record({ output: 100 });
      let at = before;
      r.attempts = waits.map((waitMs, n) => {
        const attempt = { number: n + 1, startedMs: at, headersMs: at + failedFor[n], status: 429, waitMs };
        at += failedFor[n] + waitMs;
        return attempt;
      });
      r.attempts.push({ number: waits.length + 1, startedMs: at, headersMs: at + headers, status: 200 });
      r.timing = { headersMs: at + headers, firstTokenMs: at + headers + 5, totalMs: at + headers + 5 + writing };
      const f = figuresOf(r);
      const waited = waits.reduce((a, b) => a + b, 0) + failedFor.reduce((a, b) => a + b, 0);
      const what = `case ${i}: ${before} ms before, waits ${waits}`;
      assert.equal(f.headersMs, waited + headers, what);
      assert.equal(f.firstTokenMs, waited + headers + 5, what);
      assert.equal(f.totalMs, waited + headers + 5 + writing, what);
      const json = comparisonJson(comparison([{ model: 'm', run: 1, status: 'ok', record: r }], ['m'])) as { models: { runs: Record<string, unknown>[] }[] };
      assert.equal(json.models[0].runs[0].attempts, waits.length + 1, what);
      assert.equal(json.models[0].runs[0].retryWaitMs, waits.reduce((a, b) => a + b, 0), what);
    }
  });

  it('JSON numbers as a person writes them: costs of any usage at 12 significant digits, not 0.00017099999999999998', () => {
    const random = rng(31);
    for (const model of ['claude-haiku-4-5', 'claude-sonnet-5', 'claude-opus-4-5', 'claude-haiku-5-5', 'claude-fable-5-1']) {
      for (let i = 0; i < 40; i++) {
        const shape = { model, input: Math.floor(random() * 5000), output: Math.floor(random() * 3000), cacheRead: Math.floor(random() * 2000) };
        const runs = [ok(model, 1, shape), ok(model, 2, { ...shape, output: shape.output + 1 }), ok(model, 3, shape)];
        const text = JSON.stringify(comparisonJson(comparison(runs, [model])));
        const numbers: number[] = [];
        JSON.parse(text, (_key, value: unknown) => (typeof value === 'number' && numbers.push(value), value));
        for (const n of numbers) {
          assert.equal(n, Number(n.toPrecision(12)), `${model} ${JSON.stringify(shape)}: ${n} has more than 12 significant digits`);
        }
        const json = JSON.parse(text) as { models: { runs: { costUsd: number }[]; costPerCallUsd: number }[] };
        const exact = (runs[0].record!.cost as { usd: number }).usd;
        assert.ok(Math.abs(json.models[0].runs[0].costUsd - exact) <= exact * 1e-11, `${model}: ${json.models[0].runs[0].costUsd} for ${exact}`);
      }
    }
  });

  it('a saved comparison reads back as it was; a file that is not one says what is wrong', () => {
    const saved = comparison([ok('m', 1, { totalMs: 100 }), failed('m', 2), { model: 'm', run: 3, status: 'running' }], ['m']);
    const read = readComparisonFile(comparisonFileText(saved));
    assert.ok(read.ok);
    assert.deepEqual(read.comparison.runs.map((r) => r.status), ['ok', 'failed', 'cancelled'], 'a run saved mid-way is not shown as running');
    assert.deepEqual(read.comparison.runs[0].record, JSON.parse(JSON.stringify(saved.runs[0].record)));
    for (const [text, problem] of [
      ['{"format": "claude-inspector-comparison", "version": 1', /not JSON/],
      ['{"models": []}', /not a saved comparison/],
      ['{"format": "claude-inspector-comparison", "version": 7, "comparison": {}}', /version 7/],
      ['{"format": "claude-inspector-comparison", "version": 1, "comparison": {"models": ["a"]}}', /needs "models" \(model ids\) and "runs"/],
      ['{"format": "claude-inspector-comparison", "version": 1, "comparison": {"models": ["a"], "runs": [{"model": "b", "run": 1, "status": "ok"}]}}', /run 1 of "runs" needs "model" \(one of "models"\)/],
    ] as [string, RegExp][]) {
      const result = readComparisonFile(text);
      assert.ok(!result.ok && problem.test(result.problem), `${text}: ${JSON.stringify(result)}`);
    }
  });
});

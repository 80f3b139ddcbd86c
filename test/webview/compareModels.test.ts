// The compare view (its own page, dist/compare.js): columns filling in live from streamed runs, the figures with the
// best of each row marked, "3 of 3 runs identical", a failed run with its error, runs one click apart, Diff two
// columns word by word, Cancel, Save and Export asked of the host, and the view back after a reload; in VS Code's
// four default themes, with screenshots in test-results/ for a person to look at.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { costOf } from '../../src/shared/cost';
import type { Comparison, ComparisonRun } from '../../src/shared/modelCompare/comparison';
import type { CompareHostMessage } from '../../src/shared/modelCompare/protocol';
import type { HostMessage } from '../../src/shared/protocol';
import { Harness, THEME_NAMES, type PanelPage } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

const MODELS = ['claude-haiku-5-5', 'claude-opus-5-5', 'claude-no-such-model'];

function answer(model: string, text: string, timing: CallRecord['timing'], output: number): CallRecord {
  const usage = { input_tokens: 120, output_tokens: output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  return record({
    streamed: true,
    effectiveRequest: { model, max_tokens: 1024, messages: [{ role: 'user', content: 'Which queue?' }] },
    message: message([{ type: 'text', text, citations: null }], { model, usage }),
    timing,
    cost: costOf(model, usage),
  });
}

function failure(model: string): CallRecord {
  return record({
    streamed: true,
    effectiveRequest: { model, max_tokens: 1024, messages: [] },
    message: undefined,
    cost: undefined,
    timing: { headersMs: 12, totalMs: 14 },
    error: { kind: 'api', status: 404, type: 'not_found_error', message: `model: ${model}` },
  });
}

const HAIKU = 'Billing: the customer was **charged twice**.';
const OPUS = ['Billing. A double charge is a billing matter: refund the second charge and tell the customer.', 'Billing. A double charge is a billing matter: refund it today and apologise.'];

/** The finished record of every run: Haiku the same three times, Opus two answers, the unknown model failing. */
function finals(): Map<string, CallRecord> {
  const out = new Map<string, CallRecord>();
  for (const run of [1, 2, 3]) {
    out.set(`claude-haiku-5-5/${run}`, answer('claude-haiku-5-5', HAIKU, { headersMs: 90 + run, firstTokenMs: 150 + run, totalMs: 300 + run * 10 }, 12));
    out.set(`claude-opus-5-5/${run}`, answer('claude-opus-5-5', OPUS[run === 2 ? 1 : 0], { headersMs: 400 + run, firstTokenMs: 700 + run, totalMs: 2400 + run * 100 }, 40));
    out.set(`claude-no-such-model/${run}`, failure('claude-no-such-model'));
  }
  return out;
}

function planned(): Comparison {
  const runs: ComparisonRun[] = [];
  for (const run of [1, 2, 3]) {
    for (const model of MODELS) {
      runs.push({ model, run, status: 'waiting' });
    }
  }
  return { id: 'cmp-1', startedAt: '2026-11-30T10:00:00.000Z', source: { kind: 'file', path: 'examples/triage.claude.json' }, baseUrl: 'http://127.0.0.1:1', request: {}, models: MODELS, runsPerModel: 3, concurrency: 4, runs };
}

async function post(panel: PanelPage, message: CompareHostMessage): Promise<void> {
  await panel.post(message as unknown as HostMessage);
}

/** Plays the whole comparison: each run starts, streams (the good ones) and finishes. */
async function play(panel: PanelPage, upTo = Infinity): Promise<void> {
  const comparison = planned();
  await post(panel, { type: 'comparison', comparison, running: true });
  const records = finals();
  let played = 0;
  for (const [index, run] of comparison.runs.entries()) {
    if (played++ >= upTo) {
      return;
    }
    const final = records.get(`${run.model}/${run.run}`)!;
    await post(panel, { type: 'run', index, run: { ...run, status: 'running', record: startedRecord({ id: final.id, effectiveRequest: final.effectiveRequest }) } });
    if (!final.error) {
      const events = streamEvents(final.message as JsonObject);
      await post(panel, { type: 'runEvents', index, events });
    }
    await post(panel, { type: 'run', index, run: { ...run, status: final.error ? 'failed' : 'ok', record: final } });
  }
  await post(panel, { type: 'finished', finishedAt: '2026-11-30T10:00:05.000Z' });
}

const column = (panel: PanelPage, model: string) => panel.page.locator(`.model-column[data-model="${model}"]`);

describe('webview: compare models view', function () {
  this.timeout(120_000);
  let harness: Harness;
  const opened: PanelPage[] = [];

  before(async () => {
    harness = await Harness.start();
  });
  afterEach(async () => {
    for (const panel of opened.splice(0)) {
      try {
        assert.deepEqual(panel.errors, [], 'no script errors in the page');
        assert.deepEqual(await panel.violations(), [], 'no CSP violations');
      } finally {
        await panel.close();
      }
    }
  });
  after(async () => {
    await harness?.close();
    assert.deepEqual(harness.unexpectedPaths(), [], 'the page loads only its own files');
  });

  const openCompare = async (options: Parameters<Harness['open']>[0] = {}) => {
    const panel = await harness.open({ width: 1300, height: 1100, ...options, page: 'compare' });
    opened.push(panel);
    return panel;
  };

  for (const theme of THEME_NAMES) {
    it(`one column per model, the figures with the best marked, a failing model's errors: ${theme}`, async () => {
      const panel = await openCompare({ theme });
      await play(panel);
      await panel.frames(3);
      assert.deepEqual(await panel.page.locator('.model-column .model-name').allInnerTexts(), MODELS);
      const text = await panel.page.locator('body').innerText();
      assert.match(text, /9 of 9 runs done/);
      // The figures: medians with their range, the best of a row marked (Haiku is faster and cheaper here).
      const row = async (name: string) => (await panel.page.locator(`.figures-table tr[data-row="${name}"]`).innerText()).replace(/\s+/g, ' ');
      assert.match(await row('totalMs'), /^total time 320 ms \(310–330 ms\) \(best\) 2,600 ms \(2,500–2,700 ms\) –$/);
      assert.match(await row('runs'), /3 of 3 answered 3 of 3 answered 0 of 3 answered, 3 failed/);
      const best = panel.page.locator('.figures-table tr[data-row="firstTokenMs"] td.best');
      assert.equal(await best.count(), 1);
      assert.equal(await best.evaluate((td) => (td as unknown as { cellIndex: number }).cellIndex), 1, 'the Haiku column');
      assert.equal(await panel.page.locator('.figures-table tr[data-row="costPerCall"] td.best').count(), 1);
      // Identical runs collapse into one line; differing ones say how many agree.
      assert.match(await column(panel, 'claude-haiku-5-5').locator('.identical').innerText(), /3 of 3 runs identical/);
      assert.match(await column(panel, 'claude-opus-5-5').locator('.identical').innerText(), /2 of 3 runs identical/);
      // The answer, rendered as in the response view (markdown: bold), with its stop reason.
      assert.equal(await column(panel, 'claude-haiku-5-5').locator('.run-answer strong').first().innerText(), 'charged twice');
      assert.match(await column(panel, 'claude-haiku-5-5').locator('.run-strip').innerText(), /1\s*end_turn[\s\S]*2\s*end_turn[\s\S]*3\s*end_turn/);
      // The failing model: each run with its error.
      const failing = column(panel, 'claude-no-such-model');
      assert.match(await failing.locator('.run-strip').innerText(), /404 not_found_error/);
      assert.match(await failing.locator('.run-answer').innerText(), /model: claude-no-such-model/);
      await panel.screenshot(`compare-models-${theme}`);
    });
  }

  it('fills in live: a running run shows what has streamed before it finishes', async () => {
    const panel = await openCompare();
    const comparison = planned();
    await post(panel, { type: 'comparison', comparison, running: true });
    const final = finals().get('claude-opus-5-5/1')!;
    const index = comparison.runs.findIndex((r) => r.model === 'claude-opus-5-5' && r.run === 1);
    await post(panel, { type: 'run', index, run: { ...comparison.runs[index], status: 'running', record: startedRecord({ id: final.id }) } });
    const events = streamEvents(final.message as JsonObject);
    // Everything but the end: the text is there, the run still running.
    await post(panel, { type: 'runEvents', index, events: events.filter((e) => e.event !== 'message_stop' && e.event !== 'message_delta') });
    await panel.frames(3);
    assert.match(await column(panel, 'claude-opus-5-5').locator('.run-answer').innerText(), /A double charge is a billing matter/);
    assert.match(await panel.page.locator('.compare-progress').innerText(), /0 of 9 runs done/);
    assert.equal(await column(panel, 'claude-opus-5-5').locator('.run-button.status-running').count(), 1);
    await post(panel, { type: 'runRetrying', index, text: '429 rate_limit_error, retrying in 2 s (attempt 2 of 3)' });
    assert.match(await column(panel, 'claude-opus-5-5').locator('.retrying').innerText(), /429 rate_limit_error, retrying in 2 s/);
  });

  it('each run is one click away; Diff two columns marks the words that differ', async () => {
    const panel = await openCompare();
    await play(panel);
    const opus = column(panel, 'claude-opus-5-5');
    await opus.locator('.run-button').nth(1).click();
    assert.match(await opus.locator('.run-answer').innerText(), /refund it today and apologise/);
    assert.equal(await opus.locator('.run-button').nth(1).getAttribute('aria-pressed'), 'true');
    // Diff: Haiku's shown run against Opus's run 2.
    await panel.page.locator('.diff-side').nth(0).selectOption('claude-haiku-5-5');
    await panel.page.locator('.diff-side').nth(1).selectOption('claude-opus-5-5');
    await panel.page.locator('.diff-open').click();
    const diff = panel.page.locator('.diff-area');
    assert.match(await diff.innerText(), /claude-haiku-5-5 run 1 ↔ claude-opus-5-5 run 2/);
    assert.ok((await diff.locator('ins.diff-added').count()) > 0 && (await diff.locator('del.diff-removed').count()) > 0);
    assert.match(await diff.locator('ins.diff-added').allInnerTexts().then((t) => t.join(' ')), /apologise/);
    // Another run shown in a diffed column: the diff follows it.
    await opus.locator('.run-button').nth(0).click();
    assert.match(await diff.innerText(), /claude-opus-5-5 run 1/);
  });

  it('Cancel, Save and the exports are asked of the host; Cancel goes once the runs are over', async () => {
    const panel = await openCompare();
    await play(panel, 2);
    await panel.clearPosted();
    await panel.page.getByRole('button', { name: 'Cancel' }).click();
    await panel.page.getByRole('button', { name: 'Save' }).click();
    await panel.page.getByRole('button', { name: 'Export Markdown' }).click();
    await panel.page.getByRole('button', { name: 'Export JSON' }).click();
    const posted = (await panel.posted()) as unknown as { type: string; format?: string }[];
    assert.deepEqual(posted.map((m) => m.format ?? m.type), ['cancel', 'save', 'markdown', 'json']);
    await post(panel, { type: 'finished', finishedAt: '2026-11-30T10:00:05.000Z' });
    assert.equal(await panel.page.getByRole('button', { name: 'Cancel' }).count(), 0);
  });

  it('Cancel answers a click while runs end: a run ending between the press and the release does not lose it', async () => {
    const panel = await openCompare();
    await play(panel, 2);
    const records = finals();
    const comparison = planned();
    // Every kind of update the toolbar gets while runs go on: a run starts, a run ends ok, a run fails.
    for (const index of [2, 3, 4]) {
      await panel.clearPosted();
      const box = await panel.page.getByRole('button', { name: 'Cancel' }).boundingBox();
      assert.ok(box, 'Cancel is shown while runs go on');
      await panel.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await panel.page.mouse.down();
      const run = comparison.runs[index];
      const final = records.get(`${run.model}/${run.run}`)!;
      await post(panel, { type: 'run', index, run: { ...run, status: 'running', record: startedRecord({ id: final.id, effectiveRequest: final.effectiveRequest }) } });
      await post(panel, { type: 'run', index, run: { ...run, status: final.error ? 'failed' : 'ok', record: final } });
      await panel.page.mouse.up();
      const posted = (await panel.posted()) as unknown as { type: string }[];
      assert.deepEqual(posted.map((m) => m.type), ['cancel'], `run ${index + 1} ended during the click`);
    }
  });

  it('comes back the same after a reload, from its saved state', async () => {
    const panel = await openCompare();
    await play(panel);
    await column(panel, 'claude-opus-5-5').locator('.run-button').nth(1).click();
    const state = await panel.state();
    const again = await openCompare({ state });
    assert.deepEqual(await again.page.locator('.model-column .model-name').allInnerTexts(), MODELS);
    assert.match(await column(again, 'claude-opus-5-5').locator('.run-answer').innerText(), /refund it today/);
    assert.match(await again.page.locator('.compare-progress').innerText(), /9 of 9 runs done/);
  });
});

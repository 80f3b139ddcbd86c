// The Compare view in the panel: two calls' metrics with deltas and their content diffed, in VS Code's four default
// themes (screenshots in test-results/ for a person to look at), kept across a reload, and inert for a message it
// cannot read.
import * as assert from 'node:assert/strict';
import { explainCache } from '../../src/shared/cacheExplain';
import { compareCalls } from '../../src/shared/compare';
import { costOf } from '../../src/shared/cost';
import { measureContrast } from './contrast';
import { Harness, THEME_NAMES, type PanelPage, useHarness } from './harness';
import { message, record } from './fixtures/records';

function pair() {
  const a = record({
    message: message(
      [
        { type: 'text', text: 'Severity: high. The EU region returns 503 for every request since 09:12 UTC.', citations: null },
        { type: 'tool_use', id: 'toolu_a', name: 'file_ticket', input: { team: 'infra', priority: 1, tags: ['eu', 'outage'] } },
      ],
      { model: 'claude-opus-5-5', stop_reason: 'tool_use', usage: { input_tokens: 1200, output_tokens: 310, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
    ),
    timing: { headersMs: 640, firstTokenMs: 900, totalMs: 4200 },
    cost: costOf('claude-opus-5-5', { input_tokens: 1200, output_tokens: 310 }),
  });
  const b = record({
    message: message(
      [
        { type: 'text', text: 'Severity: critical. The EU region returns 503 for all requests since 09:12 UTC.', citations: null },
        { type: 'tool_use', id: 'toolu_b', name: 'file_ticket', input: { team: 'sre', priority: 1, tags: ['eu', 'outage'], page: true } },
        { type: 'text', text: 'Paging the on-call engineer.', citations: null },
      ],
      { model: 'claude-haiku-5-5', stop_reason: 'end_turn', usage: { input_tokens: 1200, output_tokens: 180, cache_read_input_tokens: 1024, cache_creation_input_tokens: 0 } },
    ),
    timing: { headersMs: 210, firstTokenMs: 260, totalMs: 1100 },
    cost: costOf('claude-haiku-5-5', { input_tokens: 1200, output_tokens: 180, cache_read_input_tokens: 1024 }),
  });
  return { type: 'compare' as const, comparison: compareCalls(a, b), labels: { a: 'A: 10:15:03 claude-opus-5-5 (triage.claude.json)', b: 'B: 10:16:40 claude-haiku-5-5 (triage.claude.json)' } };
}

async function metricRow(panel: PanelPage, name: string): Promise<string> {
  return (await panel.page.locator(`#panel-compare tr[data-metric="${name}"]`).innerText()).replace(/\s+/g, ' ').trim();
}

describe('webview: compare view', function () {
  this.timeout(120_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  for (const theme of THEME_NAMES) {
    it(`shows metrics with deltas and the words that changed, ${theme}`, async () => {
      const panel = await harness.open({ theme, width: 960, height: 1000 });
      // A call is shown first: the comparison opens on its own tab, beside the call's views.
      await panel.post({ type: 'callFinished', record: record() });
      await panel.post(pair());
      await panel.frames(3);
      assert.equal(await panel.page.locator('#tab-compare').isVisible(), true);
      assert.equal(await panel.page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
      const view = panel.page.locator('#panel-compare');
      assert.match(await view.innerText(), /A: 10:15:03 claude-opus-5-5/);
      assert.equal(await metricRow(panel, 'model'), 'Model claude-opus-5-5 claude-haiku-5-5 changed');
      assert.equal(await metricRow(panel, 'stopReason'), 'stop_reason tool_use end_turn changed');
      assert.equal(await metricRow(panel, 'totalMs'), 'Total time 4,200 ms 1,100 ms −3,100 ms (−74%)');
      assert.equal(await metricRow(panel, 'inputTokens'), 'Input tokens 1,200 tokens 1,200 tokens same');
      assert.equal(await metricRow(panel, 'cacheReadTokens'), 'Cache read tokens 0 tokens 1,024 tokens +1,024');
      assert.match(await metricRow(panel, 'costUsd'), /^Cost \$\S+ \$\S+ −\$\S+ \(−\d+%\)$/);
      // Words: only what changed is marked, each side's text is whole.
      assert.deepEqual(await view.locator('.compare-text del.diff-removed').allInnerTexts(), ['high', 'every', 'request']);
      assert.deepEqual(await view.locator('.compare-text ins.diff-added').allInnerTexts(), ['critical', 'all', 'requests', 'Paging the on-call engineer.']);
      // Tool input key by key.
      const keys = await view.locator('.compare-keys tbody tr').allInnerTexts();
      assert.equal(keys.length, 4);
      assert.match(keys[0], /team[\s\S]*changed[\s\S]*"infra"[\s\S]*"sre"/);
      assert.match(keys[3], /page[\s\S]*only in B[\s\S]*true/);
      // The marks have the diff editor's colours (a background, or in high contrast an outline).
      const style = await view.locator('ins.diff-added').first().evaluate((node) => {
        const s = (globalThis as unknown as { getComputedStyle(n: unknown): { backgroundColor: string; outlineColor: string; textDecorationLine: string } }).getComputedStyle(node);
        return { background: s.backgroundColor, outline: s.outlineColor, decoration: s.textDecorationLine };
      });
      assert.equal(style.decoration, 'underline');
      const transparent = (c: string) => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';
      assert.ok(!transparent(style.background) || !transparent(style.outline), `no colour on an added word in ${theme}: ${JSON.stringify(style)}`);
      // Every text of the view readable on what it is drawn on, the marked words included.
      const low = (await measureContrast(panel.page, '#panel-compare')).filter((finding) => finding.ratio < 4.5);
      assert.deepEqual(low, [], `texts below 4.5:1 in ${theme}`);
      await panel.screenshot(`compare-${theme}`, true);
      assert.deepEqual(panel.errors, []);
      assert.deepEqual(await panel.violations(), []);
      await panel.close();
    });
  }

  it('comes back after a reload, and opens in an empty panel too', async () => {
    const first = await harness.open();
    await first.post(pair());
    await first.frames(2);
    assert.equal(await first.page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    const saved = await first.state();
    await first.close();
    assert.equal(saved?.view, 'compare');
    const second = await harness.open({ state: saved });
    assert.equal(await second.page.locator('#tab-compare').getAttribute('aria-selected'), 'true');
    assert.match(await second.page.locator('#panel-compare').innerText(), /Model\s+claude-opus-5-5\s+claude-haiku-5-5/);
    assert.deepEqual(second.errors, []);
    await second.close();
  });

  it('keeps the tab hidden until there is a comparison, and ignores one it cannot read', async () => {
    const panel = await harness.open();
    await panel.post({ type: 'callFinished', record: record() });
    assert.equal(await panel.page.locator('#tab-compare').isVisible(), false);
    for (const broken of [{ comparison: null, labels: { a: 'x', b: 'y' } }, { comparison: { metrics: {}, content: 'no' }, labels: { a: 'x', b: 'y' } }, { labels: 3 }]) {
      await panel.post({ type: 'compare', ...(broken as object) } as never);
    }
    await panel.frames(2);
    assert.equal(await panel.page.locator('#tab-compare').isVisible(), false);
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});

describe('webview: the cache, explained', function () {
  this.timeout(60_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  it('shows below the answer what the cache did and where the prefix changed, and clears it for the next call', async () => {
    const system = (text: string) => [{ type: 'text', text, cache_control: { type: 'ephemeral' } }];
    const request = (text: string) => ({ model: 'claude-sonnet-5-5', max_tokens: 64, system: system(text), messages: [{ role: 'user', content: 'Hi' }] });
    const usage = { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 3000 };
    const earlier = record({ startedAt: '2026-11-24T09:59:00.000Z', effectiveRequest: request(`You triage tickets. ${'Rules. '.repeat(2000)}Version 1.`), message: message([{ type: 'text', text: 'ok', citations: null }], { usage }) });
    const call = record({ effectiveRequest: request(`You triage tickets. ${'Rules. '.repeat(2000)}Version 2.`), message: message([{ type: 'text', text: 'ok', citations: null }], { usage }) });
    const explanation = explainCache(call, [{ id: 'earlier', record: earlier }]);
    assert.ok(explanation, 'the call has a breakpoint');
    const panel = await harness.open();
    await panel.post({ type: 'callFinished', record: call });
    await panel.post({ type: 'cacheExplanation', callId: call.id, explanation });
    await panel.frames(2);
    const note = await panel.page.locator('#panel-response .cache-note').innerText();
    assert.match(note, /Cache: read 0 tokens, wrote 3,000/);
    assert.match(note, /differs from the earlier call .* at system\[0\]\.text/);
    assert.match(note, /Version 1/);
    assert.match(note, /Version 2/);
    // A note for another call is not shown; a new call takes the note away.
    await panel.post({ type: 'cacheExplanation', callId: 'someone-else', explanation });
    await panel.post({ type: 'callFinished', record: record() });
    await panel.frames(2);
    assert.equal(await panel.page.locator('.cache-note').count(), 0);
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});

describe('webview: a call opened from history', function () {
  this.timeout(60_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  it('shows an older call the panel had moved on from, every view as it was', async () => {
    const older = record({ message: message([{ type: 'text', text: 'The older answer.', citations: null }]) });
    const newer = record({ message: message([{ type: 'text', text: 'The newer answer.', citations: null }]) });
    const panel = await harness.open();
    await panel.post({ type: 'callFinished', record: older });
    await panel.post({ type: 'callFinished', record: newer });
    await panel.post(pair());
    await panel.post({ type: 'showRecord', record: older });
    await panel.frames(2);
    assert.equal(await panel.page.locator('#tab-response').getAttribute('aria-selected'), 'true', 'from Compare back to the answer');
    assert.match(await panel.page.locator('#panel-response').innerText(), /The older answer\./);
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /The older answer\./);
    assert.equal(await panel.page.locator('#tab-compare').isVisible(), true, 'the comparison stays reachable');
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});

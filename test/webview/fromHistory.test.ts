// What the history says about the shown call, under its answer: the Compare with Previous Run button (there only for
// the shown, finished call that has an earlier run; a click asks the host to compare) and the cache note; both kept
// across a reload, whether the saved state holds the record or only its id; and the header's "from history" mark too.
import * as assert from 'node:assert/strict';
import { explainCache, type CacheExplanation } from '../../src/shared/cacheExplain';
import type { CallRecord } from '../../src/shared/callRecord';
import type { PanelState } from '../../src/shared/protocol';
import { Harness, type PanelPage } from './harness';
import { message, record } from './fixtures/records';

const BUTTON = '[data-testid="previous-run"] button';

/** A call with a cache breakpoint whose system prompt changed since `earlier`: its explanation names both versions. */
function cachedPair(callId: string, answer = 'ok'): { call: CallRecord; explanation: CacheExplanation } {
  const request = (text: string) => ({
    model: 'claude-sonnet-5-5',
    max_tokens: 64,
    system: [{ type: 'text', text, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'Hi' }],
  });
  const usage = { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 3000 };
  const earlier = record({ startedAt: '2026-11-24T09:59:00.000Z', effectiveRequest: request(`You triage tickets. ${'Rules. '.repeat(2000)}Version 1.`), message: message([{ type: 'text', text: 'ok', citations: null }], { usage }) });
  const call = record({ id: callId, effectiveRequest: request(`You triage tickets. ${'Rules. '.repeat(2000)}Version 2.`), message: message([{ type: 'text', text: answer, citations: null }], { usage }) });
  const explanation = explainCache(call, [{ id: 'earlier', record: earlier }]);
  assert.ok(explanation, 'the call has a breakpoint');
  return { call, explanation };
}

async function buttons(panel: PanelPage): Promise<number> {
  await panel.frames(2);
  return panel.page.locator(BUTTON).count();
}

describe('webview: from the history (Compare with Previous Run, the cache note)', function () {
  this.timeout(90_000);
  let harness: Harness;

  before(async () => {
    harness = await Harness.start();
  });
  after(async () => {
    await harness?.close();
  });

  it('offers Compare with Previous Run for the shown call that has an earlier run, and a click asks the host', async () => {
    const panel = await harness.open();
    const shown = record({ id: 'call-shown' });
    await panel.post({ type: 'callFinished', record: shown });
    // Not offered: no word from the history yet; no earlier run; a call that is not the one shown.
    assert.equal(await buttons(panel), 0);
    await panel.post({ type: 'inHistory', callId: shown.id, historyId: '20261201T021500000Z-aaaa', previousRun: false });
    assert.equal(await buttons(panel), 0);
    await panel.post({ type: 'inHistory', callId: 'call-other', historyId: '20261201T021500000Z-bbbb', previousRun: true });
    assert.equal(await buttons(panel), 0);
    // Offered once the history has an earlier run of it.
    await panel.post({ type: 'inHistory', callId: shown.id, historyId: '20261201T021500000Z-aaaa', previousRun: true });
    assert.equal(await buttons(panel), 1);
    const button = panel.page.locator(BUTTON);
    assert.equal((await button.innerText()).trim(), 'Compare with Previous Run');
    await panel.clearPosted();
    await button.click();
    assert.deepEqual(await panel.posted(), [{ type: 'compareWithPrevious', callId: shown.id, historyId: '20261201T021500000Z-aaaa' }]);
    // Another call shown (sent, or opened from history) takes the button away; the first call's word does not bring it back.
    await panel.post({ type: 'callStarted', record: record({ id: 'call-next' }) });
    assert.equal(await buttons(panel), 0);
    await panel.post({ type: 'callFinished', record: record({ id: 'call-next' }) });
    await panel.post({ type: 'inHistory', callId: shown.id, historyId: '20261201T021500000Z-aaaa', previousRun: true });
    assert.equal(await buttons(panel), 0);
    await panel.post({ type: 'inHistory', callId: 'call-next', historyId: '20261201T021600000Z-cccc', previousRun: true });
    assert.equal(await buttons(panel), 1);
    await panel.post({ type: 'showRecord', record: record({ id: 'call-from-history' }) });
    assert.equal(await buttons(panel), 0);
    assert.deepEqual(panel.errors, []);
    assert.deepEqual(await panel.violations(), []);
    await panel.close();
  });

  it('keeps the cache note and the button across a reload of a small call, with no word from the host', async () => {
    const { call, explanation } = cachedPair('call-small');
    const first = await harness.open();
    await first.post({ type: 'callFinished', record: call });
    await first.post({ type: 'cacheExplanation', callId: call.id, explanation });
    await first.post({ type: 'inHistory', callId: call.id, historyId: '20261201T021700000Z-dddd', previousRun: true });
    await first.frames(2);
    const noteBefore = await first.page.locator('#panel-response .cache-note').innerText();
    const saved = await first.state();
    await first.close();
    assert.ok(saved?.record, 'the small record is in the state');
    assert.ok(JSON.stringify(saved.cacheExplanation).length < 4096, 'the note keeps the state small');

    const second = await harness.open({ state: saved });
    await second.frames(2);
    // Only "ready" was posted: the note and the button come from the state.
    assert.deepEqual((await second.posted()).map((m) => m.type), ['ready']);
    assert.equal(await second.page.locator('#panel-response .cache-note').innerText(), noteBefore);
    assert.match(noteBefore, /Version 1[\s\S]*Version 2/);
    assert.equal(await buttons(second), 1);
    await second.page.locator(BUTTON).click();
    // After a window reload the host no longer knows the call's id: the history id goes with the click.
    assert.deepEqual((await second.posted()).at(-1), { type: 'compareWithPrevious', callId: call.id, historyId: '20261201T021700000Z-dddd' });
    // And a reload of the reloaded panel keeps them still.
    const again = await second.state();
    await second.close();
    const third = await harness.open({ state: again });
    await third.frames(2);
    assert.equal(await third.page.locator('#panel-response .cache-note').innerText(), noteBefore);
    assert.equal(await buttons(third), 1);
    assert.deepEqual(third.errors, []);
    await third.close();
  });

  it('keeps them for a big call too: with its first screen from the state, or once the host brings the call back', async () => {
    const { call, explanation } = cachedPair('call-big', `A long answer. ${'word '.repeat(80_000)}`);
    const first = await harness.open();
    await first.post({ type: 'callFinished', record: call });
    await first.post({ type: 'cacheExplanation', callId: call.id, explanation });
    await first.post({ type: 'inHistory', callId: call.id, historyId: '20261201T021800000Z-eeee', previousRun: true });
    await first.frames(2);
    const saved = await first.state();
    await first.close();
    assert.ok(saved && saved.record === undefined && saved.callId === call.id, 'the big record is not in the state, its id is');
    assert.equal(saved.firstScreen?.id, call.id, 'and its first screen');

    // Without its first screen in the state, the call is asked for and the facts wait for it.
    const bare = await harness.open({ state: { ...saved, firstScreen: undefined } });
    assert.deepEqual(await bare.posted(), [{ type: 'needCall', callId: call.id, historyId: '20261201T021800000Z-eeee' }, { type: 'ready' }]);
    assert.equal(await bare.page.locator('.cache-note').count(), 0);
    assert.equal(await buttons(bare), 0);
    await bare.close();

    // With it, they are shown with the first screen at once, and stay once the whole call comes.
    const second = await harness.open({ state: saved });
    await second.frames(2);
    assert.deepEqual((await second.posted()).filter((m) => m.type === 'needCall'), [{ type: 'needCall', callId: call.id, whole: true }]);
    assert.match(await second.page.locator('#panel-response .cache-note').innerText(), /Version 1[\s\S]*Version 2/);
    assert.equal(await buttons(second), 1);
    await second.post({ type: 'callFinished', record: call });
    await second.frames(2);
    assert.match(await second.page.locator('#panel-response .cache-note').innerText(), /Version 1[\s\S]*Version 2/);
    assert.equal(await buttons(second), 1);
    assert.deepEqual(second.errors, []);
    await second.close();
  });

  it('a new call drops the kept note: a reload then brings back the new call without it', async () => {
    const { call, explanation } = cachedPair('call-old');
    const panel = await harness.open();
    await panel.post({ type: 'callFinished', record: call });
    await panel.post({ type: 'cacheExplanation', callId: call.id, explanation });
    const next = record({ id: 'call-new' });
    await panel.post({ type: 'callStarted', record: next });
    await panel.post({ type: 'callFinished', record: next });
    await panel.frames(2);
    assert.equal(await panel.page.locator('.cache-note').count(), 0);
    const saved = await panel.state();
    await panel.close();
    assert.equal(saved?.callId, next.id);
    assert.equal(saved?.cacheExplanation, undefined);
    assert.equal(saved?.previousRun, undefined);
  });

  it('keeps the "from history" mark across a reload, for a small call and for a big one, and drops it with the next call', async () => {
    const mark = '.call-header [data-testid="from-history"]';
    const small = record({ id: 'call-opened', startedAt: '2026-11-24T05:20:21.000Z' });
    const big = record({ id: 'call-opened-big', startedAt: '2026-11-24T05:21:00.000Z', message: message([{ type: 'text', text: `A long answer. ${'word '.repeat(80_000)}`, citations: null }]) });
    for (const opened of [small, big]) {
      const first = await harness.open();
      await first.post({ type: 'callFinished', record: record({ id: 'call-latest' }) });
      await first.post({ type: 'showRecord', record: opened });
      await first.frames(2);
      assert.equal(await first.page.locator(mark).count(), 1, 'marked before the reload');
      const saved = await first.state();
      await first.close();
      assert.equal(saved?.callId, opened.id);
      assert.equal(saved?.fromHistory, true, 'the mark is in the saved state, next to the call\'s id');
      assert.ok(JSON.stringify(saved).length < (opened === big ? 48 * 1024 : 64 * 1024), 'the state stays small');

      const second = await harness.open({ state: saved });
      if (opened === big) {
        // The big call's first screen is painted from the state, with the mark; the whole comes from the host, as a
        // plain callFinished.
        assert.equal(await second.page.locator(mark).count(), 1, 'marked on the first screen');
        await second.frames(2);
        assert.deepEqual((await second.posted()).filter((m) => m.type === 'needCall'), [{ type: 'needCall', callId: big.id, whole: true }]);
        await second.post({ type: 'callFinished', record: big });
      }
      await second.frames(2);
      assert.equal(await second.page.locator(mark).count(), 1, `still marked after the reload (${opened.id})`);
      // A reload of the reloaded panel keeps it too.
      const again = await second.state();
      assert.equal(again?.fromHistory, true);
      // The next call sent is the latest again: no mark, and none in the state.
      await second.post({ type: 'callStarted', record: record({ id: 'call-next' }) });
      await second.post({ type: 'callFinished', record: record({ id: 'call-next' }) });
      await second.frames(2);
      assert.equal(await second.page.locator(mark).count(), 0);
      const after = await second.state();
      assert.equal(after?.callId, 'call-next');
      assert.equal(after?.fromHistory, undefined);
      assert.deepEqual(second.errors, []);
      await second.close();
    }
  });

  it('marks a reloaded call only when its saved state says so, and ignores a mark it cannot read', async () => {
    const mark = '.call-header [data-testid="from-history"]';
    const kept = record({ id: 'call-kept' });
    for (const [facts, marked] of [
      [{ fromHistory: true }, true],
      [{ fromHistory: 'yes' }, false],
      [{ fromHistory: 1 }, false],
      [{}, false],
    ] as const) {
      const panel = await harness.open({ state: { record: kept, callId: kept.id, view: 'response', ...facts } as unknown as PanelState });
      await panel.frames(2);
      assert.equal(await panel.page.locator(mark).count(), marked ? 1 : 0, JSON.stringify(facts));
      assert.deepEqual(panel.errors, []);
      await panel.close();
    }
  });

  it('ignores what it cannot read in a saved state', async () => {
    const broken = [
      { cacheExplanation: 'nonsense', previousRun: 'yes' },
      { cacheExplanation: { breakpoints: 'none' }, historyId: 42, previousRun: 1 },
      { cacheExplanation: { breakpoints: [{}], usage: 'x' }, previousRun: true, historyId: null },
    ];
    for (const facts of broken) {
      const state = { record: record({ id: 'call-kept' }), callId: 'call-kept', view: 'response', ...facts } as unknown as PanelState;
      const panel = await harness.open({ state });
      await panel.frames(2);
      assert.match(await panel.page.locator('[data-testid="reply"]').innerText(), /\S/, 'the call itself is shown');
      assert.deepEqual(panel.errors, [], `state ${JSON.stringify(facts)}`);
      await panel.close();
    }
  });
});

// What a new user's walk found the panel saying wrong: a refused send counted differently from the Problems panel,
// an older call from History that looked like the last one, a Compare tab that went on showing a comparison of
// other calls after the panel moved on.
import * as assert from 'node:assert/strict';
import { compareCalls } from '../../src/shared/compare';
import { localTimeText } from '../../src/shared/format';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord } from './fixtures/records';

function comparison(aId: string, bId: string) {
  const a = record({ id: aId, startedAt: '2026-11-24T10:15:03.000Z' });
  const b = record({ id: bId, startedAt: '2026-11-24T10:16:40.000Z' });
  return { type: 'compare' as const, comparison: compareCalls(a, b), labels: { a: 'A: 10:15:03 claude-opus-5-5 (triage.claude.json)', b: 'B: 10:16:40 claude-haiku-5-5 (triage.claude.json)' } };
}

describe('webview: counts and marks a user can trust', function () {
  this.timeout(90_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('a refused send counts errors and warnings as the Problems panel does, and lists every error', async () => {
    for (const [errors, warnings] of [[3, 2], [1, 0], [1, 1], [7, 0], [2, 12]]) {
      const reasons = Array.from({ length: errors }, (_, i) => `broken.claude.json:${i + 7}:${i + 1}: problem number ${i + 1}`);
      await panel.post({ type: 'callRefused', title: 'broken.claude.json', reasons, warnings });
      const note = panel.page.locator('[data-testid="refused"]');
      const text = (await note.innerText()).replace(/\s+/g, ' ');
      const counted = `broken.claude.json has ${errors} ${errors === 1 ? 'error' : 'errors'}${warnings > 0 ? ` and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}`;
      assert.ok(text.includes(`Not sent: ${counted}`), `${counted}\n${text}`);
      assert.equal(await note.locator('li').count(), errors, 'each error listed');
      if (warnings > 0) {
        assert.ok(text.includes(`${errors + warnings} problems in all`), text);
        assert.match(text, /warnings do not stop a send/);
      } else {
        assert.doesNotMatch(text, /warning/);
      }
      assert.doesNotMatch(await note.locator('.refused-title').innerText(), /problem/, 'the count names errors and warnings, as the Problems panel does');
    }
    // A host (or saved state) that says nothing of warnings: errors only.
    await panel.post({ type: 'callRefused', title: 'x.claude.json', reasons: ['x.claude.json:1:1: invalid JSON'] });
    assert.match(await panel.page.locator('[data-testid="refused"]').innerText(), /has 1 error\b(?! and)/);
  });

  it('marks a call opened from History with its local time, and not the calls sent after it', async () => {
    const startedAt = '2026-11-24T05:20:21.000Z';
    await panel.post({ type: 'callFinished', record: record({ id: 'latest', message: message([{ type: 'text', text: 'latest' }]) }) });
    assert.equal(await panel.page.locator('[data-testid="from-history"]').count(), 0, 'a call just sent is not marked');
    await panel.post({ type: 'showRecord', record: record({ id: 'older', startedAt, message: message([{ type: 'text', text: 'older' }]) }) });
    const mark = panel.page.locator('.call-header [data-testid="from-history"]');
    assert.equal((await mark.innerText()).trim(), `from history · ${localTimeText(startedAt)}`);
    assert.doesNotMatch(await mark.innerText(), /T05:20|Z$/);
    // The next call sent is the latest again: no mark.
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'next' }) });
    assert.equal(await panel.page.locator('[data-testid="from-history"]').count(), 0);
    await panel.post({ type: 'callFinished', record: record({ id: 'next' }) });
    assert.equal(await panel.page.locator('[data-testid="from-history"]').count(), 0);
  });

  it('says the Compare tab holds an earlier comparison, naming both calls, once the shown call is neither side', async () => {
    await panel.post({ type: 'callFinished', record: record({ id: 'b-call' }) });
    await panel.post(comparison('a-call', 'b-call'));
    const earlier = panel.page.locator('#panel-compare [data-testid="compare-earlier"]');
    assert.equal(await earlier.count(), 0, 'fresh: made while this call is shown');
    // Either side of it shown: still about the shown call.
    await panel.post({ type: 'showRecord', record: record({ id: 'a-call' }) });
    assert.equal(await earlier.count(), 0);
    // Another call: the comparison is an earlier one.
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'other' }) });
    await panel.post({ type: 'callFinished', record: record({ id: 'other' }) });
    await panel.page.locator('#tab-compare').click();
    assert.ok(await earlier.isVisible());
    const text = await earlier.innerText();
    assert.match(text, /earlier comparison/);
    assert.ok(text.includes('A: 10:15:03 claude-opus-5-5') && text.includes('B: 10:16:40 claude-haiku-5-5'), text);
    // A new comparison is fresh again.
    await panel.post(comparison('other', 'c-call'));
    assert.equal(await earlier.count(), 0);
  });
});

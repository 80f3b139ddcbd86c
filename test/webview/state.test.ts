// After a window reload the panel comes back from its saved state: the record at once, on the chosen view.
import * as assert from 'node:assert/strict';
import { Harness, useHarness } from './harness';
import { everyBlock, message, record, streamedCall } from './fixtures/records';

describe('webview: saved state', function () {
  this.timeout(60_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  it('renders the saved record at once after a reload, on the saved view', async () => {
    const first = await harness.open();
    const r = record({ message: message(everyBlock()) });
    await first.post({ type: 'callFinished', record: r });
    await first.page.locator('#tab-request').click();
    const saved = await first.state();
    await first.close();
    assert.equal(saved?.view, 'request');

    const second = await harness.open({ state: saved });
    // No host message at all: what shows comes from the state.
    assert.equal(await second.page.locator('#tab-request').getAttribute('aria-selected'), 'true');
    assert.match(await second.page.locator('#panel-request').innerText(), /"max_tokens": 1024/);
    await second.page.locator('#tab-response').click();
    assert.equal(await second.page.locator('.blocks > .block').count(), everyBlock().length);
    await second.page.locator('.call-details > summary').click();
    assert.match(await second.page.locator('.call-header').innerText(), /msg_01TestMessage/);
    const posted = await second.posted();
    assert.deepEqual(posted.map((m) => m.type), ['ready']);
    assert.deepEqual(second.errors, []);
    await second.close();
  });

  it('ignores a saved state it cannot read', async () => {
    const panel = await harness.open({ state: { record: { nonsense: true } as never, view: 'nowhere' } });
    assert.match(await panel.page.locator('#app').innerText(), /No call yet/);
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });

  it('after a reload during a call, shows the saved record until the host replays the running call', async () => {
    const old = record({ id: 'old', message: message([{ type: 'text', text: 'The old answer.' }]) });
    const panel = await harness.open({ state: { record: old, view: 'response' } });
    assert.match(await panel.page.locator('[data-testid="reply"]').innerText(), /The old answer\./);
    const running = record({ id: 'running', message: message([{ type: 'text', text: 'The new answer, replayed.' }]) });
    const messages = streamedCall(running, 50);
    // The host replays callStarted and every event so far, in one batch.
    await panel.postAll(messages.slice(0, -1));
    await panel.frames();
    assert.match(await panel.page.locator('[data-testid="reply"]').innerText(), /The new answer, replayed\./);
    assert.doesNotMatch(await panel.page.locator('[data-testid="reply"]').innerText(), /old answer/);
    // A late message about the old call changes nothing.
    await panel.post({ type: 'callFinished', record: old });
    assert.match(await panel.page.locator('[data-testid="reply"]').innerText(), /The new answer, replayed\./);
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});

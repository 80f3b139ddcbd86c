// Events that arrived but were not folded into the message are shown, not lost: a warning note under the message
// that says how many and why, each event's type and raw data on request, and the Timeline lists them too. Their
// data is the server's and untrusted: it is shown as text and runs nothing.
import * as assert from 'node:assert/strict';
import type { CallRecord, UnfoldedEvent } from '../../src/shared/callRecord';
import { type PanelPage, usePanel } from './harness';
import { message, record, streamEvents } from './fixtures/records';

const HOSTILE = `<img src=x onerror=__pwned('unfolded-img')><script>__pwned('unfolded-script')</script>`;

function calls(): { plain: CallRecord; withUnfolded: CallRecord; unfolded: UnfoldedEvent[] } {
  const msg = message([{ type: 'text', text: 'The answer.', citations: null }]);
  const events = streamEvents(msg);
  const after = events.length;
  const unfolded: UnfoldedEvent[] = [
    { index: after + 1, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: HOSTILE } }, why: 'it came after message_stop' },
    // Data that was not JSON is kept as the raw text.
    { index: after + 2, event: `message_start${HOSTILE}`, data: `not json ${HOSTILE}`, why: 'a second message_start, after the message had begun' },
  ];
  const timeline = [...events, ...unfolded.map((e, i) => ({ ms: 900 + i, event: e.event, data: e.data }))];
  const plain = record({ id: 'call-plain', streamed: true, message: msg, timeline: events });
  const withUnfolded = record({ id: 'call-unfolded', streamed: true, message: msg, timeline, unfoldedEvents: unfolded });
  return { plain, withUnfolded, unfolded };
}

/** The Response view's text with the unfolded note taken out, to compare with a call that had none. */
async function responseTextWithoutNote(panel: PanelPage): Promise<string> {
  // The test build has no DOM types: the few used here, by shape.
  type Shape = { cloneNode(deep: boolean): Shape; querySelector(s: string): { remove(): void } | null; textContent: string | null };
  return panel.page.locator('#panel-response').evaluate((node) => {
    const copy = (node as unknown as Shape).cloneNode(true);
    copy.querySelector('[data-testid="unfolded"]')?.remove();
    return copy.textContent ?? '';
  });
}

describe('webview: events not folded into the message', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('says how many and why under the message, each event reachable, the rest unchanged, nothing run', async () => {
    const { plain, withUnfolded, unfolded } = calls();
    await panel.post({ type: 'callFinished', record: plain });
    assert.equal(await panel.page.locator('[data-testid="unfolded"]').count(), 0, 'no note when every event was folded');
    const before = await responseTextWithoutNote(panel);

    await panel.post({ type: 'callFinished', record: withUnfolded });
    const note = panel.page.locator('#panel-response [data-testid="unfolded"]');
    assert.equal(await note.count(), 1);
    const text = await note.innerText();
    assert.match(text, /2 events arrived but were not folded into the message/);
    assert.match(text, /it came after message_stop/);
    assert.match(text, /a second message_start, after the message had begun/);
    // Under the message: after its blocks.
    const after = await panel.page.evaluate(() => {
      type Found = { compareDocumentPosition(other: Found): number } | null;
      const doc = (globalThis as unknown as { document: { querySelector(s: string): Found } }).document;
      const reply = doc.querySelector('#panel-response [data-testid="reply"]');
      const found = doc.querySelector('#panel-response [data-testid="unfolded"]');
      return !!reply && !!found && (reply.compareDocumentPosition(found) & 4) !== 0; // Node.DOCUMENT_POSITION_FOLLOWING
    });
    assert.ok(after, 'the note comes after the message');
    assert.equal(await responseTextWithoutNote(panel), before, 'nothing else in the Response view changed');

    // Each event: collapsed, its type in the summary, its raw data shown as text once opened.
    const blocks = note.locator('[data-testid="unfolded-event"]');
    assert.equal(await blocks.count(), 2);
    for (let i = 0; i < unfolded.length; i++) {
      const block = blocks.nth(i);
      assert.equal(await block.getAttribute('open'), null, 'collapsed at first');
      assert.ok((await block.locator('summary').innerText()).includes(unfolded[i].event));
      await block.locator('summary').click();
      const data = await block.locator('pre').innerText();
      assert.ok(data.includes(HOSTILE), `event ${i}'s data is reachable as text: ${data}`);
    }

    // The Timeline lists them too, as rows of their own.
    await panel.page.locator('#tab-timeline').click();
    const timeline = panel.page.locator('#panel-timeline');
    const names = await timeline.locator('tbody tr td.event-name').allInnerTexts();
    assert.deepEqual(names.slice(-2), unfolded.map((e) => e.event), 'the last rows are the events after message_stop');
    for (const opener of await timeline.locator('details.event-data summary').all()) {
      await opener.click();
    }
    assert.ok((await timeline.innerText()).includes(HOSTILE), 'the timeline shows the hostile data as text');

    await panel.frames(2);
    await panel.page.waitForTimeout(300);
    assert.deepEqual(panel.pwned, [], 'no script ran from event data');
    assert.deepEqual(panel.dialogs, []);
    assert.deepEqual(panel.errors, [], 'no script error');
    assert.deepEqual(await panel.violations(), [], 'nothing tried what the CSP forbids');
    assert.equal(await panel.page.locator('#app img, #app script').count(), 0, 'no element was made from the data');
  });
});

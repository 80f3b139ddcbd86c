// A big answer streamed fast into a page whose frames spend long in rendering after each change of the answer (as in
// VS Code, where the webview shares the workbench's main thread and its style and layout): the panel still shows
// every paragraph, once, in order, and stops saying "streaming" with the final record. A guard for any scheme that
// sizes the panel's per-frame work by the frames' measured cost: nothing that arrived may be lost when frames are slow.
import * as assert from 'node:assert/strict';
import type { JsonObject } from '../../src/shared/callRecord';
import { CoalescedEvents } from '../../src/extension/panel/coalescedEvents';
import type { HostMessage } from '../../src/shared/protocol';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

function paragraphs(count: number): string {
  return Array.from({ length: count }, (_, i) => `Paragraph ${i}: ${'slow layout '.repeat(8).trim()} end${i}.`).join('\n\n');
}

describe('webview: a fast stream while each frame renders slowly', function () {
  this.timeout(180_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('shows the whole answer, once and in order, however little each frame may do', async () => {
    // Every change of the page's size costs 25 ms more of rendering (a ResizeObserver runs in the frame's rendering,
    // after layout).
    await panel.page.evaluate(() => {
      const w = globalThis as unknown as {
        ResizeObserver: new (callback: () => void) => { observe(target: unknown): void; disconnect(): void };
        document: { body: unknown };
        performance: { now(): number };
      };
      const observer = new w.ResizeObserver(() => {
        const until = w.performance.now() + 25;
        while (w.performance.now() < until) {
          // busy: the frame's rendering runs long
        }
      });
      observer.observe(w.document.body);
      (globalThis as unknown as { __slow?: unknown }).__slow = observer;
    });
    const text = paragraphs(5000);
    const full = record({ id: 's1', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 4);
    const coalesced = new CoalescedEvents();
    const batches: HostMessage[] = [];
    events.forEach((event, i) => {
      coalesced.push(event);
      if ((i + 1) % 2000 === 0 || i === events.length - 1) {
        batches.push({ type: 'events', callId: 's1', events: coalesced.take() });
      }
    });
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 's1', streamed: true }) });
    for (const batch of batches) {
      await panel.post(batch);
      await panel.frames(1);
    }
    await panel.post({ type: 'callFinished', record: full });
    assert.equal(await panel.page.locator('.running').count(), 0, 'the panel no longer says the call runs');
    let shown: string[] = [];
    for (let frame = 0; frame < 3000 && shown.length < 5000; frame += 20) {
      await panel.frames(20);
      shown = await panel.page.locator('.block-text .md p').allTextContents();
    }
    assert.equal(shown.length, 5000, `every paragraph (${shown.length} shown)`);
    assert.equal(shown.join('\n\n'), text, 'the text exactly as streamed, once');
    assert.equal(await panel.page.locator('.block.live').count(), 0, 'no block says it is streaming');
    await panel.page.evaluate(() => (globalThis as unknown as { __slow?: { disconnect(): void } }).__slow?.disconnect());
  });
});

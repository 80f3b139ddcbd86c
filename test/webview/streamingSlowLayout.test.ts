// A big answer streamed fast into a page whose frames spend long in rendering after each change of the answer (as in
// VS Code, where the webview shares the workbench's main thread and its style and layout): the panel still shows
// every paragraph, once, in order, and stops saying "streaming" with the final record. A guard for any scheme that
// sizes the panel's per-frame work by the frames' measured cost: nothing that arrived may be lost when frames are slow.
// And on a machine where each paragraph takes long to render (the real workbench, loaded), a frame stops between two
// paragraphs when its time is up, not after a whole slice of text.
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

  it('renders a stream of short paragraphs a few per frame when each one renders slowly, never a frame of a hundred', async () => {
    // Every markdown render costs 1 ms more (renderMarkdown parses its HTML through a template), and each animation
    // frame callback's time is noted.
    await panel.page.evaluate(() => {
      const w = globalThis as unknown as {
        HTMLTemplateElement: { prototype: object };
        Element: { prototype: object };
        performance: { now(): number };
        requestAnimationFrame(callback: (time: number) => void): number;
        __frameMs?: number[];
      };
      const inner = Object.getOwnPropertyDescriptor(w.Element.prototype, 'innerHTML') as PropertyDescriptor;
      Object.defineProperty(w.HTMLTemplateElement.prototype, 'innerHTML', {
        configurable: true,
        get(this: unknown) {
          return inner.get?.call(this);
        },
        set(this: unknown, html: string) {
          const until = w.performance.now() + 1;
          while (w.performance.now() < until) {
            // busy: a slow machine's markdown render
          }
          inner.set?.call(this, html);
        },
      });
      const frames: number[] = [];
      w.__frameMs = frames;
      const request = w.requestAnimationFrame.bind(w);
      w.requestAnimationFrame = (callback) =>
        request((time) => {
          const started = w.performance.now();
          try {
            callback(time);
          } finally {
            frames.push(w.performance.now() - started);
          }
        });
    });
    const text = Array.from({ length: 1200 }, (_, i) => `Short ${i}.`).join('\n\n');
    const full = record({ id: 's2', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 3000);
    const coalesced = new CoalescedEvents();
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 's2', streamed: true }) });
    for (const event of events) {
      coalesced.push(event);
      await panel.post({ type: 'events', callId: 's2', events: coalesced.take() });
      await panel.frames(1);
    }
    let shown: string[] = [];
    for (let frame = 0; frame < 3000 && shown.length < 1200; frame += 20) {
      await panel.frames(20);
      shown = await panel.page.locator('.block-text .md p').allTextContents();
    }
    await panel.post({ type: 'callFinished', record: full });
    await panel.frames(4);
    shown = await panel.page.locator('.block-text .md p').allTextContents();
    const frameMs = await panel.page.evaluate(() => (globalThis as unknown as { __frameMs: number[] }).__frameMs);
    await panel.page.evaluate(() => {
      delete (globalThis as unknown as { HTMLTemplateElement: { prototype: { innerHTML?: unknown } } }).HTMLTemplateElement.prototype.innerHTML;
    });
    assert.equal(shown.join('\n\n'), text, 'the text exactly as streamed, once');
    // Each batch of 3000 characters holds about 300 paragraphs: rendered in one go, a frame of 300 ms.
    const longest = Math.max(...frameMs);
    assert.ok(longest < 60, `the longest frame's script ${Math.round(longest)} ms (of ${frameMs.length} frames)`);
  });
});

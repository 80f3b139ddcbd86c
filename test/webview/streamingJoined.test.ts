// A big answer streamed fast, as the host posts it: a block's consecutive deltas joined into a few events per batch
// (extension/panel/coalescedEvents.ts, the host's own code). The panel shows the same answer and the same timeline
// as from the deltas one by one, counts every delta, stops saying "streaming" with the final record, and renders a
// batch too big for one frame over several frames, catching up by itself while the stream still runs.
import * as assert from 'node:assert/strict';
import { CoalescedEvents } from '../../src/extension/panel/coalescedEvents';
import type { JsonObject, TimelineEntry } from '../../src/shared/callRecord';
import { foldEvent } from '../../src/shared/timeline';
import type { HostMessage } from '../../src/shared/protocol';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

/** Paragraphs that say their own number, so that the last one shown tells how far the rendering got. */
/** The page, as the test reads it at each animation frame (this file is compiled without the DOM's types). */
interface FramePage {
  document: { querySelectorAll(selector: string): { length: number } };
  requestAnimationFrame(callback: () => void): number;
  paragraphCounts: number[];
}

function paragraphs(count: number, words = 20): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`Paragraph ${i}: ${'lorem ipsum '.repeat(words / 2).trim()} end${i}.`);
  }
  return out.join('\n\n');
}

/** The timeline the host records from the events as they came. */
function recorded(events: readonly TimelineEntry[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  events.forEach((event) => foldEvent(entries, { ...event }));
  return entries;
}

/** The events cut into batches of `perBatch` and joined as the host joins them. */
function joinedBatches(callId: string, events: readonly TimelineEntry[], perBatch: number): HostMessage[] {
  const out: HostMessage[] = [];
  const coalesced = new CoalescedEvents();
  events.forEach((event, i) => {
    coalesced.push(event);
    if ((i + 1) % perBatch === 0 || i === events.length - 1) {
      out.push({ type: 'events', callId, events: coalesced.take() });
    }
  });
  return out;
}

describe('webview: a big answer streamed fast, deltas joined by the host', function () {
  this.timeout(120_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  /** The text block's paragraphs once `count` are there (the rendering may still be catching up), within 600 frames. */
  async function paragraphsWhen(count: number): Promise<string[]> {
    for (let frame = 0; frame < 600; frame += 10) {
      const shown = await panel.page.locator('.block-text .md p').allTextContents();
      if (shown.length >= count) {
        return shown;
      }
      await panel.frames(10);
    }
    return panel.page.locator('.block-text .md p').allTextContents();
  }

  it('shows the exact answer and a timeline that counts every delta, and stops streaming with the final record', async () => {
    const thinking = 'Step by step.\n'.repeat(20_000);
    const text = paragraphs(4000);
    const input = { query: 'q'.repeat(50_000), n: 7 };
    const full = record({
      id: 'j1',
      streamed: true,
      message: message([
        { type: 'thinking', thinking, signature: 'EqQBCgIYAhIM' },
        { type: 'text', text },
        { type: 'tool_use', id: 'toolu_01', name: 'search', input },
      ]),
    });
    const events = streamEvents(full.message as JsonObject, 3);
    const batches = joinedBatches('j1', events, 20_000);
    const posted = batches.reduce((sum, m) => sum + (m.type === 'events' ? m.events.length : 0), 0);
    assert.ok(events.length > 200_000, `a stream of ${events.length} events`);
    assert.ok(posted < 20 + batches.length * 2, `${posted} events posted for ${events.length} in ${batches.length} batches`);

    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j1', streamed: true }) });
    await panel.page.locator('#tab-timeline').click();
    await panel.postAll(batches);
    await panel.frames();
    const timeline = recorded(events);
    const countLine = await panel.page.getByText(/events? in \d+ rows?/).innerText();
    assert.equal(Number(/^([\d,]+) events/.exec(countLine)?.[1].replace(/,/g, '')), events.length, `every delta counted: "${countLine}"`);
    assert.match(countLine, new RegExp(` in ${timeline.length} rows`));
    const live = await panel.page.locator('.timeline tbody tr').allInnerTexts();
    assert.ok((await panel.page.locator('.running').count()) > 0, 'still streaming before the final record');

    await panel.post({ type: 'callFinished', record: { ...full, timeline } });
    await panel.frames();
    assert.equal(await panel.page.locator('.block.live').count(), 0, 'no block says it is streaming');
    assert.equal(await panel.page.locator('.running').count(), 0, 'the panel no longer says the call runs');
    assert.deepEqual(await panel.page.locator('.timeline tbody tr').allInnerTexts(), live, 'the recorded timeline has the same rows as the live one');

    await panel.page.locator('#tab-response').click();
    await panel.frames();
    const shown = await paragraphsWhen(4000);
    assert.equal(shown.length, 4000, 'every paragraph, once');
    assert.equal(shown[3999], text.slice(text.lastIndexOf('\n\n') + 2));
    assert.equal(shown.join('\n\n'), text, 'the text exactly as streamed');
  });

  it('renders a batch too big for one frame over several frames, and catches up while the stream runs', async () => {
    const text = paragraphs(6000);
    const full = record({ id: 'j2', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 5);
    const start = events.findIndex((e) => e.event === 'content_block_delta');
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j2', streamed: true }) });
    await panel.post({ type: 'events', callId: 'j2', events: events.slice(0, start) });
    // What each frame showed, read in the page at every animation frame: a count read from here after a round trip
    // could come frames late (all of it rendered on a fast machine), and say nothing of how the work was spread.
    await panel.page.evaluate(() => {
      const page = globalThis as unknown as FramePage;
      const counts: number[] = [];
      page.paragraphCounts = counts;
      const sample = (): void => {
        counts.push(page.document.querySelectorAll('.block-text .md p').length);
        if (counts[counts.length - 1] < 5999 && counts.length < 5000) {
          page.requestAnimationFrame(sample);
        }
      };
      page.requestAnimationFrame(sample);
    });
    // The whole text in one batch: a stream far faster than the panel renders.
    await panel.postAll(joinedBatches('j2', events.slice(start, stop), Number.MAX_SAFE_INTEGER));
    const paragraphsShown = (): Promise<number> => panel.page.locator('.block-text .md p').count();
    let shown = await paragraphsShown();
    for (let frame = 0; frame < 2000 && shown < 5999; frame += 10) {
      await panel.frames(10);
      shown = await paragraphsShown();
    }
    const counts = await panel.page.evaluate(() => (globalThis as unknown as FramePage).paragraphCounts);
    const partial = new Set(counts.filter((count) => count > 0 && count < 5999));
    assert.ok(partial.size >= 2, `the batch was rendered over several frames, each showing part of it (counts seen: ${[...new Set(counts)].join(', ')})`);
    // The last paragraph is still the open tail (no blank line after it yet): 5999 finished ones.
    assert.ok(shown >= 5999, `the rendering caught up while the stream runs (${shown} paragraphs)`);
    assert.equal(await panel.page.locator('.block-text.live').count(), 1, 'the block still streams');
    await panel.post({ type: 'events', callId: 'j2', events: events.slice(stop) });
    await panel.post({ type: 'callFinished', record: full });
    await panel.frames();
    const all = await panel.page.locator('.block-text .md p').allTextContents();
    assert.equal(all.join('\n\n'), text);
    assert.equal(await panel.page.locator('.block.live').count(), 0);
  });

  it('stops streaming with the final record even when the rendering is behind, then completes the text', async () => {
    const text = paragraphs(8000);
    const full = record({ id: 'j3', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 4);
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j3', streamed: true }) });
    // The whole stream at once, then the final record: the panel had no frame to render any of it.
    await panel.postAll(joinedBatches('j3', events, Number.MAX_SAFE_INTEGER));
    await panel.post({ type: 'callFinished', record: full });
    assert.equal(await panel.page.locator('.running').count(), 0, 'the panel no longer says the call runs');
    assert.equal(await panel.page.locator('.block.live').count(), 0, 'no block says it is streaming');
    const all = await paragraphsWhen(8000);
    assert.equal(all.join('\n\n'), text, 'the text exactly as streamed, once');
  });
});

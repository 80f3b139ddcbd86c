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
  document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { textContent: string | null } | null };
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

  it('a batch far bigger than a frame: the screen and the live end rendered at once, the rest when looked at or after the stream', async () => {
    const text = paragraphs(6000);
    const full = record({ id: 'j2', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 5);
    const start = events.findIndex((e) => e.event === 'content_block_delta');
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j2', streamed: true }) });
    await panel.post({ type: 'events', callId: 'j2', events: events.slice(0, start) });
    // The whole text in one batch: a stream far faster than the panel renders.
    await panel.postAll(joinedBatches('j2', events.slice(start, stop), Number.MAX_SAFE_INTEGER));
    // The last paragraph is the open tail (no blank line after it yet), rendered each frame: once it shows, all is in.
    const tailShows = (): Promise<boolean> => panel.page.evaluate(() => (globalThis as unknown as FramePage).document.querySelector('.block-text .md-tail')?.textContent?.includes('end5999.') === true);
    // The reader goes to the answer's end (its tail is not drawn again every frame while it is far below the screen).
    const toEnd = () => panel.page.evaluate(() => {
      const page = globalThis as unknown as { scrollTo(x: number, y: number): void; document: { documentElement: { scrollHeight: number } } };
      page.scrollTo(0, page.document.documentElement.scrollHeight);
    });
    await panel.frames(10);
    let shown = await tailShows();
    for (let frame = 0; frame < 600 && !shown; frame += 10) {
      await toEnd();
      await panel.frames(10);
      shown = await tailShows();
    }
    assert.equal(shown, true, 'the stream\'s live end shows while it runs, when the reader goes there');
    await panel.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await panel.frames(4);
    assert.equal(await panel.page.locator('.block-text.live').count(), 1, 'the block still streams');
    // What is on screen is rendered markdown, from the first paragraph on; what is far below it waits.
    const deferred = async () => panel.page.evaluate(() => {
      const page = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { top: number; bottom: number } }> }; innerHeight: number };
      const waiting = Array.from(page.document.querySelectorAll('.block-text .md-deferred'));
      return { waiting: waiting.length, onScreen: waiting.filter((group) => group.getBoundingClientRect().top < page.innerHeight && group.getBoundingClientRect().bottom > 0).length };
    });
    const live = await deferred();
    assert.equal(live.onScreen, 0, 'no group on screen is waiting');
    assert.ok(live.waiting > 0, 'the text far below the screen waits to be rendered');
    assert.equal(await panel.page.locator('.block-text .md p').first().textContent(), text.slice(0, text.indexOf('\n\n')));
    // Scrolled to, a waiting group renders (a few screens before it shows).
    const before = await panel.page.locator('.block-text .md p').count();
    await panel.page.locator('.block-text .md-deferred').nth(Math.floor(live.waiting / 2)).scrollIntoViewIfNeeded();
    // Rendering a group changes its height from the estimate, and may bring the next one on screen: a few frames.
    let middle = await deferred();
    for (let frame = 0; frame < 60 && middle.onScreen > 0; frame += 2) {
      await panel.frames(2);
      middle = await deferred();
    }
    assert.equal(middle.onScreen, 0, `scrolled to the middle: what is on screen is rendered (${JSON.stringify(middle)} of ${JSON.stringify(live)})`);
    assert.ok((await panel.page.locator('.block-text .md p').count()) > before, 'more paragraphs rendered');
    // The live end's text does not go blank while the groups above wait their turn (rendered between frames, not
    // yet begun when the block's stop has been handled): it is rendered at once.
    const waitingAtEnd = await panel.page.locator('.block-text .md-deferred').count();
    await panel.post({ type: 'events', callId: 'j2', events: events.slice(stop) });
    assert.match(String(await panel.page.locator('.block-text .md p').last().textContent()), /end5999\.$/);
    assert.ok(waitingAtEnd > 1, `groups waited when the stream ended (${waitingAtEnd})`);
    await panel.post({ type: 'callFinished', record: full });
    const all = await paragraphsWhen(6000);
    assert.equal(all.join('\n\n'), text, 'after the stream, all of it rendered in order, each paragraph once');
    assert.equal(await panel.page.locator('.md-deferred').count(), 0);
    assert.equal(await panel.page.locator('.block.live').count(), 0);
  });

  it('an answer that ends with a closed code fence, far below the screen: its end is rendered as soon as the stream stops', async () => {
    const text = `${paragraphs(3000)}\n\n\`\`\`js\nconsole.log(2999);\n\`\`\`\n`;
    const full = record({ id: 'j4', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 5);
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j4', streamed: true }) });
    // Most of it at once, then, once the panel has seen its end go far below the screen, the last few hundred deltas.
    const lastPart = stop - 200;
    await panel.postAll(joinedBatches('j4', events.slice(0, lastPart), Number.MAX_SAFE_INTEGER));
    await panel.frames(20);
    await panel.postAll(joinedBatches('j4', events.slice(lastPart, stop), Number.MAX_SAFE_INTEGER));
    await panel.frames(5);
    assert.ok((await panel.page.locator('.block-text .md-deferred').count()) > 1, 'what came far below the screen waits');
    // The closing fence finished the last segment during the stream, so it waits with the rest; the block's stop
    // renders the last group at once, the others in turn (between frames, not yet begun here).
    await panel.post({ type: 'events', callId: 'j4', events: events.slice(stop) });
    // Read at once, in the page (a locator would wait for the code to appear, and the background pass would bring it).
    const lastCode = await panel.page.evaluate(() => {
      const codes = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document.querySelectorAll('.block-text .md code');
      return codes.length > 0 ? codes[codes.length - 1].textContent?.trim() : undefined;
    });
    assert.equal(lastCode, 'console.log(2999);', 'the end is shown, not a blank placeholder');
    await panel.post({ type: 'callFinished', record: full });
    const all = await paragraphsWhen(3000);
    assert.equal(all.join('\n\n'), paragraphs(3000));
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

  it('a code block of 200 KB the reader watches grow is rendered in place when it closes, not put away to wait', async () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `const line${i} = ${i}; // watched`).join('\n');
    const text = `Before the code.\n\n\`\`\`js\n${lines}\n\`\`\`\n\nAfter the code.`;
    const full = record({ id: 'j5', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 4000);
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'j5', streamed: true }) });
    // Any placeholder put in the page, however briefly (the reader would see the source flash at an estimated height).
    await panel.page.evaluate(() => {
      const page = globalThis as unknown as {
        MutationObserver: new (callback: (records: Array<{ addedNodes: ArrayLike<{ classList?: { contains(name: string): boolean } }> }>) => void) => { observe(target: unknown, options: unknown): void };
        document: { body: unknown };
        __placeholders: number;
      };
      page.__placeholders = 0;
      new page.MutationObserver((records) => {
        for (const record of records) {
          page.__placeholders += Array.from(record.addedNodes).filter((node) => node.classList?.contains('md-deferred')).length;
        }
      }).observe(page.document.body, { childList: true, subtree: true });
    });
    // A batch per frame: the panel keeps up, the fence grows in the live tail.
    for (const event of events.slice(0, stop)) {
      await panel.post({ type: 'events', callId: 'j5', events: [event] });
      await panel.frames(1);
    }
    await panel.frames(4);
    const shown = await panel.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
      const codes = Array.from(doc.querySelectorAll('.block-text .md pre code'));
      return { waiting: doc.querySelectorAll('.block-text .md-deferred').length, code: codes.map((c) => c.textContent ?? '').join('') };
    });
    assert.equal(shown.waiting, 0, 'nothing waits in a placeholder');
    assert.equal(await panel.page.evaluate(() => (globalThis as unknown as { __placeholders: number }).__placeholders), 0, 'nor ever did');
    assert.ok(shown.code.includes('const line7999 = 7999; // watched'), 'the whole block is rendered as code');
    assert.equal(await panel.page.locator('.block-text .md p').last().textContent(), 'After the code.');
    await panel.post({ type: 'events', callId: 'j5', events: events.slice(stop) });
    await panel.post({ type: 'callFinished', record: full });
  });
});

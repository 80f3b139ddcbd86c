// Long numbered lists streamed into the panel: the live rendering cuts a long list into segments (each an
// <ol start=N>) and gathers segments in groups that scope their CSS counters (contain: style, media/panel/markdown.css).
// The numbers a reader sees must still run on across segments and groups, and a list after another starts at 1.
// The numbers are read from the accessibility tree (the list markers as Chromium draws them), not from the markup.
import * as assert from 'node:assert/strict';
import type { JsonObject, TimelineEntry } from '../../src/shared/callRecord';
import type { HostMessage } from '../../src/shared/protocol';
import { CoalescedEvents } from '../../src/extension/panel/coalescedEvents';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

/** An ordered list of `count` items, each saying its number ("Item 7 of list A"), so a marker can be checked. */
function orderedList(name: string, count: number): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    out.push(`${i}. Item ${i} of list ${name}, with *a few* words to make it long enough.`);
  }
  return out.join('\n');
}

/** The events cut into batches of `perBatch` and joined as the host joins them (coalescedEvents.ts). */
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

describe('webview: long numbered lists streamed across segments and groups', function () {
  this.timeout(120_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  /**
   * Each list item's marker as drawn ("12. ") and the number its own text says, in document order. Sealed groups
   * off screen are not laid out (content-visibility: auto) and have no markers yet: each is made visible first, as
   * scrolling to it would (it keeps its style containment, which is what scopes the counters).
   */
  async function markers(): Promise<Array<{ marker: string; says: string }>> {
    await panel.page.locator('.block-text .md-group').evaluateAll((groups: Array<{ style: { contentVisibility: string } }>) => {
      for (const group of groups) {
        group.style.contentVisibility = 'visible';
      }
    });
    await panel.frames();
    const texts = await panel.page.locator('.block-text .md li').allTextContents();
    const says = texts.map((text) => /Item (\d+) of list (\w+)/.exec(text)?.slice(1).join(' ') ?? '');
    const cdp = await panel.page.context().newCDPSession(panel.page);
    try {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value?: string }; name?: { value?: string } }> };
      const drawn = nodes.filter((n) => n.role?.value === 'ListMarker').map((n) => n.name?.value ?? '');
      assert.equal(drawn.length, says.length, `a marker for every list item (${drawn.length} markers, ${says.length} items)`);
      return says.map((item, i) => ({ marker: drawn[i], says: item }));
    } finally {
      await cdp.detach();
    }
  }

  function assertNumbered(shown: Array<{ marker: string; says: string }>, lists: Array<[string, number]>): void {
    const expected = lists.flatMap(([name, count]) => Array.from({ length: count }, (_, i) => `${i + 1}. ${i + 1} ${name}`));
    const actual = shown.map((item) => `${item.marker.trim()} ${item.says}`);
    assert.equal(actual.length, expected.length, 'every item shown once');
    const wrong = actual.findIndex((line, i) => line !== expected[i]);
    assert.equal(wrong, -1, `item ${wrong} is drawn "${actual[wrong]}", expected "${expected[wrong]}"`);
  }

  async function streamed(id: string, text: string, perBatch: number): Promise<void> {
    const full = record({ id, streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 7);
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id, streamed: true }) });
    for (const batch of joinedBatches(id, events.slice(0, stop), perBatch)) {
      await panel.post(batch);
      await panel.frames(1);
    }
    // Caught up while the block still streams: the last item is the open tail, drawn once the reader is at the end
    // (far below the screen it is not drawn again every frame).
    const lastItem = /Item \d+ of list \w+/.exec(text.slice(text.lastIndexOf('Item ')))?.[0] ?? '';
    for (let frame = 0; frame < 2000; frame += 10) {
      const last = await panel.page.locator('.block-text .md li').last().textContent();
      if (last?.includes(lastItem)) {
        break;
      }
      await panel.page.evaluate(() => {
        const page = globalThis as unknown as { scrollTo(x: number, y: number): void; document: { documentElement: { scrollHeight: number } } };
        page.scrollTo(0, page.document.documentElement.scrollHeight);
      });
      await panel.frames(10);
    }
    await panel.post({ type: 'events', callId: id, events: events.slice(stop) });
    await panel.post({ type: 'callFinished', record: full });
    await panel.frames();
  }

  it('numbers a list cut into many segments and groups right, live and after the stream', async () => {
    const text = `${orderedList('A', 2500)}\n\nA paragraph between two lists.\n\n${orderedList('B', 40)}`;
    await streamed('l1', text, 600);
    const groups = await panel.page.locator('.block-text .md-group').count();
    const starts = await panel.page.locator('.block-text ol[start]').count();
    assert.ok(groups > 2 && starts > 4, `the list crosses groups (${groups}) and segments (${starts} lists with a start)`);
    assertNumbered(await markers(), [['A', 2500], ['B', 40]]);
  });

  it('numbers it right when the whole list comes in one batch (rendered far behind the stream, in sealed groups)', async () => {
    const text = `${orderedList('A', 3000)}\n\nBetween.\n\n${orderedList('B', 12)}`;
    await streamed('l2', text, Number.MAX_SAFE_INTEGER);
    assert.ok((await panel.page.locator('.block-text .md-group.md-sealed').count()) > 1, 'sealed groups');
    assertNumbered(await markers(), [['A', 3000], ['B', 12]]);
  });
});

// Find finds what waits to be rendered (markdown/deferredGroups.ts). A big answer streamed fast, read from its top:
// what came far below the screen waits in placeholders. The panel's Find is VS Code's webview find, which calls
// window.find in the panel's page (workbench/contrib/webview/browser/pre/index.html); it must find a word that is
// only in a waiting group, bring it on screen, and the group must then be rendered as markdown, not left as source.
import * as assert from 'node:assert/strict';
import type { JsonObject } from '../../src/shared/callRecord';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

/** The panel's page as the test reads it (this file is compiled without the DOM's types). */
interface FindPage {
  find(text: string, caseSensitive: boolean, backwards: boolean, wrapAround: boolean, wholeWord: boolean, inFrames: boolean, dialog: boolean): boolean;
  getSelection(): { toString(): string } | null;
  innerHeight: number;
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; getBoundingClientRect(): { top: number; bottom: number } }> };
}

/** Paragraphs that say their own number, with a word in bold each (source `**bold7**`, rendered "bold7"). */
function paragraphs(count: number): string {
  return Array.from({ length: count }, (_, i) => `Paragraph ${i}: ${'lorem ipsum '.repeat(10).trim()} **bold${i}** end${i}.`).join('\n\n');
}

describe('webview: Find finds what waits to be rendered', function () {
  this.timeout(120_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  /** Where the placeholders are: how many, how many on screen, and whether one holds `text`. */
  const waiting = (text: string) => panel.page.evaluate((needle) => {
    const page = globalThis as unknown as FindPage;
    const groups = Array.from(page.document.querySelectorAll('.block-text .md-deferred'));
    return {
      count: groups.length,
      onScreen: groups.filter((g) => g.getBoundingClientRect().top < page.innerHeight && g.getBoundingClientRect().bottom > 0).length,
      holding: groups.some((g) => (g.textContent ?? '').includes(needle)),
    };
  }, text);

  it('a word only in a waiting group is found, brought on screen and rendered', async () => {
    const text = paragraphs(5000);
    const full = record({ id: 'f1', streamed: true, message: message([{ type: 'text', text }]) });
    const events = streamEvents(full.message as JsonObject, 400);
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'f1', streamed: true }) });
    // All but the block's stop in one batch: a stream far faster than the panel renders, still running.
    await panel.post({ type: 'events', callId: 'f1', events: events.slice(0, stop) });
    await panel.frames(10);
    // A paragraph halfway between the last one rendered and the end: it waits (what is rendered at once depends on
    // how fast the page renders).
    const rendered = await panel.page.locator('.block-text .md p').count();
    const number = Math.floor((rendered + 5000) / 2);
    const word = `end${number}.`;
    const bold = `bold${number}`;
    assert.equal(await panel.page.locator('.block-text .md p', { hasText: word }).count(), 0, `paragraph ${number} is not rendered yet (${rendered} are)`);
    const before = await waiting(word);
    assert.ok(before.count > 2, `groups wait to be rendered (${JSON.stringify(before)})`);
    assert.equal(before.onScreen, 0, 'no placeholder on screen');

    // As VS Code's webview find does it.
    const found = await panel.page.evaluate((needle) => {
      const page = globalThis as unknown as FindPage;
      return { found: page.find(needle, false, false, true, false, false, false), selected: page.getSelection()?.toString() };
    }, word);
    assert.deepEqual(found, { found: true, selected: word }, 'found in the waiting text');
    assert.equal(before.holding, true, 'it was in a placeholder');

    // Brought on screen, the group is rendered: the paragraph shows as markdown (its bold word rendered), on screen.
    let shown: { rendered: boolean; onScreen: boolean; after: { count: number; onScreen: number; holding: boolean } } | undefined;
    for (let frame = 0; frame < 120; frame += 4) {
      await panel.frames(4);
      const paragraph = panel.page.locator('.block-text .md p', { hasText: word });
      const rendered = (await paragraph.count()) === 1 && (await paragraph.locator('strong').textContent()) === bold;
      const onScreen = rendered && (await paragraph.isVisible()) && (await paragraph.evaluate((p) => {
        const box = (p as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
        return box.bottom > 0 && box.top < (globalThis as unknown as FindPage).innerHeight;
      }));
      shown = { rendered, onScreen, after: await waiting(word) };
      if (rendered && onScreen && shown.after.onScreen === 0) {
        break;
      }
    }
    assert.equal(shown?.rendered, true, `the found paragraph is rendered as markdown (${JSON.stringify(shown)})`);
    assert.equal(shown?.onScreen, true, `the rendered paragraph is on screen (${JSON.stringify(shown)})`);
    // Still selected, in the rendered paragraph: Find's next match goes on from there.
    const selected = await panel.page.evaluate(() => {
      const selection = (globalThis as unknown as { getSelection(): { toString(): string; anchorNode: { parentElement: { closest(s: string): { textContent: string | null } | null } | null } | null } | null }).getSelection();
      return { text: selection?.toString(), paragraph: selection?.anchorNode?.parentElement?.closest('.md p')?.textContent ?? undefined };
    });
    assert.equal(selected.text, word, `the words found are still selected (${JSON.stringify(selected)})`);
    assert.match(selected.paragraph ?? '', new RegExp(`^Paragraph ${number}:`), 'in the rendered paragraph');
    assert.equal(shown?.after.holding, false, 'no placeholder holds it any more');
    assert.equal(shown?.after.onScreen, 0, 'no source is left on screen');
    assert.ok(shown?.after.count > 0, 'the groups far from it still wait');

    // Find again: the rendered paragraph is found (the word is in the page once, rendered).
    const again = await panel.page.evaluate((needle) => (globalThis as unknown as FindPage).find(needle, false, false, true, false, false, false), bold);
    assert.equal(again, true);
    await panel.post({ type: 'events', callId: 'f1', events: events.slice(stop) });
    await panel.post({ type: 'callFinished', record: full });
  });
});

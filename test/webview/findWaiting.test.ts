// Find finds what waits to be rendered (markdown/deferredGroups.ts). A big answer streamed fast, read from its top:
// what came far below the screen waits in placeholders. The panel's Find in a browser webview (code-server) is
// VS Code's webview find, which calls window.find in the panel's page (workbench/contrib/webview/browser/pre/
// index.html); it must find a word that is only in a waiting group, and the group must then be rendered as markdown
// with the words still selected (Find's next match goes on from there) and on screen. A selection made in a waiting
// group without scrolling to it (window.find's scroll may stop short of a match below a placeholder's estimated
// height) renders the group too, and brings the words on screen.
import * as assert from 'node:assert/strict';
import type { JsonObject } from '../../src/shared/callRecord';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

interface Box {
  getBoundingClientRect(): { top: number; bottom: number };
}
interface Node {
  textContent: string | null;
  parentElement: (Node & Box & { closest(s: string): Node | null; classList: { contains(name: string): boolean } }) | null;
}
/** The panel's page as the test reads it (this file is compiled without the DOM's types). */
interface FindPage {
  find(text: string, caseSensitive: boolean, backwards: boolean, wrapAround: boolean, wholeWord: boolean, inFrames: boolean, dialog: boolean): boolean;
  getSelection(): { toString(): string; anchorNode: Node | null; setBaseAndExtent(a: Node, ao: number, f: Node, fo: number): void } | null;
  innerHeight: number;
  document: { querySelectorAll(selector: string): ArrayLike<Node & Box & { firstChild: Node | null }> };
}

/** Paragraphs that say their own number, with a word in bold each (source `**bold7**`, rendered "bold7"). */
function paragraphs(count: number): string {
  return Array.from({ length: count }, (_, i) => `Paragraph ${i}: ${'lorem ipsum '.repeat(10).trim()} **bold${i}** end${i}.`).join('\n\n');
}

const COUNT = 5000;

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

  /** What is selected, the rendered paragraph it is in (none in a placeholder), and whether that is on screen. */
  const selected = () => panel.page.evaluate(() => {
    const page = globalThis as unknown as FindPage;
    const selection = page.getSelection();
    const at = selection?.anchorNode?.parentElement;
    const paragraph = at && !at.classList.contains('md-deferred') ? at.closest('.md p') : null;
    const box = (paragraph as (Node & Box) | null)?.getBoundingClientRect();
    return { text: selection?.toString(), paragraph: paragraph?.textContent ?? undefined, onScreen: box !== undefined && box.bottom > 0 && box.top < page.innerHeight, top: box?.top, bottom: box?.bottom };
  });

  /** Streams the answer, all but its block's stop (still running, far faster than the panel renders); a waiting paragraph's number. */
  async function streamAndPick(id: string): Promise<{ number: number; finish: () => Promise<void> }> {
    const full = record({ id, streamed: true, message: message([{ type: 'text', text: paragraphs(COUNT) }]) });
    const events = streamEvents(full.message as JsonObject, 400);
    const stop = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id, streamed: true }) });
    await panel.post({ type: 'events', callId: id, events: events.slice(0, stop) });
    await panel.frames(10);
    // Halfway between the last paragraph rendered and the end: it waits (how much is rendered at once depends on
    // how fast the page renders).
    const rendered = await panel.page.locator('.block-text .md p').count();
    const number = Math.floor((rendered + COUNT) / 2);
    assert.equal(await panel.page.locator('.block-text .md p', { hasText: `end${number}.` }).count(), 0, `paragraph ${number} is not rendered yet (${rendered} are)`);
    const before = await waiting(`end${number}.`);
    assert.ok(before.count > 2 && before.holding, `it waits in a placeholder (${JSON.stringify(before)})`);
    assert.equal(before.onScreen, 0, 'no placeholder on screen');
    return {
      number,
      finish: async () => {
        await panel.post({ type: 'events', callId: id, events: events.slice(stop) });
        await panel.post({ type: 'callFinished', record: full });
      },
    };
  }

  /** Within 120 frames: the selection is `word`, in rendered paragraph `number`, on screen, and no source shows. */
  async function shownSelected(word: string, number: number): Promise<void> {
    let seen: Awaited<ReturnType<typeof selected>> | undefined;
    let groups: Awaited<ReturnType<typeof waiting>> | undefined;
    for (let frame = 0; frame < 120; frame += 4) {
      await panel.frames(4);
      seen = await selected();
      groups = await waiting(word);
      if (seen.paragraph !== undefined && seen.onScreen && groups.onScreen === 0) {
        break;
      }
    }
    assert.equal(seen?.text, word, `the words are still selected (${JSON.stringify(seen)})`);
    assert.match(seen?.paragraph ?? '', new RegExp(`^Paragraph ${number}: .* bold${number} end${number}\\.$`), 'in the paragraph, rendered (its bold word without its asterisks)');
    assert.equal(seen?.onScreen, true, `on screen (${JSON.stringify(seen)}, ${JSON.stringify(groups)})`);
    assert.equal(groups?.holding, false, 'no placeholder holds it any more');
    assert.equal(groups?.onScreen, 0, 'no source is left on screen');
    assert.ok((groups?.count ?? 0) > 0, 'the groups far from it still wait');
  }

  it('a word only in a waiting group is found, rendered, still selected and on screen; Find goes on from there', async () => {
    const { number, finish } = await streamAndPick('f1');
    const word = `end${number}.`;
    // As VS Code's webview find does it.
    const found = await panel.page.evaluate((needle) => {
      const page = globalThis as unknown as FindPage;
      return { found: page.find(needle, false, false, true, false, false, false), selected: page.getSelection()?.toString() };
    }, word);
    assert.deepEqual(found, { found: true, selected: word }, 'found in the waiting text');
    await shownSelected(word, number);
    // Find's next match: the next paragraph's bold word, after the one found (not this paragraph again).
    const next = `bold${number + 1}`;
    assert.equal(await panel.page.evaluate((needle) => (globalThis as unknown as FindPage).find(needle, false, false, true, false, false, false), next), true);
    assert.equal((await selected()).text, next);
    await finish();
  });

  it('a selection made in a waiting group, not scrolled to, renders it and shows the words', async () => {
    const { number, finish } = await streamAndPick('f2');
    const word = `end${number}.`;
    await panel.page.evaluate((needle) => {
      const page = globalThis as unknown as FindPage;
      const group = Array.from(page.document.querySelectorAll('.block-text .md-deferred')).find((g) => (g.textContent ?? '').includes(needle))!;
      const at = (group.textContent ?? '').indexOf(needle);
      page.getSelection()?.setBaseAndExtent(group.firstChild!, at, group.firstChild!, at + needle.length);
    }, word);
    await shownSelected(word, number);
    await finish();
  });

  it('the waiting groups render after the stream without asking for the selection (each ask lays the page out)', async () => {
    const { finish } = await streamAndPick('f3');
    const asked = () => panel.page.evaluate(() => (globalThis as unknown as { __selectionAsks: number }).__selectionAsks);
    await panel.page.evaluate(() => {
      const page = globalThis as unknown as { getSelection(): unknown; __selectionAsks: number; document: { getSelection(): unknown } };
      page.__selectionAsks = 0;
      const own = page.getSelection.bind(page);
      page.getSelection = () => {
        page.__selectionAsks++;
        return own();
      };
      page.document.getSelection = page.getSelection;
    });
    await finish();
    for (let frame = 0; frame < 600 && (await waiting('end0.')).count > 0; frame += 10) {
      await panel.frames(10);
    }
    assert.equal((await waiting('end0.')).count, 0, 'every group rendered');
    assert.equal(await panel.page.locator('.block-text .md p').count(), COUNT);
    assert.equal(await asked(), 0, 'the selection was not asked for');
  });

  it('a match selected and scrolled to before the selection\'s event arrives is still selected once rendered', async () => {
    const { number, finish } = await streamAndPick('f4');
    const word = `end${number}.`;
    // The page's selection events held back (a capturing listener on the window stops them): the group is rendered
    // because it came near the viewport, not because of the event.
    await panel.page.evaluate((needle) => {
      const page = globalThis as unknown as FindPage & {
        addEventListener(type: string, listener: (event: { stopImmediatePropagation(): void }) => void, capture: boolean): void;
        __held: (event: { stopImmediatePropagation(): void }) => void;
      };
      page.__held = (event) => event.stopImmediatePropagation();
      page.addEventListener('selectionchange', page.__held, true);
      const group = Array.from(page.document.querySelectorAll('.block-text .md-deferred')).find((g) => (g.textContent ?? '').includes(needle))!;
      const at = (group.textContent ?? '').indexOf(needle);
      page.getSelection()?.setBaseAndExtent(group.firstChild!, at, group.firstChild!, at + needle.length);
      (group as unknown as { scrollIntoView(options: unknown): void }).scrollIntoView({ block: 'center' });
    }, word);
    try {
      await shownSelected(word, number);
    } finally {
      await panel.page.evaluate(() => {
        const page = globalThis as unknown as { removeEventListener(type: string, listener: unknown, capture: boolean): void; __held: unknown };
        page.removeEventListener('selectionchange', page.__held, true);
      });
    }
    await finish();
  });
});

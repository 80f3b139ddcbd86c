// A 10 MB answer: the first screen paints before the rest is rendered, and the panel keeps answering meanwhile.
import * as assert from 'node:assert/strict';
import { Harness, useHarness } from './harness';
import { longMarkdown } from './fixtures/longMarkdown';
import { message, record } from './fixtures/records';

const TEN_MB = 10 * 1024 * 1024;

interface PageDoc {
  document: {
    querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): { length: number };
  };
}

describe('webview: a 10 MB answer', function () {
  this.timeout(180_000);
  let harness: Harness;
  const text = longMarkdown(TEN_MB);
  const big = record({ message: message([{ type: 'text', text }]) });

  useHarness((started) => (harness = started));

  it('paints the first heading before the rest is in the DOM, stays responsive, then shows it all', async () => {
    const panel = await harness.open();
    const started = Date.now();
    await panel.post({ type: 'callFinished', record: big });
    const heading = panel.page.locator('.block-text h1').first();
    await heading.waitFor({ state: 'visible', timeout: 15_000 });
    const firstPaint = Date.now() - started;
    assert.equal(await heading.innerText(), 'First heading');
    const early = await panel.page.evaluate(() => {
      const doc = (globalThis as unknown as PageDoc).document;
      return { busy: doc.querySelector('.block-text .md')?.getAttribute('aria-busy'), chars: doc.querySelector('.block-text .md')?.textContent?.length ?? 0 };
    });
    assert.equal(early.busy, 'true', 'still rendering the rest');
    assert.ok(early.chars < text.length / 2, `only part of the answer is in the DOM yet (${early.chars} of ${text.length})`);
    assert.ok(firstPaint < 15_000, `first screen within a generous bound (${firstPaint} ms)`);

    // While the rest renders the panel answers: a tab switch happens at once.
    const clickStarted = Date.now();
    await panel.page.locator('#tab-headers').click();
    assert.equal(await panel.page.locator('#tab-headers').getAttribute('aria-selected'), 'true');
    const clickMs = Date.now() - clickStarted;
    assert.ok(clickMs < 5_000, `a click answered in ${clickMs} ms`);
    const stillBusy = await panel.page.evaluate(() => (globalThis as unknown as PageDoc).document.querySelector('.block-text .md')?.getAttribute('aria-busy'));
    assert.equal(stillBusy, 'true', 'the click was handled between slices, before the render finished');
    await panel.page.locator('#tab-response').click();

    await panel.page.waitForFunction(() => (globalThis as unknown as PageDoc).document.querySelector('.block-text .md')?.getAttribute('aria-busy') === null, undefined, {
      timeout: 150_000,
      polling: 500,
    });
    const last = panel.page.locator('.block-text h1').last();
    assert.equal(await last.textContent(), 'Last heading');
    assert.equal(await panel.page.locator('.md-progress').count(), 0);
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });

  it('paints the first screen at once when restored from a saved 10 MB state', async () => {
    const panel = await harness.open({ state: { record: big, view: 'response' } });
    // open() returns once the page said ready, which it does after rendering the saved record's first screen.
    assert.equal(await panel.page.locator('.block-text h1').first().innerText(), 'First heading');
    const busy = await panel.page.evaluate(() => (globalThis as unknown as PageDoc).document.querySelector('.block-text .md')?.getAttribute('aria-busy'));
    assert.equal(busy, 'true');
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });

  it('shows a 10 MB raw body in chunks without freezing', async () => {
    const panel = await harness.open();
    await panel.post({ type: 'callFinished', record: big });
    await panel.page.locator('#tab-raw').click();
    const raw = panel.page.locator('#panel-raw .raw-json');
    await raw.locator('.lt-chunk').first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await raw.locator('.lt-chunk').first().innerText(), /"id": "msg_01TestMessage"/);
    await panel.page.locator('#tab-request').click();
    assert.equal(await panel.page.locator('#tab-request').getAttribute('aria-selected'), 'true');
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});

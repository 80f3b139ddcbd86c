// What a user sees for a finished call: every block, markdown, citations, thinking and the stop reason.
// renderDetails.test.ts has the usage, cost, header and the other views.
import * as assert from 'node:assert/strict';
import { type PanelPage, usePanel } from './harness';
import { everyBlock, message, record } from './fixtures/records';

describe('webview: a finished call', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('says ready once it listens, and shows a welcome before any call', async () => {
    const posted = await panel.posted();
    assert.equal(posted[0]?.type, 'ready');
    assert.match(await panel.page.locator('#app').innerText(), /No call yet/);
  });

  it('shows every content block in order, unknown types included', async () => {
    const blocks = everyBlock();
    await panel.post({ type: 'callFinished', record: record({ message: message(blocks) }) });
    const sections = panel.page.locator('.blocks > .block');
    assert.equal(await sections.count(), blocks.length);
    const titles = await panel.page.locator('.blocks > .block .block-title').allInnerTexts();
    assert.deepEqual(titles, [
      'Thinking',
      'Redacted thinking',
      'Text',
      'Text',
      'Tool use',
      'Server tool use',
      'Web search results',
      'Web search results',
      'Web fetch result',
      'Web fetch result',
      'Code execution result',
      'Bash result',
      'Bash result',
      'Text editor result',
      'Text editor result',
      'Text editor result',
      'Tool search result',
      'Container upload',
      'Unknown block type: hologram',
    ]);
    const text = await panel.page.locator('.blocks').innerText();
    for (const expected of [
      'signature present (96 chars)',
      '240 chars',
      'encrypted',
      'Weather report',
      'get_weather',
      'toolu_01Weather',
      '"city": "Paris"',
      'web_search',
      'Paris weather',
      'April 30, 2026',
      'max_uses_exceeded',
      'Fetched page text.',
      'url_not_accessible',
      '42',
      'warning: slow',
      'return code 0',
      'return code 2',
      'execution_time_exceeded',
      'line two',
      '+newer',
      'file_not_found',
      'No such file: /tmp/x',
      'get_time',
      'file_011Upload',
      '"shape": "cube"',
    ]) {
      assert.ok(text.includes(expected), `shows ${JSON.stringify(expected)}`);
    }
  });

  it('renders markdown: headings, tables with alignment, code blocks with a copy button, web links', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message(everyBlock()) }) });
    const md = panel.page.locator('.block-text').first();
    assert.equal(await md.locator('h1').innerText(), 'Weather report');
    assert.equal(await md.locator('td.md-align-right').innerText(), '18 °C');
    assert.equal(await md.locator('.md-code-lang').innerText(), 'python');
    assert.equal((await md.locator('pre code').innerText()).trim(), 'print("hi")');
    assert.equal(await md.locator('a.md-link').count(), 2);
    await panel.clearPosted();
    await md.locator('.md-copy-code').click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'block', text: 'print("hi")\n' }]);
  });

  it('toggles a text block between rendered and raw markdown', async () => {
    await panel.post({ type: 'callFinished', record: record() });
    const block = panel.page.locator('.block-text');
    const toggle = block.locator('.btn-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await block.locator('.block-raw').innerText(), 'Hello **world**.');
    assert.equal(await block.locator('.block-body').isVisible(), false);
    await toggle.click();
    assert.equal(await block.locator('.block-body strong').innerText(), 'world');
  });

  it('ties each citation to its text with a marker that opens its source (all five location types)', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message(everyBlock()) }) });
    const cited = panel.page.locator('.block-text.cited');
    const markers = cited.locator('.cite-marker');
    assert.equal(await markers.count(), 5);
    // The markers sit inside the cited paragraph, right after its text.
    assert.equal(await cited.locator('.md p .cite-markers').count(), 1);
    const details = cited.locator('.cite-detail');
    assert.equal(await details.first().isVisible(), false);
    for (let i = 0; i < 5; i++) {
      await markers.nth(i).click();
      assert.equal(await markers.nth(i).getAttribute('aria-expanded'), 'true');
    }
    const text = await cited.locator('.cite-list').innerText();
    for (const expected of [
      'Document 0 “Nature facts” · chars [0, 20)',
      'The grass is green.',
      'Document 1 “Report.pdf” · pages [3, 5)',
      'file_011PDF',
      'Document 2 · blocks [1, 2)',
      'Web Grass colour · https://example.org/grass',
      'Search result 0 KB: grass · https://kb.example.com/grass · blocks [0, 1)',
      'Search result text.',
    ]) {
      assert.ok(text.includes(expected), `citation shows ${JSON.stringify(expected)}\n${text}`);
    }
  });

  it('collapses thinking of a finished call and opens it on click', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message(everyBlock()) }) });
    const thinking = panel.page.locator('.block-thinking');
    const disclosure = thinking.locator('.block-disclosure');
    assert.equal(await disclosure.getAttribute('aria-expanded'), 'false');
    assert.equal(await thinking.locator('.thinking-text').isVisible(), false);
    await disclosure.click();
    assert.equal(await disclosure.getAttribute('aria-expanded'), 'true');
    assert.match(await thinking.locator('.thinking-text').innerText(), /weather in Paris/);
  });

  it('explains the stop reason: max_tokens is a visible warning with the next step', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message([{ type: 'text', text: 'Once upon' }], { stop_reason: 'max_tokens' }) }) });
    const stop = panel.page.locator('.stop-reason');
    assert.ok((await stop.getAttribute('class'))?.includes('severity-warning'));
    assert.match(await stop.innerText(), /cut off: raise max_tokens \(it was 1024\)/);
  });

  it('names the stop sequence, and shows a refusal with its category and explanation', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message([{ type: 'text', text: 'a' }], { stop_reason: 'stop_sequence', stop_sequence: '</answer>' }) }) });
    assert.match(await panel.page.locator('.stop-reason').innerText(), /Stopped at the sequence "<\/answer>"/);
    await panel.post({
      type: 'callFinished',
      record: record({
        message: message([{ type: 'text', text: 'I can’t help' }], {
          stop_reason: 'refusal',
          stop_details: { type: 'refusal', category: 'cyber', explanation: 'Could enable malware.' },
        }),
      }),
    });
    const stop = panel.page.locator('.stop-reason');
    assert.ok((await stop.getAttribute('class'))?.includes('severity-error'));
    const text = await stop.innerText();
    assert.match(text, /Refusal/);
    assert.match(text, /cyber/);
    assert.match(text, /Could enable malware\./);
  });

  it('warns on pause_turn and model_context_window_exceeded', async () => {
    for (const reason of ['pause_turn', 'model_context_window_exceeded']) {
      await panel.post({ type: 'callFinished', record: record({ message: message([{ type: 'text', text: 'a' }], { stop_reason: reason }) }) });
      const stop = panel.page.locator('.stop-reason');
      assert.ok((await stop.getAttribute('class'))?.includes('severity-warning'), reason);
      assert.equal(await stop.getAttribute('role'), 'alert');
    }
  });
});

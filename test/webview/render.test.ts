// What a user sees for a finished call: every block, the stop reason, usage, and the other views.
import * as assert from 'node:assert/strict';
import { type PanelPage, usePanel } from './harness';
import { costOf } from '../../src/shared/cost';
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

  it('shows every usage field, nested ones and unknown future ones included', async () => {
    const msg = message([{ type: 'text', text: 'a' }]);
    (msg.usage as Record<string, unknown>).brand_new_tokens = 77;
    await panel.post({ type: 'callFinished', record: record({ message: msg }) });
    const usage = await panel.page.locator('.usage').innerText();
    for (const expected of [
      'input_tokens\t1,234',
      'output_tokens\t567',
      'cache_creation_input_tokens\t100',
      'cache_read_input_tokens\t2,000',
      'cache_creation.ephemeral_5m_input_tokens\t60',
      'cache_creation.ephemeral_1h_input_tokens\t40',
      'output_tokens_details.thinking_tokens\t321',
      'server_tool_use.web_search_requests\t2',
      'server_tool_use.web_fetch_requests\t1',
      'service_tier\tstandard',
      'inference_geo\tus',
      'speed\tstandard',
      'Brand new tokens brand_new_tokens\t77',
      'Thinking tokens (part of output)',
    ]) {
      assert.ok(usage.includes(expected), `usage shows ${JSON.stringify(expected)}\n${usage}`);
    }
  });

  it('shows the cost beside the usage, line by line, or why it is unknown', async () => {
    const msg = message([{ type: 'text', text: 'a' }]);
    await panel.post({ type: 'callFinished', record: record({ message: msg, cost: costOf('claude-sonnet-5-5', msg.usage as never) }) });
    const cost = await panel.page.locator('[data-testid="cost"]').innerText();
    for (const expected of ['input\t1,234\t× $2/M\t$0.0025', 'output\t567\t× $10/M\t$0.0057', 'cache read\t2,000', 'Total', 'list prices of 2026-11-24']) {
      assert.ok(cost.includes(expected), `cost shows ${JSON.stringify(expected)}\n${cost}`);
    }
    await panel.post({ type: 'callFinished', record: record({ message: msg, cost: costOf('claude-fable-5-2', msg.usage as never) }) });
    assert.match(await panel.page.locator('[data-testid="cost"]').innerText(), /No known price for claude-fable-5-2/);
  });

  it('shows the header: model, ids, status, timing, base URL, mode, attempts and defaults', async () => {
    await panel.post({ type: 'callFinished', record: record() });
    // Ids, base URL, attempts and defaults are in the details fold, closed by default.
    await panel.page.locator('.call-details > summary').click();
    const header = await panel.page.locator('.call-header').innerText();
    for (const expected of ['claude-sonnet-5-5', 'msg_01TestMessage', 'req_011CTest', '200 OK', 'headers 412 ms', 'total 1.53 s', 'https://api.anthropic.com', 'not streamed', '1 (no retries)', 'max_tokens']) {
      assert.ok(header.includes(expected), `header shows ${JSON.stringify(expected)}\n${header}`);
    }
    assert.equal(await panel.page.locator('.base-url.unofficial').count(), 0);
    await panel.clearPosted();
    await panel.page.locator('.request-id-row button').click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'requestId', text: 'req_011CTest' }]);
  });

  it('highlights a base URL that is not the official API, and lists retries with their waits', async () => {
    await panel.post({
      type: 'callFinished',
      record: record({
        baseUrl: 'http://127.0.0.1:8080',
        attempts: [
          { number: 1, startedMs: 0, headersMs: 100, status: 529, errorType: 'overloaded_error', retryAfterMs: 2000 },
          { number: 2, startedMs: 2200, headersMs: 2300, status: 200 },
        ],
      }),
    });
    // Not the official API: said in the header's first line, and in full in the details.
    assert.match(await panel.page.locator('.header-top').innerText(), /not api\.anthropic\.com/);
    await panel.page.locator('.call-details > summary').click();
    const base = panel.page.locator('dd.base-url.unofficial');
    assert.equal(await base.count(), 1);
    assert.match(await base.innerText(), /127\.0\.0\.1:8080.*stand-in or proxy/);
    const attempts = await panel.page.locator('dd.attempts-row').innerText();
    assert.match(attempts, /2 \(1 retry\)/);
    assert.match(attempts, /#1 529 overloaded_error server asked to wait 2\.00 s/);
    assert.match(attempts, /#2 200/);
  });

  it('has keyboard-accessible tabs with ARIA roles', async () => {
    await panel.post({ type: 'callFinished', record: record() });
    const tabs = panel.page.locator('[role=tablist] [role=tab]:visible');
    assert.deepEqual(await tabs.allInnerTexts(), ['Response', 'Raw response', 'Request', 'Headers', 'Code', 'Conversation']);
    await panel.page.locator('#tab-response').focus();
    await panel.page.keyboard.press('ArrowRight');
    assert.equal(await panel.page.locator('#tab-raw').getAttribute('aria-selected'), 'true');
    assert.ok(await panel.page.locator('#panel-raw').isVisible());
    await panel.page.keyboard.press('End');
    assert.equal(await panel.page.locator('#tab-conversation').getAttribute('aria-selected'), 'true');
    await panel.page.keyboard.press('Home');
    assert.equal(await panel.page.locator('#tab-response').getAttribute('aria-selected'), 'true');
    assert.equal((await panel.state())?.view, 'response');
  });

  it('shows the raw response body, the request and its headers, response headers with rate limits, and curl', async () => {
    const r = record();
    await panel.post({ type: 'callFinished', record: r });
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /"id": "msg_01TestMessage"/);
    await panel.clearPosted();
    await panel.page.locator('#panel-raw .btn').click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'response', text: r.response?.body }]);

    await panel.page.locator('#tab-request').click();
    const request = await panel.page.locator('#panel-request').innerText();
    assert.match(request, /POST https:\/\/api\.anthropic\.com\/v1\/messages/);
    assert.match(request, /"max_tokens": 1024/);
    assert.match(request, /authorization\s+Bearer \$ANTHROPIC_API_KEY/);
    assert.match(request, /Filled in from settings: max_tokens/);
    assert.equal(await panel.page.locator('[data-testid="added-headers"]').count(), 0, 'no section without added headers');

    await panel.page.locator('#tab-headers').click();
    const headers = await panel.page.locator('#panel-headers').innerText();
    assert.match(headers, /tokens\s+100000\s+5000/);
    assert.match(headers, /output-tokens\s+20000\s+19000/);
    assert.match(headers, /request-id\s+req_011CTest/);
    assert.equal(await panel.page.locator('.rate-table tr.low').count(), 1, 'low remaining tokens stand out');

    await panel.page.locator('#tab-code').click();
    assert.match(await panel.page.locator('#panel-code pre').innerText(), /^curl 'https:\/\/api\.anthropic\.com\/v1\/messages'/);
    assert.equal(await panel.page.locator('.curl-masked').count(), 0, 'no masking note for a body without secret shapes');
    await panel.clearPosted();
    await panel.page.locator('.copy-code').click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'curl', text: r.curl }]);
    await panel.post({ type: 'done', what: 'Copied curl' });
    assert.equal(await panel.page.locator('.announcer').innerText(), 'Copied curl');
    await panel.post({ type: 'done', what: 'request' });
    assert.equal(await panel.page.locator('.announcer').innerText(), 'Copied request');
  });

  it('says in the curl view when the curl masks secret-shaped text of the body', async () => {
    await panel.post({ type: 'callFinished', record: { ...record({ message: message([{ type: 'text', text: 'ok' }]) }), curlBodyMasked: true } });
    await panel.page.locator('#tab-code').click();
    assert.match(await panel.page.locator('#panel-code .curl-masked').innerText(), /does not send the same bytes/);
  });

  it('opens https links through the host and never navigates; a javascript: link does nothing', async () => {
    await panel.post({
      type: 'callFinished',
      record: record({ message: message([{ type: 'text', text: '[safe](https://example.com/a?b=1) and [bad](javascript:__pwned(1)) and <javascript:__pwned(2)>' }]) }),
    });
    await panel.clearPosted();
    await panel.page.locator('a.md-link').click();
    assert.deepEqual(await panel.posted(), [{ type: 'openLink', url: 'https://example.com/a?b=1' }]);
    await panel.clearPosted();
    // markdown-it refuses a javascript: destination, so the whole link stays literal text; the autolink too.
    assert.match(await panel.page.locator('.md').innerText(), /\[bad\]\(javascript:__pwned\(1\)\) and <javascript:__pwned\(2\)>/);
    await panel.page.getByText('javascript:__pwned(1)').click();
    assert.deepEqual(await panel.posted(), []);
    assert.equal(panel.navigations, 1, 'only the first load');
    assert.deepEqual(panel.pwned, []);
    assert.deepEqual(panel.popups, []);
  });

  it('lists the headers the HTTP client added below the SDK, marked as such', async () => {
    const r = record();
    r.request = { ...r.request!, addedHeaders: { host: 'api.anthropic.com', 'content-length': '123', connection: 'keep-alive' } };
    await panel.post({ type: 'callFinished', record: r });
    await panel.page.locator('#tab-request').click();
    const added = await panel.page.locator('[data-testid="added-headers"]').innerText();
    assert.match(added, /Added by the HTTP client/i);
    assert.match(added, /host\s+api\.anthropic\.com/);
    assert.match(added, /content-length\s+123/);
    assert.match(added, /connection\s+keep-alive/);
  });

  it('saves the finished record and the chosen view for a reload', async () => {
    const r = record();
    await panel.post({ type: 'callFinished', record: r });
    await panel.page.locator('#tab-headers').click();
    const state = await panel.state();
    assert.equal(state?.record?.id, r.id);
    assert.equal(state?.view, 'headers');
  });
});

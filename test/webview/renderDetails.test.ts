// What a user sees for a finished call beside its blocks: usage and cost, the header, the tabs and the other views
// (raw response, request, headers, curl), links, and what is saved for a reload. render.test.ts has the blocks.
import * as assert from 'node:assert/strict';
import { type PanelPage, usePanel } from './harness';
import { costOf } from '../../src/shared/cost';
import { message, record } from './fixtures/records';

describe('webview: a finished call', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));


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

// Nothing in a response can run script, load remote content or navigate the panel: the injection corpus is put
// everywhere model output or a server can reach, streamed and finished, in every view.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { Harness, type PanelPage, useHarness } from './harness';
import { INJECTIONS } from './fixtures/injections';
import { message, record, streamedCall } from './fixtures/records';

const ALL = INJECTIONS.map((injection) => injection.text).join('\n\n');

function hostileMessage(): JsonObject {
  const citations = INJECTIONS.slice(0, 12).map((injection, i) => ({
    type: ['char_location', 'page_location', 'content_block_location', 'web_search_result_location', 'search_result_location'][i % 5],
    cited_text: injection.text,
    document_index: 0,
    document_title: injection.text,
    start_char_index: 0,
    end_char_index: 1,
    start_page_number: 1,
    end_page_number: 2,
    start_block_index: 0,
    end_block_index: 1,
    title: injection.text,
    url: i % 2 === 0 ? `javascript:__pwned('cite-url-${i}')` : 'http://evil.example/cite',
    source: `javascript:__pwned('cite-source-${i}')`,
    search_result_index: 0,
    encrypted_index: injection.text,
    file_id: injection.text,
  }));
  const usage = { input_tokens: 1, output_tokens: 2, [`<img src=x onerror=__pwned('usage-key')>`]: `<img src=x onerror=__pwned('usage-value')>` };
  return message(
    [
      ...INJECTIONS.map((injection) => ({ type: 'text', text: injection.text, citations: null })),
      { type: 'text', text: ALL, citations },
      { type: 'thinking', thinking: ALL, signature: `<img src=x onerror=__pwned('sig')>` },
      { type: 'redacted_thinking', data: ALL },
      { type: 'tool_use', id: `<img src=x onerror=__pwned('id')>`, name: `<img src=x onerror=__pwned('name')>`, input: { html: ALL, [`<svg onload=__pwned('key')>`]: 1 } },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: `<script>__pwned('server-name')</script>`, input: { query: ALL } },
      {
        type: 'web_search_tool_result',
        tool_use_id: `<img src=x onerror=__pwned('tool-use-id')>`,
        content: INJECTIONS.map((injection, i) => ({
          type: 'web_search_result',
          title: injection.text,
          url: i % 3 === 0 ? `javascript:__pwned('search-url-${i}')` : i % 3 === 1 ? injection.text : 'https://example.com/ok',
          page_age: injection.text,
          encrypted_content: injection.text,
        })),
      },
      { type: 'web_search_tool_result', tool_use_id: 'x', content: { type: 'web_search_tool_result_error', error_code: `<img src=x onerror=__pwned('error-code')>` } },
      {
        type: 'web_fetch_tool_result',
        tool_use_id: 'x',
        content: {
          type: 'web_fetch_result',
          url: `javascript:__pwned('fetch-url')`,
          retrieved_at: ALL,
          content: { type: 'document', title: ALL, source: { type: 'text', media_type: `<img src=x onerror=__pwned('media')>`, data: ALL } },
        },
      },
      { type: 'code_execution_tool_result', tool_use_id: 'x', content: { type: 'code_execution_result', stdout: ALL, stderr: ALL, return_code: 1, content: [{ type: 'code_execution_output', file_id: ALL }] } },
      { type: 'bash_code_execution_tool_result', tool_use_id: 'x', content: { type: 'bash_code_execution_result', stdout: ALL, stderr: ALL, return_code: 0, content: [] } },
      { type: 'text_editor_code_execution_tool_result', tool_use_id: 'x', content: { type: 'text_editor_code_execution_view_result', file_type: ALL, content: ALL, start_line: 1, num_lines: 1, total_lines: 1 } },
      { type: 'text_editor_code_execution_tool_result', tool_use_id: 'x', content: { type: 'text_editor_code_execution_tool_result_error', error_code: 'unavailable', error_message: ALL } },
      { type: 'tool_search_tool_result', tool_use_id: 'x', content: { type: 'tool_search_tool_search_result', tool_references: [{ type: 'tool_reference', tool_name: ALL }] } },
      { type: 'container_upload', file_id: ALL },
      { type: `<img src=x onerror=__pwned('block-type')>`, value: ALL },
    ],
    {
      model: `<img src=x onerror=__pwned('model')>`,
      id: `<script>__pwned('id')</script>`,
      stop_reason: 'refusal',
      stop_sequence: ALL,
      stop_details: { type: 'refusal', category: `<img src=x onerror=__pwned('category')>`, explanation: ALL },
      usage,
      container: { id: ALL, expires_at: ALL, skills: null },
    },
  );
}

function hostileRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  const msg = hostileMessage();
  const headers: Record<string, string> = {
    'request-id': `<img src=x onerror=__pwned('request-id')>`,
    [`x-<img src=x onerror=__pwned('header-name')>`]: ALL,
    'anthropic-ratelimit-tokens-reset': `<script>__pwned('reset')</script>`,
    'retry-after': `<img src=x onerror=__pwned('retry')>`,
  };
  return record({
    baseUrl: `javascript:__pwned('base-url')`,
    defaultsApplied: [`<img src=x onerror=__pwned('default')>`],
    effectiveRequest: { model: ALL, max_tokens: 10, messages: [{ role: 'user', content: ALL }] },
    request: { method: 'POST', url: `javascript:__pwned('request-url')`, headers, body: ALL },
    response: { status: 200, statusText: `<img src=x onerror=__pwned('status-text')>`, headers, body: JSON.stringify(msg) },
    message: msg,
    requestId: `<img src=x onerror=__pwned('record-request-id')>`,
    curl: ALL,
    source: { kind: 'file', path: ALL },
    ...overrides,
  });
}

describe('webview: safety against hostile content', function () {
  this.timeout(120_000);
  let harness: Harness;
  let panel: PanelPage;

  useHarness((started) => (harness = started));
  beforeEach(async () => {
    harness.served.length = 0;
    panel = await harness.open();
  });
  afterEach(async () => {
    await panel.close();
  });

  async function visitEverything(): Promise<void> {
    for (const view of ['raw', 'request', 'headers', 'timeline', 'code', 'response']) {
      const tab = panel.page.locator(`#tab-${view}`);
      if (await tab.isVisible()) {
        await tab.click();
        await panel.frames();
      }
    }
    // Open every disclosure, citation and raw view, and hover everything that could carry a handler.
    for (const selector of ['.block-disclosure', '.cite-marker', '.btn-toggle']) {
      const all = panel.page.locator(selector);
      for (let i = 0; i < (await all.count()); i++) {
        await all.nth(i).click();
      }
    }
    await panel.frames(2);
    // Back to the rendered views (raw views stay filled).
    const toggles = panel.page.locator('.btn-toggle');
    for (let i = 0; i < (await toggles.count()); i++) {
      await toggles.nth(i).click();
    }
    await panel.frames(3);
    // Let anything deferred (image errors, refresh timers, lazy loads) have its chance.
    await panel.page.waitForTimeout(300);
  }

  async function assertNothingHappened(): Promise<void> {
    assert.deepEqual(panel.pwned, [], 'no script ran');
    assert.deepEqual(panel.dialogs, [], 'no dialog opened');
    assert.deepEqual(panel.external, [], 'no request left the harness server');
    assert.deepEqual(harness.unexpectedPaths(), [], 'no unexpected path was asked of the harness server');
    assert.deepEqual(await panel.violations(), [], 'nothing even tried what the CSP forbids');
    assert.equal(panel.navigations, 1, 'the page never navigated');
    assert.deepEqual(panel.popups, []);
    assert.deepEqual(panel.errors, [], 'no script error');
    const findings = await panel.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string; value: string }>; getAttribute(n: string): string | null }> } }).document;
      const out: string[] = [];
      const elements = Array.from(doc.querySelectorAll('#app *'));
      for (const element of elements) {
        const tag = element.tagName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'img', 'style', 'meta', 'base', 'form', 'svg', 'math', 'link', 'video', 'audio', 'input', 'details'].includes(tag)) {
          if (!(tag === 'details' && ['event-data', 'call-details'].includes(element.getAttribute('class') ?? ''))) {
            out.push(`element <${tag}>`);
          }
        }
        for (const attribute of Array.from(element.attributes)) {
          if (attribute.name.startsWith('on') || attribute.name === 'style' || attribute.name === 'srcdoc' || attribute.name === 'src') {
            out.push(`attribute ${attribute.name} on <${tag}>`);
          }
        }
        const href = element.getAttribute('href');
        if (href !== null && !/^https?:\/\//i.test(href)) {
          out.push(`href ${href}`);
        }
      }
      return out;
    });
    assert.deepEqual(findings, [], 'no active element or attribute in the panel');
  }

  it('has at least 20 injection vectors', () => {
    assert.ok(INJECTIONS.length >= 20);
  });

  it('runs and loads nothing from a finished hostile record, in any view', async () => {
    await panel.post({ type: 'callFinished', record: hostileRecord() });
    await visitEverything();
    await assertNothingHappened();
    // The hostile text is shown, as text.
    const text = await panel.page.locator('.blocks').innerText();
    assert.ok(text.includes(`<script>__pwned('script')</script>`));
    assert.ok(text.includes(`<img src=x onerror="__pwned('img')">`));
    assert.ok(text.includes('Unknown block type: <img src=x onerror=__pwned('));
  });

  it('runs and loads nothing while hostile content streams in', async () => {
    const full = hostileRecord({ id: 'hostile-stream' });
    const messages = streamedCall({ ...full, streamed: true }, 3);
    await panel.postAll(messages.slice(0, -1));
    await panel.frames(3);
    await assertNothingHappened();
    await panel.post(messages[messages.length - 1]);
    await visitEverything();
    await assertNothingHappened();
  });

  it('runs and loads nothing from a hostile error body', async () => {
    await panel.post({
      type: 'callFinished',
      record: hostileRecord({
        message: undefined,
        response: { status: 401, statusText: ALL, headers: { 'request-id': ALL }, body: ALL },
        error: { kind: 'api', status: 401, type: ALL, message: ALL, requestId: ALL, hint: ALL, url: ALL, cause: ALL },
      }),
    });
    await visitEverything();
    await assertNothingHappened();
    assert.ok((await panel.page.locator('.error-message').innerText()).includes(`<script>__pwned('script')</script>`));
  });

  it('clicking every link posts only http(s) URLs and never navigates', async () => {
    await panel.post({ type: 'callFinished', record: hostileRecord() });
    await visitEverything();
    await panel.clearPosted();
    const links = panel.page.locator('#app a:visible');
    const count = await links.count();
    assert.ok(count > 10, `links to click: ${count}`);
    for (let i = 0; i < count; i++) {
      await links.nth(i).click();
    }
    const blocked = panel.page.locator('.md-link-blocked:visible, .link-blocked:visible');
    for (let i = 0; i < Math.min(await blocked.count(), 40); i++) {
      await blocked.nth(i).click();
    }
    const posted = await panel.posted();
    assert.equal(posted.length, count, 'one openLink per link, nothing for text that is not a link');
    for (const message of posted) {
      assert.equal(message.type, 'openLink');
      assert.match((message as { url: string }).url, /^https?:\/\//);
    }
    await assertNothingHappened();
  });
});

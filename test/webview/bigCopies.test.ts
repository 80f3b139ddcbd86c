// A big call's record comes to the panel without its request body, its curl and, for an answer that was not
// streamed, its raw body (the host's bodyOnce.ts: each big thing crosses once, when a view of it opens). The Request,
// Conversation, Code and Raw views get them from the host when opened, show them whole, and copy the exact text; they
// say "Loading…" meanwhile, and say so when the host no longer keeps the call.
import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../src/shared/callRecord';
import type { WebviewMessage } from '../../src/shared/protocol';
import { Harness, type PanelPage, useHarness } from './harness';
import { message, record } from './fixtures/records';

const KB = 1024;

interface TextDocument {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** A finished non-streamed call with a big answer, as the host posts it: no curl, no raw body. */
function trimmedCall(): { full: CallRecord; posted: CallRecord } {
  const text = `${'A long answer line. '.repeat((600 * KB) / 20)}THE END OF THE ANSWER`;
  const msg = message([{ type: 'text', text: `# First heading\n\n${text}` }]);
  const base = record({ message: msg });
  // The raw body as received: spaced differently from what the panel would print, so that only the exact bytes match.
  const rawBody = JSON.stringify(msg, null, 1);
  const curl = `curl 'https://api.anthropic.com/v1/messages' \\\n  --data-raw '${'x'.repeat(300 * KB)}THE END OF THE CURL'`;
  const full: CallRecord = { ...base, response: { ...base.response!, body: rawBody }, curl };
  const { body: _body, ...response } = full.response!;
  const { curl: _curl, ...posted } = full;
  return { full, posted: { ...posted, response } as CallRecord };
}

/** Run in the page: whether `selector`'s text holds `end` (long text is filled in chunks, over frames). */
const includes = ([selector, end]: [string, string]): boolean => (globalThis as unknown as TextDocument).document.querySelector(selector)?.textContent?.includes(end) === true;

describe('webview: a big call\'s curl and raw body load when their view opens', function () {
  this.timeout(90_000);
  let harness: Harness;
  let panel: PanelPage | undefined;

  useHarness((started) => (harness = started));
  afterEach(async () => {
    const opened = panel;
    panel = undefined;
    if (opened) {
      assert.deepEqual(opened.errors, [], 'no script errors in the page');
      await opened.close();
    }
  });

  const postedOf = async (page: PanelPage, type: WebviewMessage['type']) => (await page.posted()).filter((m) => m.type === type);

  it('the Raw view asks for the body once, says Loading…, then shows it and copies the exact bytes', async () => {
    const { full, posted } = trimmedCall();
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: posted });
    assert.deepEqual(await postedOf(panel, 'rawBody'), [], 'nothing is asked before the view opens');
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /Loading the raw response body/);
    assert.deepEqual(await postedOf(panel, 'rawBody'), [{ type: 'rawBody', callId: full.id }]);
    await panel.post({ type: 'rawBody', callId: full.id, body: full.response!.body! });
    await panel.page.waitForFunction(includes, ['#panel-raw pre', 'THE END OF THE ANSWER'] as [string, string], { timeout: 30_000, polling: 250 });
    assert.match(await panel.page.locator('#panel-raw').innerText(), /Response body as received, pretty-printed/);
    await panel.clearPosted();
    await panel.page.locator('#panel-raw button', { hasText: 'Copy' }).click();
    const copies = await postedOf(panel, 'copy');
    assert.equal(copies.length, 1);
    assert.equal(copies[0]!.type === 'copy' && copies[0]!.text, full.response!.body, 'Copy copies the body byte for byte');
    // Back and forth: not asked again.
    await panel.page.locator('#tab-response').click();
    await panel.page.locator('#tab-raw').click();
    assert.deepEqual(await postedOf(panel, 'rawBody'), []);
  });

  it('the Raw view says so when the host no longer keeps the call', async () => {
    const { full, posted } = trimmedCall();
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: posted });
    await panel.page.locator('#tab-raw').click();
    await panel.post({ type: 'rawBody', callId: full.id, gone: true });
    assert.match(await panel.page.locator('#panel-raw').innerText(), /could not be loaded: the call is no longer kept/);
  });

  it('the Code view gets the curl from the host, shows it whole and copies it exactly', async () => {
    const { full, posted } = trimmedCall();
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: posted });
    await panel.page.locator('#tab-code').click();
    assert.match(await panel.page.locator('#panel-code').innerText(), /Making the curl .*code…/);
    assert.deepEqual(await postedOf(panel, 'code'), [{ type: 'code', callId: full.id }], 'asked once, without sending the request back');
    await panel.post({ type: 'codeSnippet', callId: full.id, lang: 'curl', text: full.curl! });
    await panel.page.waitForFunction(includes, ['#panel-code pre', 'THE END OF THE CURL'] as [string, string], { timeout: 30_000, polling: 250 });
    await panel.clearPosted();
    await panel.page.locator('#panel-code button.copy-code').click();
    const copies = await postedOf(panel, 'copy');
    assert.equal(copies.length, 1);
    assert.equal(copies[0]!.type === 'copy' && copies[0]!.what, 'curl');
    assert.equal(copies[0]!.type === 'copy' && copies[0]!.text, full.curl, 'Copy curl copies the exact curl');
  });

  it('a big request that came with the record only as its body: the Conversation view reads its messages from there', async () => {
    const base = record();
    const effectiveRequest = { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user', content: 'A long question. '.repeat((300 * KB) / 17) }] };
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: { ...base, effectiveRequest: { model: 'claude-sonnet-5-5', max_tokens: 1024 }, request: { ...base.request!, body: JSON.stringify(effectiveRequest) } } });
    await panel.page.locator('#tab-conversation').click();
    assert.match(await panel.page.locator('#panel-conversation').innerText(), /this request carried the 1 message below/);
    await panel.page.waitForFunction(includes, ['#panel-conversation', 'A long question. A long question.'] as [string, string], { timeout: 30_000, polling: 250 });
  });

  it('a big request body withheld: the Request view asks for it once, says Loading…, then shows it; the Conversation view reads it too', async () => {
    const base = record();
    const effectiveRequest = { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user', content: `${'A long question. '.repeat((300 * KB) / 17)}THE END OF THE QUESTION` }] };
    const body = JSON.stringify(effectiveRequest);
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: { ...base, effectiveRequest: { model: 'claude-sonnet-5-5', max_tokens: 1024 }, request: { ...base.request!, body: '' } }, bodyWithheld: true });
    assert.deepEqual(await postedOf(panel, 'requestBody'), [], 'nothing is asked before a view of it opens');
    await panel.page.locator('#tab-request').click();
    assert.match(await panel.page.locator('#panel-request').innerText(), /Loading the request body…/);
    assert.deepEqual(await postedOf(panel, 'requestBody'), [{ type: 'requestBody', callId: base.id }]);
    await panel.post({ type: 'requestBody', callId: base.id, body });
    await panel.page.waitForFunction(includes, ['#panel-request pre', 'THE END OF THE QUESTION'] as [string, string], { timeout: 30_000, polling: 250 });
    await panel.page.locator('#tab-conversation').click();
    assert.match(await panel.page.locator('#panel-conversation').innerText(), /this request carried the 1 message below/);
    assert.deepEqual(await postedOf(panel, 'requestBody'), [{ type: 'requestBody', callId: base.id }], 'asked once for both views');
  });

  it('a running call\'s withheld body: asked from the Conversation view, said gone when the host no longer keeps it', async () => {
    const base = record();
    panel = await harness.open();
    await panel.post({ type: 'callStarted', record: { ...base, message: undefined, response: undefined, effectiveRequest: { model: 'claude-sonnet-5-5', max_tokens: 1024 } }, trimmed: true });
    await panel.post({ type: 'attempt', callId: base.id, attempt: base.attempts[0] ?? ({ number: 1 } as never), request: { ...base.request!, body: '' }, bodyWithheld: true });
    await panel.page.locator('#tab-conversation').click();
    assert.match(await panel.page.locator('#panel-conversation').innerText(), /Loading the conversation/);
    assert.deepEqual(await postedOf(panel, 'requestBody'), [{ type: 'requestBody', callId: base.id }]);
    await panel.post({ type: 'requestBody', callId: base.id, gone: true });
    assert.match(await panel.page.locator('#panel-conversation').innerText(), /could not be loaded: the call is no longer kept/);
  });

  it('a small call still comes whole: its Raw view asks nothing', async () => {
    const small = record();
    panel = await harness.open();
    await panel.post({ type: 'callFinished', record: small });
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /Hello \*\*world\*\*/);
    assert.deepEqual(await postedOf(panel, 'rawBody'), []);
  });
});

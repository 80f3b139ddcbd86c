// The Code view: a language picker (curl by default, the host's setting when it names another), each language's
// code asked of the host once and shown with Copy, its note when it has one, and the picked language kept in the
// webview's state, so that a reload comes back to it.
import * as assert from 'node:assert/strict';
import { Harness, type PanelPage, useHarness } from './harness';
import { record } from './fixtures/records';
import { CODE_LANGUAGES } from '../../src/shared/codeLanguages';

describe('webview: the Code view', function () {
  this.timeout(60_000);
  let harness: Harness;
  let panel: PanelPage | undefined;

  useHarness((started) => (harness = started));
  afterEach(async () => {
    const opened = panel;
    panel = undefined;
    if (opened) {
      assert.deepEqual(opened.errors, [], 'no script errors in the page');
      assert.deepEqual(await opened.violations(), [], 'no CSP violations');
      await opened.close();
    }
  });

  const codeRequests = async (page: PanelPage) => (await page.posted()).filter((m) => m.type === 'code');

  it('shows curl at once, offers every language, asks the host for the one picked (once), shows it and copies it', async () => {
    panel = await harness.open();
    const r = record();
    await panel.post({ type: 'callFinished', record: r });
    await panel.page.locator('#tab-code').click();
    assert.match(await panel.page.locator('#panel-code pre').innerText(), /^curl 'https:\/\/api\.anthropic\.com\/v1\/messages'/);
    const options = await panel.page.locator('#panel-code select.code-language option').allInnerTexts();
    assert.deepEqual(options, CODE_LANGUAGES.map((l) => l.label));
    // The host is asked which language the setting names (no lang), since nothing was picked here.
    assert.deepEqual(await codeRequests(panel), [{ type: 'code', callId: r.id }]);

    await panel.clearPosted();
    await panel.page.locator('#panel-code select.code-language').selectOption('python');
    assert.deepEqual(await codeRequests(panel), [{ type: 'code', callId: r.id, lang: 'python' }]);
    assert.match(await panel.page.locator('#panel-code').innerText(), /Making the Python \(anthropic SDK\) code/);
    assert.ok(await panel.page.locator('#panel-code .copy-code').isDisabled(), 'nothing to copy yet');
    const text = '# The Python SDK, anthropic 2.x, sends anthropic-version 2026-10-21, as this request did.\nimport anthropic\n';
    await panel.post({ type: 'codeSnippet', callId: r.id, lang: 'python', text, note: 'A note about this code.' });
    assert.equal(await panel.page.locator('#panel-code pre').innerText(), text);
    assert.match(await panel.page.locator('#panel-code .code-note').innerText(), /A note about this code\./);
    await panel.clearPosted();
    await panel.page.locator('#panel-code .copy-code').click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'code', text }]);

    // Back to curl and to Python again: nothing asked twice.
    await panel.clearPosted();
    await panel.page.locator('#panel-code select.code-language').selectOption('curl');
    await panel.page.locator('#panel-code select.code-language').selectOption('python');
    assert.deepEqual(await codeRequests(panel), []);
    assert.equal(await panel.page.locator('#panel-code pre').innerText(), text);
    assert.equal((await panel.state())?.codeLanguage, 'python');
  });

  it('comes back to the picked language after a reload, and sends the request when the host no longer has it', async () => {
    const r = record();
    panel = await harness.open({ state: { record: r, view: 'code', codeLanguage: 'typescript' } });
    await panel.frames();
    assert.equal(await panel.page.locator('#panel-code select.code-language').inputValue(), 'typescript');
    assert.deepEqual(await codeRequests(panel), [{ type: 'code', callId: r.id, lang: 'typescript' }]);
    await panel.clearPosted();
    await panel.post({ type: 'codeSnippet', callId: r.id, lang: 'typescript', text: '', missing: true });
    assert.deepEqual(await codeRequests(panel), [{ type: 'code', callId: r.id, lang: 'typescript', request: r.request }]);
    await panel.post({ type: 'codeSnippet', callId: r.id, lang: 'typescript', text: "import Anthropic from '@anthropic-ai/sdk';\n" });
    assert.match(await panel.page.locator('#panel-code pre').innerText(), /import Anthropic/);
  });

  it('follows the setting\'s language when nothing was picked here, and an old state\'s curl view opens the Code view', async () => {
    const r = record();
    panel = await harness.open({ state: { record: r, view: 'curl' } });
    await panel.frames();
    assert.equal(await panel.page.locator('#tab-code').getAttribute('aria-selected'), 'true');
    await panel.post({ type: 'codeSnippet', callId: r.id, lang: 'python-httpx', text: 'import httpx\n' });
    assert.equal(await panel.page.locator('#panel-code select.code-language').inputValue(), 'python-httpx');
    assert.match(await panel.page.locator('#panel-code pre').innerText(), /import httpx/);
    assert.equal((await panel.state())?.codeLanguage, undefined, 'the setting is followed, not copied into the state');
  });

  it('says so while the request has not gone out yet', async () => {
    panel = await harness.open();
    const r = record();
    delete r.request;
    delete r.curl;
    await panel.post({ type: 'callFinished', record: r });
    await panel.page.locator('#tab-code').click();
    assert.match(await panel.page.locator('#panel-code').innerText(), /No code yet: it is made from the request once it has gone out/);
  });
});

// Issue 8's truths, as the panel shows them: against the project's hostile server (test/hostile), a stalled body, a
// stream without message_stop, an HTML page with status 200 and a redirect to another origin each end with what
// arrived on screen, and no secret anywhere in the panel's page (the key, any part of it, an auth header, URL
// credentials), whichever view is open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallRecord } from '../../src/shared/callRecord';
import type { DomView } from '../../src/shared/protocol';
import { HostileServer, startHostileServer } from '../hostile/server';
import { closeAllEditors, inspector, PANEL_WAIT_MS, TEST_KEY, waitFor } from './support';
import { useSuiteSettings } from './standInHooks';

const REQUEST = (stream: boolean) =>
  `{ "model": "claude-sonnet-5-5", "max_tokens": 64, "stream": ${stream}, "messages": [{ "role": "user", "content": "Hostile, please." }] }`;

interface Shown {
  record: CallRecord;
  /** From the command to its return: the call's own time, the panel's loading not counted. */
  callMs: number;
  views: DomView[];
  html: string;
  /** Every view's text, one after another. */
  text: string;
}

describe('The panel under a hostile server', function () {
  this.timeout(90_000);
  let hostile: HostileServer;
  // The short timeout and the hostile base URL are put back after the suite.
  const settings = useSuiteSettings();

  before(async () => {
    await inspector();
    hostile = await startHostileServer();
    await vscode.commands.executeCommand('claudeInspector.setApiKey', TEST_KEY);
    // A short idle bound, so that a stalled body ends in seconds (the fixtures workspace says 10 s).
    await settings.update('timeoutSeconds', 2, vscode.ConfigurationTarget.Workspace);
  });
  afterEach(() => closeAllEditors());
  after(() => hostile.close());

  /** Sends a request file through the fault and waits until the panel shows `expected`. */
  async function sendThrough(fault: string, stream: boolean, expected: RegExp): Promise<Shown> {
    const api = await inspector();
    await settings.update('baseUrl', `${hostile.url}/${fault}`);
    const document = await vscode.workspace.openTextDocument({ language: 'jsonc', content: REQUEST(stream) });
    await vscode.window.showTextDocument(document);
    const sentAt = Date.now();
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const callMs = Date.now() - sentAt;
    const record = api.lastCall();
    assert.ok(record, 'a call was made');
    assert.ok(hostile.requests.some((r) => r.fault === fault), `the request went through ${fault}`);
    let last = '';
    const dom = await waitFor(`the panel to show ${expected}`, async () => {
      const found = await api.inspectPanel();
      last = found ? found.views.map((v) => `[${v.label}] ${v.text}`).join('\n') : '(no answer from the panel)';
      return found && expected.test(last) && found;
    }, PANEL_WAIT_MS).catch((error) => {
      throw new Error(`${(error as Error).message}\nThe panel shows:\n${last.slice(0, 3000)}`);
    });
    const shown = { record, callMs, views: dom.views, html: dom.html, text: dom.views.map((v) => v.text).join('\n') };
    assertNoSecret(shown);
    return shown;
  }

  function assertNoSecret(shown: Shown): void {
    const page = `${shown.html}\n${shown.text}`;
    assert.ok(!page.includes(TEST_KEY), 'the key is not in the panel');
    // Any part of it long enough to mean something: a server's truncated echo, a cut-off header.
    for (let at = 0; at + 16 <= TEST_KEY.length; at += 8) {
      assert.ok(!page.includes(TEST_KEY.slice(at, at + 16)), `no part of the key (${at}…${at + 16}) in the panel`);
    }
    assert.doesNotMatch(page, /Bearer\s+sk-/i, 'no bearer token');
    assert.doesNotMatch(page, /x-api-key["':\s]+sk-/i, 'no x-api-key value');
    assert.ok(!JSON.stringify(shown.record).includes(TEST_KEY), 'nor in the record the panel was given');
  }

  it('a stalled JSON body: ends after the idle bound, naming it, with the bytes that arrived', async () => {
    const shown = await sendThrough('stall-json', false, /msg_hostile_0001/);
    const { record } = shown;
    assert.equal(record.error?.kind, 'timeout', record.error?.message);
    assert.match(record.error?.message ?? '', /no data for 2 s after the headers/);
    // The bound is 2 s of silence; a loaded machine's extension host may take a few more to notice and end the call.
    assert.ok(shown.callMs < 20_000, `the stall did not hang the call (it took ${shown.callMs} ms)`);
    assert.match(record.response?.body ?? '', /^\{"id":"msg_hostile_0001"/, 'the bytes that arrived are kept');
    assert.match(shown.text, /no data for 2 s after the headers/, 'the panel says why it ended');
  });

  it('a stalled body\'s hint names the setting to raise (core words it neutrally, the extension names its setting)', async () => {
    const shown = await sendThrough('stall-json', false, /msg_hostile_0001/);
    const hint = /Raise the timeout \(claudeInspector\.timeoutSeconds\) if it is only slow\./;
    assert.match(shown.record.error?.hint ?? '', hint);
    assert.equal(shown.record.error?.hintCode, 'went-silent');
    assert.match(shown.text, hint, 'the panel shows it');
    assert.doesNotMatch(shown.text, /--timeout/, 'no CLI flag in the panel');
  });

  it('a stream that ends before message_stop: the text that arrived, marked incomplete', async () => {
    const shown = await sendThrough('no-message-stop', true, /Hello from the/);
    const { record } = shown;
    assert.equal(record.incomplete, true);
    assert.match(record.error?.message ?? '', /before message_stop/);
    assert.match(JSON.stringify(record.message?.content), /Hello from the /);
    assert.match(shown.text, /message_stop/, 'the panel says how it ended');
  });

  it('a reset during a stream whose body ends with the connection: said to be a reset, not a close, with the text kept', async () => {
    // No content-length and no chunked encoding: Node's HTTP client ends such a body cleanly on a reset too.
    const shown = await sendThrough('reset-unframed', true, /ECONNRESET/);
    const { record } = shown;
    assert.equal(record.incomplete, true);
    assert.equal(record.error?.kind, 'network', record.error?.message);
    assert.match(record.error?.message ?? '', /the connection broke after the headers and 3 events .*ECONNRESET.*not a clean close/);
    assert.doesNotMatch(record.error?.message ?? '', /before message_stop/);
    assert.match(JSON.stringify(record.message?.content), /Hello /);
  });

  it('an HTML page with status 200: an error that shows the content type and the page\'s first bytes', async () => {
    const shown = await sendThrough('html-200', false, /text\/html/);
    const { record } = shown;
    assert.ok(record.error, 'a 200 that is not a Message is an error');
    assert.match(record.error.message, /HTTP 200, but the body is text\/html, not a Message/);
    assert.match(shown.text, /Sign in to the Wi-Fi/, 'what arrived is visible');
  });

  it('a redirect to another origin: not followed, its Location named, credentials in it masked', async () => {
    const shown = await sendThrough('redirect-other-origin', false, /302|redirect/i);
    const { record } = shown;
    assert.ok(record.error, 'a redirect is an error');
    assert.match(record.error.message, /localhost/, 'the Location is named');
    assert.ok(!hostile.requests.some((r) => r.fault === 'landed'), 'the redirect was not followed');
    const page = `${shown.html}\n${shown.text}`;
    const leaks = shown.views.filter((v) => v.text.includes('hostile-pass')).map((v) => v.label || '(page)');
    const inRecord = Object.entries(record).filter(([, value]) => JSON.stringify(value ?? null).includes('hostile-pass')).map(([key]) => key);
    assert.ok(!page.includes('hostile-pass'), `the password in the Location is masked; shown in views ${JSON.stringify(leaks)}, record fields ${JSON.stringify(inRecord)}`);
    assert.match(shown.text, /localhost/, 'the panel names where it was sent');
  });
});

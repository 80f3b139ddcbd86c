// Retries are announced and their waits capped (claudeInspector.maxRetryWaitSeconds); a base URL that would send the
// call elsewhere (credentials, a query, a fragment) is refused with the reason, and without repeating it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectionOf, readSettings } from '../../src/extension/settings';
import type { StandIn } from '../../src/standIn/server';
import { inspector } from './support';
import { useStandInSuite } from './standInHooks';

async function openRequest(content: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'jsonc', content });
  await vscode.window.showTextDocument(document);
}

const REQUEST = '{ "model": "claude-sonnet-5-5", "max_tokens": 32, "stream": false, "messages": [{ "role": "user", "content": "Retry me." }] }';

describe('Retries and the base URL', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  const settings = useStandInSuite((ready) => ({ standIn } = ready));
  const config = () => vscode.workspace.getConfiguration('claudeInspector');

  // The fixtures workspace turns retries off (maxRetries 0) for the other suites; these tests are about retries.
  before(() => settings.update('maxRetries', 2, vscode.ConfigurationTarget.Workspace));

  it('contributes claudeInspector.maxRetryWaitSeconds, 60 by default', () => {
    const inspected = config().inspect<number>('maxRetryWaitSeconds');
    assert.equal(inspected?.defaultValue, 60);
    assert.equal(readSettings().maxRetryWaitSeconds, 60);
  });

  it('announces a retry in the panel, with the status, the wait and the attempt, then shows the answer', async () => {
    const api = await inspector();
    standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', retryAfter: 1 });
    await openRequest(REQUEST);
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const record = api.lastCall();
    assert.ok(record && !record.error, record?.error?.message);
    assert.equal(standIn.requests.length, 2);
    const retrying = api.panelMessages().filter((m) => m.type === 'retrying');
    assert.equal(retrying.length, 1, 'one retry, one announcement');
    const notice = retrying[0];
    assert.ok(notice.type === 'retrying');
    assert.equal(notice.callId, record.id);
    assert.equal(notice.text, '529 overloaded_error, retrying in 1 s (attempt 2 of 3)');
    assert.deepEqual([notice.waitMs, notice.attempt, notice.of], [1000, 2, 3]);
  });

  it('fails at once, saying so, when the server asks for a longer wait than the setting allows', async () => {
    const api = await inspector();
    await settings.update('maxRetryWaitSeconds', 1);
    try {
      standIn.enqueue({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: 30 });
      await openRequest(REQUEST);
      const started = Date.now();
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      assert.ok(Date.now() - started < 10_000, 'no silent 30 s wait');
      assert.equal(standIn.requests.length, 1, 'not retried');
      const error = api.lastCall()?.error;
      assert.match(error?.message ?? '', /asked to retry after 30 s/);
      // The way out names the setting (the CLI names its flag): the hint, worded by the extension.
      assert.match(error?.hint ?? '', /maxRetryWaitSeconds/);
    } finally {
      await config().update('maxRetryWaitSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses a base URL with credentials, a query or a fragment: nothing is sent, and the reason never repeats it', async () => {
    const api = await inspector();
    const before = api.lastCall();
    const port = new URL(standIn.url).port;
    const bad = [
      { url: `http://someone:pa55word@127.0.0.1:${port}`, reason: /credentials/ },
      { url: `${standIn.url}?token=pa55word`, reason: /query/ },
      { url: `${standIn.url}#pa55word`, reason: /fragment/ },
    ];
    for (const { url, reason } of bad) {
      const checked = connectionOf({ ...readSettings(), baseUrl: url });
      assert.ok(!checked.ok, `${url} is refused`);
      assert.match(checked.problem, /claudeInspector\.baseUrl/);
      assert.match(checked.problem, reason);
      assert.ok(!checked.problem.includes('pa55word'), checked.problem);
    }
    await config().update('baseUrl', bad[1].url, vscode.ConfigurationTarget.Global);
    try {
      await openRequest(REQUEST);
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      await vscode.commands.executeCommand('claudeInspector.countTokens');
      assert.equal(standIn.requests.length, 0, 'nothing was sent');
      assert.equal(api.lastCall(), before, 'no call was made');
    } finally {
      await config().update('baseUrl', standIn.url, vscode.ConfigurationTarget.Global);
    }
    assert.ok(connectionOf(readSettings()).ok, 'the stand-in\'s own URL is fine');
  });
});

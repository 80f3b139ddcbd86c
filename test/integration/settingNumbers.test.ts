// Numeric settings written as text in settings.json ("0x10", "1e3", "3"): the extension never reads them as
// numbers (Number() made "0x10" a 16 s timeout, sent "0x10" as max_tokens, and a string maxRetries made the core
// refuse the send without naming the setting). Each is its default instead, and the user is warned, naming it
// (the warning's wording is in test/unit/settingNumbers.test.ts; a notification cannot be read back here).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { inspector, open } from './support';
import { useStandInSuite } from './standInHooks';

describe('Numeric settings written as text', function () {
  this.timeout(60_000);
  let standIn: StandIn;
  const settings = useStandInSuite((ready) => ({ standIn } = ready));

  it('are their defaults: the request goes out with max_tokens 1024, and the send is not refused', async () => {
    const api = await inspector();
    const target = vscode.ConfigurationTarget.Workspace;
    await settings.update('defaultMaxTokens', '0x10', target);
    await settings.update('timeoutSeconds', '0', target);
    await settings.update('maxRetries', '3', target);
    await settings.update('maxRetryWaitSeconds', '1e3', target);
    assert.equal(vscode.workspace.getConfiguration('claudeInspector').get('defaultMaxTokens'), '0x10', 'the text is in the settings as written');
    await open('defaults.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests.length, 1, 'the request was sent');
    const body = standIn.requests[0].json as { max_tokens: unknown };
    assert.equal(body.max_tokens, 1024, 'max_tokens is the default, not the text');
    const record = api.lastCall();
    assert.ok(record && !record.error, record?.error?.message);
  });
});

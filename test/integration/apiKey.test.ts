// Set API Key and Clear API Key go through VS Code's SecretStorage; with no key, Send asks and sends nothing
// until one is given.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { inspector, open, TEST_KEY } from './support';
import { useStandInSuite } from './standInHooks';

describe('API key', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));
  // The tests change and clear the key: the suites after this one find it as the stand-in wants it.
  after(() => vscode.commands.executeCommand('claudeInspector.setApiKey', TEST_KEY));

  it('Set API Key stores the key in SecretStorage, and sending uses it', async () => {
    const api = await inspector();
    const key = 'sk-ant-fake-another-test-key-99999999999999999';
    await vscode.commands.executeCommand('claudeInspector.setApiKey', key);
    assert.equal(await api.keySource(), 'secret');
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests[0].headers.authorization, `Bearer ${key}`);
    await vscode.commands.executeCommand('claudeInspector.setApiKey', TEST_KEY);
  });

  it('Clear API Key removes it; Send then asks for one and, when dismissed, sends nothing', async () => {
    const api = await inspector();
    await vscode.commands.executeCommand('claudeInspector.clearApiKey');
    assert.equal(await api.keySource(), 'none', 'no stored key, and none in the test environment');
    await open('hello.claude.json');
    const sending = vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    // The password box is up: dismiss it as a user pressing Escape would.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await sending;
    assert.equal(standIn.requests.length, 0, 'nothing was sent without a key');
    assert.equal(await api.keySource(), 'none');
  });

  it('never writes the key into the settings', () => {
    const inspect = JSON.stringify(vscode.workspace.getConfiguration('claudeInspector'));
    assert.ok(!inspect.includes(TEST_KEY));
  });
});

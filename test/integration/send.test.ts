// Send Selection and Send Request File, end to end against the local stand-in, as a user runs them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, inspector, open, responseTab, TEST_KEY, waitFor } from './support';
import { useStandInSuite } from './standInHooks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Sending', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));

  it('Send Selection sends the selected text as one user message and shows the reply in the panel', async () => {
    const api = await inspector();
    const editor = await open('notes.md');
    const line = editor.document.lineAt(2);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    await vscode.commands.executeCommand('claudeInspector.sendSelection');

    assert.equal(standIn.requests.length, 1);
    const body = standIn.requests[0].json as Json;
    assert.deepEqual(body.messages, [{ role: 'user', content: line.text }]);
    assert.equal(body.model, 'claude-sonnet-5-5', 'model from the defaultModel setting');
    assert.equal(body.max_tokens, 1024, 'max_tokens from the defaultMaxTokens setting');
    assert.equal(body.stream, true, 'streams by default (claudeInspector.stream)');
    assert.equal(standIn.requests[0].headers.authorization, `Bearer ${TEST_KEY}`);

    const record = api.lastCall();
    assert.ok(record && !record.error, record?.error?.message);
    assert.equal(record.source.kind, 'selection');
    assert.match(String((record.message?.content as Json[])[0].text), /stand-in/);
    assert.equal(record.message?.stop_reason, 'end_turn');
    assert.ok(api.isPanelOpen(), 'the panel is open');
    await waitFor('a "Claude Response" tab in the editor area', () => responseTab(), 5000).catch((error) => {
      const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      throw new Error(`${(error as Error).message}; tabs: ${JSON.stringify(labels)}`);
    });
  });

  it('Send Selection with an empty selection sends nothing', async () => {
    const editor = await open('notes.md');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('claudeInspector.sendSelection');
    assert.equal(standIn.requests.length, 0);
  });

  it('Send Request File sends what is in the editor, unsaved edits included', async () => {
    const api = await inspector();
    const editor = await open('hello.claude.json');
    await editor.edit((edit) => {
      const text = editor.document.getText();
      const at = text.indexOf('Say hello.');
      edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'Say hello.'.length)), 'Edited, not saved.');
    });
    assert.ok(editor.document.isDirty);
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const body = standIn.requests[0].json as Json;
    assert.equal(body.messages[0].content, 'Edited, not saved.');
    assert.equal(body.max_tokens, 64, 'the file\'s own max_tokens');
    const record = api.lastCall();
    assert.equal(record?.source.kind, 'file');
    assert.match(String((record?.message?.content as Json[])[0].text), /Edited, not saved/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Send Request File from the explorer sends the file it was given', async () => {
    await closeAllEditors();
    const uri = (await open('hello.claude.json')).document.uri;
    await closeAllEditors();
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile', uri);
    assert.equal((standIn.requests[0].json as Json).messages[0].content, 'Say hello.');
  });

  it('refuses a file with an error, sending nothing', async () => {
    await open('broken.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests.length, 0);
  });

  it('shows a 401 as an authentication error with its request-id', async () => {
    const api = await inspector();
    await vscode.commands.executeCommand('claudeInspector.setApiKey', 'sk-ant-fake-wrong-key-000000000000000000');
    try {
      await open('hello.claude.json');
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    } finally {
      await vscode.commands.executeCommand('claudeInspector.setApiKey', TEST_KEY);
    }
    const error = api.lastCall()?.error;
    assert.equal(error?.status, 401);
    assert.equal(error?.type, 'authentication_error');
    assert.match(error?.requestId ?? '', /^req_/);
    assert.ok(!JSON.stringify(api.lastCall()).includes('wrong-key'), 'the key is not in the record');
  });

  it('shows a 529 as overloaded, with type, message and request-id', async () => {
    const api = await inspector();
    standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' });
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const error = api.lastCall()?.error;
    assert.deepEqual([error?.status, error?.type, error?.message], [529, 'overloaded_error', 'Overloaded']);
    assert.match(error?.requestId ?? '', /^req_/);
  });

  it('Cancel aborts the HTTP request and keeps what had arrived', async () => {
    const api = await inspector();
    standIn.enqueue({ kind: 'stream', text: 'A slow answer that will be cancelled before it ends. '.repeat(8), durationMs: 8000 });
    const editor = await open('notes.md');
    editor.selection = new vscode.Selection(2, 0, 2, 10);
    const started = new Promise<string>((resolve) => {
      const listener = api.onDidStartCall((record) => {
        listener.dispose();
        resolve(record.id);
      });
    });
    const sending = vscode.commands.executeCommand('claudeInspector.sendSelection');
    const callId = await started;
    await waitFor('the first tokens', () => standIn.requests.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const cancelledAt = Date.now();
    api.cancelCall(callId);
    await sending;
    assert.ok(Date.now() - cancelledAt < 3000, 'the call ends at once, not when the stream would have');
    const record = api.lastCall();
    assert.equal(record?.error?.kind, 'cancelled');
    assert.equal(record?.incomplete, true);
    assert.match(String((record?.message?.content as Json[])[0].text), /^A slow answer/);
  });
});

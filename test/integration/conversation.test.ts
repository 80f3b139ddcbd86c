// Conversations in the real VS Code: Continue in a request file (one undo, comments kept, not saved, the cursor in
// the next turn), tool_result placeholders with tab stops, a new file from Send Selection, Fork, the panel's
// buttons (pressed in the panel's own document) and Conversation view, and the next send getting the next reply.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import type { CallRecord } from '../../src/shared/callRecord';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, fixture, inspector, open, PANEL_WAIT_MS, responseTab, waitFor } from './support';
import { useStandInSuite } from './standInHooks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sentMessages = (standIn: StandIn) => (standIn.requests.filter((r) => r.path === '/v1/messages').pop()?.json as Json).messages as Json[];

describe('Conversation', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));

  it('Continue in a request file: one undoable edit, comments kept, not saved, cursor in the next turn; the next send gets the next reply', async () => {
    const api = await inspector();
    const editor = await open('chat.claude.json');
    const original = editor.document.getText();
    const onDisk = fs.readFileSync(fixture('chat.claude.json').fsPath, 'utf8');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.ok(api.lastCall() && !api.lastCall()?.error, api.lastCall()?.error?.message);

    const lensTitles = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)).map((l) => l.command?.title ?? '');
    const before = await lensTitles();
    assert.ok(before.some((t) => t.endsWith('Continue conversation')), `a Continue CodeLens after a successful call: ${before.join(' | ')}`);
    assert.ok(before.some((t) => t.endsWith('Fork here')));

    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    const document = editor.document;
    const continued = document.getText();
    assert.ok(!(await lensTitles()).some((t) => t.endsWith('Continue conversation')), 'no Continue lens once the answer is in the file');
    assert.ok(continued.startsWith(original.slice(0, original.indexOf('} // the first turn') + 1)), 'the text before the new turns is as it was');
    for (const kept of ['// A conversation to continue', '// the model', '// the first turn', '/* nothing after */']) {
      assert.ok(continued.includes(kept), `the comment ${kept} is kept`);
    }
    const body = parse(continued) as Json;
    assert.deepEqual(body.messages.map((m: Json) => m.role), ['user', 'assistant', 'user']);
    assert.equal(body.messages[2].content, '');
    assert.match(continued, /\n {9}\{\n {12}"role": "assistant"/, 'indented like the turn before it');
    assert.ok(document.isDirty, 'not saved');
    assert.equal(fs.readFileSync(fixture('chat.claude.json').fsPath, 'utf8'), onDisk, 'the file on disk is untouched');
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document, document);
    const cursor = document.offsetAt(active.selection.active);
    assert.equal(continued.slice(cursor - 1, cursor + 1), '""', 'the cursor is in the new user turn\'s text');
    assert.ok(cursor > continued.indexOf('"role": "assistant"'), 'in the last turn');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one Undo takes the whole Continue back');
    await vscode.commands.executeCommand('redo');
    assert.equal(document.getText(), continued);

    // Typed where the cursor is, then sent: the whole conversation goes out, and the reply reads the earlier turns.
    const at = continued.lastIndexOf('""') + 1;
    active.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at));
    await vscode.commands.executeCommand('type', { text: 'What is my name?' });
    assert.equal((parse(document.getText()) as Json).messages[2].content, 'What is my name?');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const sent = sentMessages(standIn);
    assert.equal(sent.length, 3);
    assert.equal(sent[1].role, 'assistant');
    const reply = String((api.lastCall()?.message?.content as Json[])[0].text);
    assert.match(reply, /What is my name\?/);
    assert.match(reply, /Ada/, 'the reply read the earlier turns');

    // The panel: a Continue button under the answer, and the input growing call by call.
    const dom = await waitFor('the panel\'s conversation view with two calls', async () => {
      const views = (await api.inspectPanel())?.views;
      const conversation = views?.find((v) => v.label === 'Conversation');
      return conversation && /\n?2\s+3\s+[\d,]+/.test(conversation.text) ? views : undefined;
    }, PANEL_WAIT_MS);
    assert.match(dom.find((v) => v.label === 'Response')?.text ?? '', /Continue conversation/);
    assert.match(dom.find((v) => v.label === 'Conversation')?.text ?? '', /As the model received it[\s\S]*messages\[2\][\s\S]*Input tokens sent, call by call/i);
  });

  it('after tool_use: a tool_result placeholder per id, selected as a tab stop; typed over and sent, the reply uses it', async () => {
    const api = await inspector();
    const editor = await open('weather.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(api.lastCall()?.message?.stop_reason, 'tool_use');
    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    const document = editor.document;
    const body = parse(document.getText()) as Json;
    const use = body.messages[1].content.find((b: Json) => b.type === 'tool_use');
    assert.deepEqual(body.messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'TODO: the result of get_weather' }] });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.getText(active.selection), 'TODO: the result of get_weather', 'the placeholder is selected');
    await vscode.commands.executeCommand('type', { text: '9°C, rain' });
    assert.equal((parse(document.getText()) as Json).messages[2].content[0].content, '9°C, rain');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.match(String((api.lastCall()?.message?.content as Json[])[0].text), /get_weather returned: "9°C, rain"/);
  });

  /**
   * Waits until the panel shows the answer of `record` and the button `label` under it, makes the panel's group the
   * active one (as a person's click in it does), then presses the button in the panel's document.
   */
  async function pressInPanel(record: CallRecord, label: string, besides: vscode.ViewColumn | undefined): Promise<vscode.ViewColumn> {
    const api = await inspector();
    const id = String(record.message?.id);
    let seen = 'nothing: the panel did not answer';
    // The panel may still show the previous call for a moment: the button is pressed under this answer only.
    await waitFor(`the panel showing ${id} with "${label}"`, async () => {
      const dom = await api.inspectPanel();
      seen = dom ? JSON.stringify(dom.views.slice(0, 1)).slice(0, 3000) : seen;
      // The message id is in the header's folded details: in the markup, not in the text a person reads at first.
      return dom && dom.html.includes(id) && dom.views.some((v) => v.text.includes(label));
    }, PANEL_WAIT_MS).catch((error: Error) => assert.fail(`${error.message}; the panel showed ${seen}`));
    const panelColumn = responseTab()?.group.viewColumn;
    assert.ok(panelColumn !== undefined && panelColumn !== besides, 'the panel is beside the editor');
    await vscode.commands.executeCommand(`workbench.action.focus${['First', 'Second', 'Third'][panelColumn - 1]}EditorGroup`);
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, panelColumn, 'the panel\'s group is active');
    const pressed = await api.clickInPanel(label);
    assert.ok(pressed, 'the panel answered');
    assert.deepEqual(pressed.views.filter((v) => v.label === 'error').map((v) => v.text), [], `"${label}" was pressed`);
    return panelColumn;
  }

  /** The groups that have a tab of this document. */
  const columnsOf = (document: vscode.TextDocument) => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString())
    .map((tab) => tab.group.viewColumn);

  /** Sends the open request file and presses `label` in the panel; resolves once the file took the Continue. */
  async function sendThenPress(editor: vscode.TextEditor, label: string): Promise<{ record: CallRecord; before: string }> {
    const api = await inspector();
    const before = editor.document.getText();
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    const record = api.lastCall();
    assert.ok(record?.message && !record.error, record?.error?.message ?? 'a finished call');
    await pressInPanel(record, label, editor.viewColumn);
    await waitFor('the request file to take the Continue', () => editor.document.getText() !== before, 10_000);
    assert.deepEqual(columnsOf(editor.document), [editor.viewColumn], 'the file is edited in its own editor, not opened again over the panel');
    assert.ok(responseTab()?.isActive, 'the panel is still shown in its group');
    return { record, before };
  }

  it('the panel\'s Continue conversation button, pressed in the panel, appends to the request file as one undoable edit', async () => {
    const editor = await open('chat.claude.json');
    const onDisk = fs.readFileSync(fixture('chat.claude.json').fsPath, 'utf8');
    const { record, before } = await sendThenPress(editor, 'Continue conversation');
    const document = editor.document;
    const continued = document.getText();
    const body = parse(continued) as Json;
    assert.deepEqual(body.messages.map((m: Json) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual(body.messages[1].content, record.message?.content, 'the answer, as returned');
    assert.equal(body.messages[2].content, '', 'an empty user turn to type in');
    assert.ok(continued.includes('// the first turn') && continued.includes('/* nothing after */'), 'comments kept');
    assert.ok(document.isDirty, 'not saved');
    assert.equal(fs.readFileSync(fixture('chat.claude.json').fsPath, 'utf8'), onDisk, 'the file on disk is untouched');
    // Pressed once, appended once: nothing else arrives later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(document.getText(), continued, 'one press, one append');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one Undo takes the whole Continue back');
  });

  it('the panel\'s Answer the tool call button, pressed in the panel, writes the tool_result placeholder; one Undo takes it back', async () => {
    const editor = await open('weather.claude.json');
    const { record, before } = await sendThenPress(editor, 'Answer the tool call');
    assert.equal(record.message?.stop_reason, 'tool_use');
    const document = editor.document;
    const body = parse(document.getText()) as Json;
    const use = (record.message?.content as Json[]).find((b) => b.type === 'tool_use')!;
    assert.deepEqual(body.messages.slice(1), [
      { role: 'assistant', content: record.message?.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'TODO: the result of get_weather' }] },
    ]);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document, document, 'the request file is the active editor');
    assert.equal(document.getText(active.selection), 'TODO: the result of get_weather', 'the placeholder is selected, ready to type over');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one Undo takes the whole Continue back');
  });

  it('the panel\'s Continue conversation button after Send Selection, pressed in the panel, opens the new request file beside it, not over it', async () => {
    const api = await inspector();
    const editor = await open('notes.md');
    const line = editor.document.lineAt(2);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    await vscode.commands.executeCommand('claudeInspector.sendSelection');
    const record = api.lastCall();
    assert.ok(record?.message && !record.error, record?.error?.message ?? 'a finished call');
    const panelColumn = await pressInPanel(record, 'Continue conversation', editor.viewColumn);
    const created = await waitFor('a new request file', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d.uri.scheme === 'untitled' && d.uri.path.endsWith('.claude.json') && d.getText().includes('"assistant"') ? d : undefined;
    });
    assert.deepEqual((parse(created.getText()) as Json).messages.map((m: Json) => m.role), ['user', 'assistant', 'user']);
    const columns = columnsOf(created);
    assert.equal(columns.length, 1);
    assert.notEqual(columns[0], panelColumn, 'the new file is not opened over the panel');
    assert.ok(responseTab()?.isActive, 'the panel is still shown in its group');
  });

  it('after pause_turn, Resume appends the paused turn unchanged and sends again; after a refusal nothing is appended', async () => {
    const api = await inspector();
    const editor = await open('paused.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(api.lastCall()?.message?.stop_reason, 'pause_turn');
    const paused = api.lastCall()!;
    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    const body = parse(editor.document.getText()) as Json;
    assert.deepEqual(body.messages.map((m: Json) => m.role), ['user', 'assistant'], 'no user turn after a paused one');
    assert.deepEqual(body.messages[1].content, paused.message?.content, 'the paused turn as returned');
    await waitFor('the resumed call', () => api.lastCall()?.id !== paused.id && !!api.lastCall()?.message);
    assert.equal(sentMessages(standIn).length, 2);
    assert.match(String((api.lastCall()?.message?.content as Json[])[0].text), /Resuming the paused turn/);

    await closeAllEditors();
    const refusing = await open('hello.claude.json');
    await refusing.edit((edit) => {
      const text = refusing.document.getText();
      const at = text.indexOf('Say hello.');
      edit.replace(new vscode.Range(refusing.document.positionAt(at), refusing.document.positionAt(at + 'Say hello.'.length)), 'Do it [[stand-in: refusal]]');
    });
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(api.lastCall()?.message?.stop_reason, 'refusal');
    const before = refusing.document.getText();
    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    assert.equal(refusing.document.getText(), before, 'a refusal is not continued');
  });

  it('from Send Selection: a new untitled .claude.json with the conversation so far and the next user turn', async () => {
    const editor = await open('notes.md');
    const line = editor.document.lineAt(2);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    await vscode.commands.executeCommand('claudeInspector.sendSelection');
    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    const created = await waitFor('a new request file', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d.uri.scheme === 'untitled' && d.uri.path.endsWith('.claude.json') && d.getText().includes('"assistant"') ? d : undefined;
    });
    const body = parse(created.getText()) as Json;
    assert.deepEqual(body.messages.map((m: Json) => m.role), ['user', 'assistant', 'user']);
    assert.equal(body.messages[0].content, line.text);
    assert.equal(body.model, 'claude-sonnet-5-5');
    assert.equal(body.messages[2].content, '');
  });

  it('Fork Conversation Here: a new file with the turns up to the message under the cursor', async () => {
    const editor = await open('chat.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    await vscode.commands.executeCommand('claudeInspector.continueConversation');
    const text = editor.document.getText();
    const at = editor.document.positionAt(text.indexOf('"role": "assistant"'));
    vscode.window.activeTextEditor!.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('claudeInspector.forkConversation');
    const forked = await waitFor('the fork', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d !== editor.document && d.uri.path.endsWith('.claude.json') ? d : undefined;
    });
    const body = parse(forked.getText()) as Json;
    assert.deepEqual(body.messages.map((m: Json) => m.role), ['user', 'assistant']);
    assert.ok(forked.getText().includes('// the model'), 'the rest of the file is kept');
  });
});

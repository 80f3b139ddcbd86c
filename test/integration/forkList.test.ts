// Fork in a long conversation: beyond 100 messages, one "Fork at a message…" CodeLens lists them (VS Code lays out
// every CodeLens of a file at each keystroke, so not one on each), and so does Fork from the explorer's context menu.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { acceptQuickPick, closeAllEditors, fixture, waitFor } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Fork in a long conversation', function () {
  this.timeout(90_000);

  it('a conversation of 150 messages: one "Fork at a message…" lens instead of one on each, and it forks at the message chosen', async () => {
    const file = fixture('many-turns.claude.json');
    const messages = Array.from({ length: 150 }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: `Turn ${i}: ${'words '.repeat(20)}` }));
    fs.writeFileSync(file.fsPath, JSON.stringify({ model: 'claude-sonnet-5-5', max_tokens: 64, messages }, null, 2));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      const lenses = await waitFor('the lenses of a checked file', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
        return found.some((l) => /Fork at a message/.test(l.command?.title ?? '')) ? found : undefined;
      });
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.equal(titles.filter((t) => t.endsWith('Fork here')).length, 0, titles.join(' | '));
      assert.deepEqual(titles.filter((t) => /Fork at a message/.test(t)), ['$(repo-forked) Fork at a message… (150 messages)']);
      const lens = lenses.find((l) => /Fork at a message/.test(l.command?.title ?? ''))!;
      assert.equal(editor.document.lineAt(lens.range.start.line).text.trim(), '{', 'above the first message');
      // The lens's command, as a click runs it: a list of the messages; the first one taken.
      await acceptQuickPick('the fork to take the choice', vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])));
      const forked = vscode.window.activeTextEditor?.document;
      assert.ok(forked && forked !== editor.document, 'a new file');
      assert.deepEqual((parse(forked.getText()) as Json).messages, [messages[0]], 'the messages up to the one chosen');
      // From the explorer's context menu (the file and the selected files; its editor not active): the same list.
      await acceptQuickPick('the fork from the explorer to take the choice', vscode.commands.executeCommand('claudeInspector.forkConversation', file, [file]));
      const second = vscode.window.activeTextEditor?.document;
      assert.ok(second && second !== forked && second !== editor.document, 'another new file');
      assert.deepEqual((parse(second.getText()) as Json).messages, [messages[0]]);
    } finally {
      await closeAllEditors();
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});

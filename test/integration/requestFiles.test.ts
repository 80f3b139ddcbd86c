// Request files as a language: diagnostics with ranges, the CodeLens, token counts, models and new files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectorApi } from '../../src/extension/extension';
import type { StandIn } from '../../src/standIn/server';
import { acceptQuickPick, closeAllEditors, fixture, inspector, open, waitFor } from './support';
import { useStandInSuite } from './standInHooks';

describe('Request files', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  let api: InspectorApi;
  useStandInSuite((ready) => ({ standIn, api } = ready));

  it('are JSON with comments', async () => {
    const editor = await open('hello.claude.json');
    assert.equal(editor.document.languageId, 'jsonc');
  });

  it('show the API\'s mistakes in the Problems panel, with exact ranges', async () => {
    const editor = await open('problems.claude.json');
    const ours = await waitFor('diagnostics', () => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Claude Inspector');
      return found.length >= 3 && found;
    });
    const byCode = new Map(ours.map((d) => [String(d.code), d]));
    const text = (d: vscode.Diagnostic | undefined) => (d ? editor.document.getText(d.range) : undefined);
    assert.equal(text(byCode.get('retired-field')), '"temperature"');
    assert.equal(byCode.get('retired-field')?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(text(byCode.get('tool-result-orphan')), '"toolu_2"');
    assert.equal(text(byCode.get('tool-use-unanswered')), '"toolu_1"');
    assert.equal(byCode.get('default-max-tokens')?.severity, vscode.DiagnosticSeverity.Information);
  });

  it('update diagnostics as the user types', async () => {
    const editor = await open('hello.claude.json');
    const at = editor.document.getText().indexOf('"user"');
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 6)), '"robot"'));
    const found = await waitFor('the invalid-role diagnostic', () =>
      vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'invalid-role'),
    );
    assert.equal(editor.document.getText(found.range), '"robot"');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the diagnostic to go', () => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'invalid-role'));
  });

  it('follow edits made in several places at once (the check worker applies each change event to its copy)', async () => {
    const editor = await open('hello.claude.json');
    const document = editor.document;
    await waitFor('the first check', () => api.checksOf(document.uri) > 0);
    const text = document.getText();
    const role = text.indexOf('"user"');
    const content = text.indexOf('"Say hello."');
    // One edit, three changes: before, inside and after the role, as several cursors make them.
    await editor.edit((edit) => {
      edit.insert(document.positionAt(text.indexOf('"model"')), '// several cursors\n  ');
      edit.replace(new vscode.Range(document.positionAt(role), document.positionAt(role + 6)), '"robot"');
      edit.replace(new vscode.Range(document.positionAt(content), document.positionAt(content + 12)), '""');
    });
    const found = await waitFor('the invalid-role diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'invalid-role'));
    assert.equal(document.getText(found.range), '"robot"');
    const empty = await waitFor('the empty-content diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'empty-content'));
    assert.equal(document.getText(empty.range), '""');
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostics to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'invalid-role' || d.code === 'empty-content'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('refuse to send a file with an error, and send one with only notes', async () => {
    await open('problems.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests.length, 0);
    const editor = await open('defaults.claude.json');
    await waitFor('the notes on defaults', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'default-model'));
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests.length, 1);
    const body = standIn.requests[0].json as { model: string; max_tokens: number };
    assert.deepEqual([body.model, body.max_tokens], ['claude-sonnet-5-5', 1024]);
  });

  it('get the schema\'s warnings for an unknown top-level field', async () => {
    const editor = await open('hello.claude.json');
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 2), '"max_tokenz": 5,\n  '));
    const warning = await waitFor(
      'a schema warning',
      () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => /unknown request field/i.test(d.message)),
      15_000,
    ).catch((error) => {
      const all = vscode.languages.getDiagnostics(editor.document.uri).map((d) => `${d.source}: ${d.message}`);
      throw new Error(`${(error as Error).message}; diagnostics: ${JSON.stringify(all)}`);
    });
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(warning.range), '"max_tokenz"', editor.document.getText());
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('have Send, Count tokens and Copy as curl above the first line', async () => {
    await open('hello.claude.json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture('hello.claude.json'));
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.endsWith('Send')));
    assert.ok(titles.some((t) => t.endsWith('Count tokens')));
    assert.ok(titles.some((t) => t.endsWith('Copy as curl')));
    // The file's own lenses are above its first line ("Fork here" ones sit on each message).
    assert.ok(lenses.filter((l) => /(Send|Count tokens|Copy as curl)$/.test(l.command?.title ?? '')).every((l) => l.range.start.line === 0));
  });

  it('Count Tokens calls count_tokens and the CodeLens shows the count', async () => {
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.countTokens');
    assert.equal(standIn.requests[0].path, '/v1/messages/count_tokens');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture('hello.claude.json'));
    const title = lenses.map((l) => l.command?.title ?? '').find((t) => /input tokens/.test(t)) ?? '';
    // No models list yet: the context window comes from GET /v1/models/{id}; the cost from the price table.
    assert.match(title, /^\$\(symbol-numeric\) \d+ of 1,000,000 input tokens · \$[\d.]+ in, ≤ \$[\d.]+$/, title);
    assert.ok(standIn.requests.some((r) => r.path === '/v1/models/claude-sonnet-5-5'));
  });

  it('show each JSON syntax error once: VS Code\'s JSON server reports it, we do not repeat it', async () => {
    const editor = await open('broken.claude.json');
    const theirs = await waitFor('the JSON language server\'s syntax error', () => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source !== 'Claude Inspector' && d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 && found;
    }, 15_000);
    assert.ok(theirs.some((d) => d.range.start.line === 6), `the missing comma is reported on line 7: ${JSON.stringify(theirs.map((d) => [d.range.start.line, d.message]))}`);
    // Give our debounced check time to run, then compare: no syntax error of ours, one report per place.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const all = vscode.languages.getDiagnostics(editor.document.uri);
    const ours = all.filter((d) => d.source === 'Claude Inspector');
    assert.deepEqual(ours.map((d) => d.message), [], 'no syntax error of ours');
    const errorsOnLine7 = all.filter((d) => d.range.start.line === 6 && d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errorsOnLine7.length, 1, `one report for the missing comma: ${JSON.stringify(errorsOnLine7.map((d) => `${d.source}: ${d.message}`))}`);
    // Send still refuses the file, with the position of the error, in the words the Problems panel shows.
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal(standIn.requests.length, 0);
    assert.ok(((await inspector()).fileNotice(editor.document.uri) ?? '').startsWith(`nothing was sent: broken.claude.json:7:${errorsOnLine7[0].range.start.character + 1}: ${errorsOnLine7[0].message}`));
  });

  it('keep their own checks beside the JSON server\'s', async () => {
    const editor = await open('problems.claude.json');
    await waitFor('our diagnostics', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'retired-field'));
    const messages = vscode.languages.getDiagnostics(editor.document.uri).map((d) => d.message);
    assert.equal(new Set(messages).size, messages.length, `no message twice: ${JSON.stringify(messages)}`);
  });

  it('the CodeLens says a count is stale once the model, the messages or the settings change, never the old price as current', async () => {
    const lensTitle = async (uri: vscode.Uri) => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.map((l) => l.command?.title ?? '').find((t) => /tokens/.test(t)) ?? '';
    };
    const editor = await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.countTokens');
    const fresh = await lensTitle(editor.document.uri);
    assert.match(fresh, /of 1,000,000 input tokens · \$/, fresh);
    // The model changes: the count, window and price were for the old one.
    const at = editor.document.getText().indexOf('claude-sonnet-5-5');
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'claude-sonnet-5-5'.length)), 'claude-haiku-5-5'));
    const stale = await lensTitle(editor.document.uri);
    assert.match(stale, /count is for the old text .*— click to recount/, stale);
    assert.doesNotMatch(stale, /1,000,000|\$\d/, 'neither the old window nor the old price');
    // Counting again makes it current, for the new model.
    await vscode.commands.executeCommand('claudeInspector.countTokens');
    assert.equal(JSON.parse(standIn.requests.filter((r) => r.path === '/v1/messages/count_tokens').pop()!.body).model, 'claude-haiku-5-5');
    assert.match(await lensTitle(editor.document.uri), /input tokens · \$/);
    // A message edited: stale again.
    const hello = editor.document.getText().indexOf('Say hello.');
    await editor.edit((edit) => edit.insert(editor.document.positionAt(hello), 'Please. '));
    assert.match(await lensTitle(editor.document.uri), /count is for the old text/);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // A file without "model" takes the default model: changing that setting makes its count stale.
    const defaults = await open('defaults.claude.json');
    await vscode.commands.executeCommand('claudeInspector.countTokens');
    assert.match(await lensTitle(defaults.document.uri), /input tokens · \$/);
    const config = vscode.workspace.getConfiguration('claudeInspector');
    await config.update('defaultModel', 'claude-haiku-5-5', vscode.ConfigurationTarget.Global);
    try {
      assert.match(await lensTitle(defaults.document.uri), /count is for the old text/);
    } finally {
      await config.update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('List Models shows every model and sets the chosen one in the file, as one undoable edit', async () => {
    const editor = await open('hello.claude.json');
    const onDisk = fs.readFileSync(editor.document.uri.fsPath, 'utf8');
    assert.equal(editor.document.isDirty, false);
    const listing = vscode.commands.executeCommand('claudeInspector.listModels');
    await waitFor('the models request', () => standIn.requests.some((r) => r.path.startsWith('/v1/models')));
    // The quick pick shows when the list has arrived, later on a busy machine.
    await acceptQuickPick('List Models to take the choice', listing);
    const model = /"model": "([^"]+)"/.exec(editor.document.getText())?.[1];
    assert.ok(model && model !== 'claude-sonnet-5-5', `the model changed (is ${model})`);
    assert.equal(editor.document.isDirty, true, 'the change is left unsaved');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), onDisk, 'the file on disk is untouched');
    assert.equal(editor.document.getText().replace(model, 'claude-sonnet-5-5'), onDisk, 'only the model changed, formatting kept');
    await vscode.commands.executeCommand('undo');
    assert.match(editor.document.getText(), /"model": "claude-sonnet-5-5"/, 'one undo restores it');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('offer the listed model ids as completions for "model", and the schema\'s help on hover', async () => {
    const editor = await open('hello.claude.json');
    // The List Models test above filled the cache for this base URL.
    const text = editor.document.getText();
    const inModel = editor.document.positionAt(text.indexOf('claude-sonnet-5-5') + 3);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inModel);
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const id of ['"claude-opus-5-5"', '"claude-haiku-5-5"', '"claude-haiku-4-5"']) {
      assert.ok(labels.includes(id), `${id} is offered; got ${labels.slice(0, 20).join(', ')}`);
    }
    const onMaxTokens = editor.document.positionAt(text.indexOf('"max_tokens"') + 2);
    const hovers = await waitFor('a hover from the schema', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onMaxTokens);
      return found.length > 0 && found;
    });
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /max_tokens|tokens/i);
  });

  it('New Request File makes a request file from the selection, ready to send', async () => {
    const notes = await open('notes.md');
    notes.selection = new vscode.Selection(2, 0, 2, notes.document.lineAt(2).text.length);
    await vscode.commands.executeCommand('claudeInspector.newRequestFile');
    const created = vscode.window.activeTextEditor!;
    assert.match(created.document.uri.path, /\.claude\.json$/);
    assert.equal(created.document.languageId, 'jsonc');
    assert.match(created.document.getText(), new RegExp(notes.document.lineAt(2).text.slice(0, 20)));
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    assert.equal((standIn.requests[0].json as { messages: { content: string }[] }).messages[0].content, notes.document.lineAt(2).text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  it('a send re-checks its own file when it brought thinking blocks, in the worker; another open file, a big one, is not checked again', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-recheck-'));
    try {
      /** Opens a file, and waits for its first check: `note`, about a default, says it was made. */
      const openFile = async (name: string, text: string, note: string): Promise<vscode.TextDocument> => {
        fs.writeFileSync(path.join(folder, name), text);
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, name)));
        await vscode.window.showTextDocument(document, { preview: false });
        await waitFor(`the first check of ${name}`, () => vscode.languages.getDiagnostics(document.uri).some((d) => d.code === note), 20_000);
        return document;
      };
      // About 5 MB of prose in one message, and no max_tokens (a note says so once it is checked).
      const prose = 'lorem ipsum dolor sit amet, '.repeat(190_000);
      const big = await openFile('big.claude.json', `{\n  "model": "claude-haiku-5-5",\n  "messages": [{"role": "user", "content": "${prose}"}]\n}\n`, 'default-max-tokens');
      const thinking = await openFile(
        'thinking.claude.json',
        '{\n  "max_tokens": 2048,\n  "thinking": {"type": "enabled", "budget_tokens": 1024},\n  "messages": [{"role": "user", "content": "Think, then say hello."}]\n}\n',
        'default-model',
      );
      const bigChecks = api.checksOf(big.uri);
      const thinkingChecks = api.checksOf(thinking.uri);
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      const record = api.lastCall();
      assert.ok(record && !record.error, record?.error?.message);
      assert.ok((record.message?.content as { type: string }[]).some((b) => b.type === 'thinking'), 'the answer has a thinking block');
      // Send's own check, then one more: what the file's thinking blocks were made after changed.
      await waitFor('the sent file checked again', () => api.checksOf(thinking.uri) >= thinkingChecks + 2);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(api.checksOf(big.uri), bigChecks, 'the big file, which was not sent, was checked again');
    } finally {
      await closeAllEditors();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

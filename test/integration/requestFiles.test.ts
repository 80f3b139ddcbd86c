// Request files as a language: diagnostics with ranges, the CodeLens, token counts, models and new files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../standIn/server';
import { closeAllEditors, fixture, inspector, open, stopStandIn, useStandIn, waitFor } from './support';

describe('Request files', function () {
  this.timeout(30_000);
  let standIn: StandIn;

  before(async () => {
    await inspector();
    standIn = await useStandIn();
  });
  beforeEach(() => standIn.reset());
  afterEach(() => closeAllEditors());
  after(() => stopStandIn(standIn));

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
    assert.ok(lenses.every((l) => l.range.start.line === 0));
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

  it('List Models shows every model and sets the chosen one in the file, as one undoable edit', async () => {
    const editor = await open('hello.claude.json');
    const listing = vscode.commands.executeCommand('claudeInspector.listModels');
    await waitFor('the models request', () => standIn.requests.some((r) => r.path === '/v1/models'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await listing;
    const model = /"model": "([^"]+)"/.exec(editor.document.getText())?.[1];
    assert.ok(model && model !== 'claude-sonnet-5-5', `the model changed (is ${model})`);
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
});

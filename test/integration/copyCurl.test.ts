// Copy as curl puts on the clipboard the same curl the CLI prints for the same file.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { fixture, inspector, open, TEST_KEY } from './support';
import { useStandInSuite } from './standInHooks';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('Copy as curl', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));

  it('copies the curl the CLI prints for the active request file', async () => {
    await vscode.env.clipboard.writeText('');
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.copyCurl');
    const copied = await vscode.env.clipboard.readText();
    // The extension streams by default (claudeInspector.stream); the CLI does with --stream.
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'curl', fixture('hello.claude.json').fsPath, '--base-url', standIn.url, '--stream'], {
      env: { PATH: process.env.PATH },
    });
    assert.equal(copied, stdout.trimEnd());
    assert.match(copied, /authorization: Bearer '"\$ANTHROPIC_API_KEY"/);
    assert.ok(!copied.includes(TEST_KEY));
  });

  it('copies the curl of the last call when no request file is active', async () => {
    const api = await inspector();
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    await open('notes.md');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('claudeInspector.copyCurl');
    assert.equal(await vscode.env.clipboard.readText(), api.lastCall()?.curl);
  });

  it('refuses a file with an error as Send does: nothing copied, a notice with line and column', async () => {
    const api = await inspector();
    // Send is not run here: the panel tests count the refusals the panel heard of. Send's notice for broken.claude.json
    // is checked in panelAndEditor.test.ts with the same words after its own "nothing was sent".
    const cases = [
      { name: 'broken.claude.json', notice: /^no curl was made: broken\.claude\.json:7:5: \S/ }, // in the words of the Problems panel (the JSON server's, once it has reported)
      // Valid JSON the API would refuse: the diagnostics' errors refuse it, not only a parse error.
      { name: 'problems.claude.json', notice: /^no curl was made: problems\.claude\.json:\d+:\d+: / },
    ];
    for (const { name, notice } of cases) {
      const editor = await open(name);
      await vscode.env.clipboard.writeText('untouched');
      await vscode.commands.executeCommand('claudeInspector.copyCurl');
      assert.equal(await vscode.env.clipboard.readText(), 'untouched', `no curl for ${name}`);
      const said = api.fileNotice(editor.document.uri) ?? '';
      assert.match(said, notice, said);
    }
  });
});

// Copy as curl puts on the clipboard the same curl the CLI prints for the same file.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { StandIn } from '../standIn/server';
import { closeAllEditors, fixture, inspector, open, stopStandIn, TEST_KEY, useStandIn } from './support';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('Copy as curl', function () {
  this.timeout(30_000);
  let standIn: StandIn;

  before(async () => {
    await inspector();
    standIn = await useStandIn();
  });
  after(async () => {
    await closeAllEditors();
    await stopStandIn(standIn);
  });

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

  it('refuses a file with an error as Send does: nothing copied, the same notice with line and column', async () => {
    const api = await inspector();
    for (const name of ['broken.claude.json', 'problems.claude.json']) {
      const editor = await open(name);
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      const sendSays = api.fileNotice(editor.document.uri) ?? '';
      assert.match(sendSays, new RegExp(`^nothing was sent: ${name.replace(/\./g, '\\.')}:\\d+:\\d+: `), sendSays);
      await vscode.env.clipboard.writeText('untouched');
      await vscode.commands.executeCommand('claudeInspector.copyCurl');
      assert.equal(await vscode.env.clipboard.readText(), 'untouched', `no curl for ${name}`);
      assert.equal(api.fileNotice(editor.document.uri), sendSays.replace('nothing was sent', 'no curl was made'));
    }
  });
});

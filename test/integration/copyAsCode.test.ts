// Copy as Code… puts on the clipboard the code the CLI prints for the same file, in the language asked for (a
// language passed with the command skips the quick pick), and the last call's code when no request file is active.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { fixture, inspector, open, TEST_KEY } from './support';
import { useStandInSuite } from './standInHooks';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('Copy as Code', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));

  for (const language of ['python', 'typescript', 'python-httpx', 'powershell']) {
    it(`copies the ${language} code the CLI prints for the active request file`, async () => {
      await vscode.env.clipboard.writeText('');
      await open('hello.claude.json');
      await vscode.commands.executeCommand('claudeInspector.copyAsCode', undefined, language);
      const copied = await vscode.env.clipboard.readText();
      // The extension streams by default (claudeInspector.stream); the CLI does with --stream. The fixtures' settings
      // set the timeout and the retries, which the SDK snippets put on the client: the CLI is given the same.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [CLI, 'code', fixture('hello.claude.json').fsPath, '--lang', language, '--base-url', standIn.url, '--stream', '--timeout', '10', '--max-retries', '0'],
        { env: { PATH: process.env.PATH } },
      );
      assert.equal(copied, stdout);
      assert.ok(copied.length > 0);
      assert.ok(!copied.includes(TEST_KEY), 'the key is never inline');
    });
  }

  it('copies the code of the last call when no request file is active', async () => {
    const api = await inspector();
    await open('hello.claude.json');
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    await open('notes.md');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('claudeInspector.copyAsCode', undefined, 'http');
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^POST \/v1\/messages HTTP\/1\.1\r\n/);
    assert.ok(copied.endsWith(api.lastCall()!.request!.body), 'the body as it went');
    assert.ok(!copied.includes(TEST_KEY));
  });
});

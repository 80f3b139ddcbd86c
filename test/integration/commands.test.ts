// Every command in package.json is registered, and every command the extension registers is contributed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inspector } from './support';

describe('Commands', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

  before(() => inspector());

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('contributes every command it registers', async () => {
    const ours = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('claudeInspector.'));
    const extra = ours.filter((id) => !contributed.includes(id));
    assert.deepEqual(extra, [], 'registered but not in package.json');
  });

  it('puts every command in the Claude category, titled in the user\'s words', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Claude');
      // Words, and a trailing "…" for a command that asks something before it acts (VS Code's own convention).
      assert.match(command.title, /^[A-Z][a-zA-Z ]+…?$/, command.command);
    }
  });
});

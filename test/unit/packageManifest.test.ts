import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../src/extension/commandIds';
import * as defaults from '../../src/shared/defaults';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('contributes exactly the commands the code registers, each with the Claude category', () => {
    const contributed = (pkg.contributes.commands as { command: string; category: string }[]);
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(Commands).sort());
    for (const command of contributed) {
      assert.equal(command.category, 'Claude', `${command.command} has no Claude category`);
    }
  });

  it('declares the same setting defaults as the core and the CLI use', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['claudeInspector.defaultModel'].default, defaults.DEFAULT_MODEL);
    assert.equal(props['claudeInspector.defaultMaxTokens'].default, defaults.DEFAULT_MAX_TOKENS);
    assert.equal(props['claudeInspector.timeoutSeconds'].default, defaults.DEFAULT_TIMEOUT_SECONDS);
    assert.equal(props['claudeInspector.maxRetries'].default, defaults.DEFAULT_MAX_RETRIES);
  });

  it('targets the VS Code that runs here', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^~?\^?1\.100\./);
  });
});

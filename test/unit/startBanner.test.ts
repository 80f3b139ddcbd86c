// What `npm start` prints once it runs, checked as a newcomer would use it: the export line, pasted into a shell,
// sets the stand-in's URL and its fixed key; the CLI line names this package's command and an example that exists.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as start from '../../scripts/start';
import { STAND_IN_API_KEY } from '../../src/standIn/fakeKey';

const root = path.resolve(__dirname, '../../..');

const standInUrl = 'http://127.0.0.1:41234';
const text = start.banner({
  url: 'http://127.0.0.1:8080/?folder=%2Frepo%2Fexamples',
  vscode: 'VS Code 1.100.3 (code-server 4.100.3)',
  standIn: { url: standInUrl, key: STAND_IN_API_KEY },
  logs: '.vscode-test/profiles/start/logs/code-server.log',
});
const lines = text.split('\n').map((line) => line.trim());

describe('npm start, its banner', () => {
  it('gives the workbench URL and says how to stop', () => {
    assert.ok(lines.includes('http://127.0.0.1:8080/?folder=%2Frepo%2Fexamples'), text);
    assert.match(text, /Ctrl\+C/);
  });

  it('says the stand-in is a stand-in, not Claude', () => {
    assert.match(text, /stand-in/i);
    assert.match(text, /not Claude/);
  });

  for (const shell of ['sh', 'bash', 'zsh']) {
    it(`has an export line that sets the stand-in's URL and key when pasted into ${shell}`, function () {
      if (spawnSync(shell, ['-c', 'true']).status !== 0) {
        // zsh is optional on a developer's machine (CI installs it); sh and bash are always there.
        this.skip();
      }
      const exportLine = lines.find((line) => line.startsWith('export '));
      assert.ok(exportLine, text);
      const result = spawnSync(shell, ['-c', `${exportLine}\nprintf '%s\\n%s\\n' "$ANTHROPIC_BASE_URL" "$ANTHROPIC_API_KEY"`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `${standInUrl}\n${STAND_IN_API_KEY}\n`);
    });
  }

  it("has a CLI line with this package's command and an example that exists", () => {
    const cli = lines.find((line) => line.startsWith('npx '));
    assert.ok(cli, text);
    const [, command, subcommand, file] = cli.split(/\s+/);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.ok(Object.keys(pkg.bin).includes(command), `${command} is not a bin of package.json`);
    assert.equal(subcommand, 'send');
    assert.equal(file, start.EXAMPLE);
    assert.ok(fs.existsSync(path.join(root, file)), `${file} does not exist`);
  });

  it('prints the fixed fake key, which cannot pass for a real one', () => {
    assert.ok(text.includes(STAND_IN_API_KEY));
    assert.doesNotMatch(STAND_IN_API_KEY, /^sk-ant-/);
    assert.match(STAND_IN_API_KEY, /not-a-real-key/);
  });

  it('says where calls go when a real key is set, and prints no key', () => {
    const real = start.banner({ url: 'http://127.0.0.1:8080/', vscode: 'VS Code', logs: 'log' });
    assert.match(real, /Calls go to https?:\/\/\S+, with ANTHROPIC_API_KEY from your environment/);
    assert.doesNotMatch(real, /export ANTHROPIC/);
  });
});

// dist/extension.js compiles the extension (dist/main.js) with V8's code cache: the first activation writes the
// cache, the next ones use it as it is, and a cache V8 turns down (another V8, a damaged file) changes nothing for the
// user: the extension activates, and the cache is written again. Each activation runs in a fresh Node process on a
// copy of the built bundles, with a `vscode` whose every member is a no-op (VS Code's own share is the integration
// suite's).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

/** Activates the copy in `dist` in a new process; what activate() returned, or the failure. */
const ACTIVATE = `
const Module = require('node:module');
const path = require('node:path');
const member = () => new Proxy(function () {}, handler);
const handler = {
  get: (_t, p) => (p === 'then' ? undefined : p === 'fsPath' || p === 'path' ? path.join(process.argv[1], 'storage') : member()),
  apply: () => member(),
  construct: () => member(),
};
const stub = member();
const vscode = { __esModule: true };
for (const name of ['commands', 'window', 'workspace', 'languages', 'env', 'extensions', 'Uri', 'EventEmitter', 'Range', 'Position', 'Diagnostic', 'DiagnosticSeverity', 'CodeLens', 'ViewColumn', 'ConfigurationTarget', 'CompletionItem', 'CompletionItemKind', 'ProgressLocation', 'StatusBarAlignment', 'ThemeColor', 'ThemeIcon', 'MarkdownString', 'Selection', 'WorkspaceEdit', 'TextEdit', 'CancellationTokenSource', 'Disposable']) vscode[name] = stub;
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const api = require(path.join(process.argv[1], 'dist', 'extension.js')).activate({ subscriptions: [], extensionUri: stub, secrets: stub, globalState: { get: () => undefined, update: async () => undefined }, globalStorageUri: stub });
process.stdout.write(JSON.stringify({ activationMs: api.activationMs, lastCall: typeof api.lastCall }));
setTimeout(() => undefined, 300);
`;

describe('activation through the code cache (dist/extension.js)', () => {
  let root: string;
  const cache = () => path.join(root, 'dist', 'main.js.cache');

  function activate(): { activationMs: number; lastCall: string } {
    const result = spawnSync(process.execPath, ['-e', ACTIVATE, root], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 0, `activation failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as { activationMs: number; lastCall: string };
  }

  before(function () {
    if (!fs.existsSync(path.join(DIST, 'main.js'))) {
      // The unit stage runs after the build in npm test; alone, build first (node esbuild.js).
      this.skip();
    }
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-loader-'));
    fs.mkdirSync(path.join(root, 'dist'));
    for (const file of ['extension.js', 'main.js']) {
      fs.copyFileSync(path.join(DIST, file), path.join(root, 'dist', file));
    }
  });
  after(() => root && fs.rmSync(root, { recursive: true, force: true }));

  it('the first activation writes the cache; the next one activates from it and leaves it as it is', () => {
    const first = activate();
    assert.equal(first.lastCall, 'function', 'activate() returned the extension API');
    assert.ok(fs.existsSync(cache()), 'no code cache after the first activation');
    const written = fs.readFileSync(cache());
    assert.ok(written.length > 10_000, `a cache of ${written.length} bytes`);
    const second = activate();
    assert.equal(second.lastCall, 'function');
    assert.deepEqual(fs.readFileSync(cache()), written, 'a cache V8 took was written again');
    assert.deepEqual(fs.readdirSync(path.join(root, 'dist')).sort(), ['extension.js', 'main.js', 'main.js.cache'], 'no temporary file left');
  });

  it('a damaged cache or one of another bundle is turned down: the extension activates and the cache is made again', () => {
    for (const damaged of [Buffer.from('not a code cache'), Buffer.alloc(0), fs.readFileSync(cache()).subarray(0, 5_000)]) {
      fs.writeFileSync(cache(), damaged);
      assert.equal(activate().lastCall, 'function');
      const now = fs.readFileSync(cache());
      assert.ok(now.length > 10_000 && !now.equals(damaged), `the cache was not made again (${now.length} bytes)`);
    }
    // Another build (an update), longer, or of the very same length (V8 itself checks only the length).
    const main = path.join(root, 'dist', 'main.js');
    const source = fs.readFileSync(main, 'utf8');
    for (const other of [`${source}\n// another build\n`, source.replace('sourceMappingURL=main.js.map', 'sourceMappingURL=main.js.mbp')]) {
      assert.notEqual(other, fs.readFileSync(main, 'utf8'));
      const old = fs.readFileSync(cache());
      fs.writeFileSync(main, other);
      assert.equal(activate().lastCall, 'function');
      assert.ok(!fs.readFileSync(cache()).equals(old), `the cache of the previous bundle was kept (${other.length === source.length ? 'same' : 'other'} length)`);
    }
  });
});

// Large request files in the real extension host: a stray quote typed into a 5 MB string and removed reaches the
// Problems panel within 1 s each way and does not block the host (a command still answers within 200 ms, timers
// still run), the Problems panel follows the edits of a 5 MB file, and
// the extension activates only for request files and commands, in at most 30 ms.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, inspector, waitFor, responsiveness } from './support';

const MB = 1024 * 1024;

/** How long an edit took to show in the Problems panel: from the edit, and from the change reaching the extension host. */
interface Timing {
  totalMs: number;
  oursMs: number;
}

/** A request file whose one user message is about `megabytes` of prose on one line (and no max_tokens). */
function bigRequest(megabytes: number): string {
  const words = 'lorem ipsum dolor sit amet, {consectetur} [adipiscing] elit, "quoted" \\n ';
  const content = words.replace(/"/g, '\\"').repeat(Math.ceil((megabytes * MB) / words.length));
  return `{\n  "model": "claude-haiku-5-5",\n  "messages": [\n    {"role": "user", "content": "${content}"}\n  ]\n}\n`;
}

describe('Large request files', function () {
  this.timeout(120_000);
  let folder: string;

  before(async () => {
    await inspector();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-large-'));
  });
  afterEach(() => closeAllEditors());
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** Opens a 5 MB file and waits for its first check: the file has no max_tokens, so a check always says so. */
  async function openBig(name: string): Promise<vscode.TextEditor> {
    const file = path.join(folder, name);
    fs.writeFileSync(file, bigRequest(5));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document);
    if (name.endsWith('.claude.json')) {
      await waitFor('the first check', () => vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'default-max-tokens'), 20_000);
    }
    return editor;
  }

  /** Whether our check of the file (not VS Code's JSON server's) found it valid: it says max_tokens is missing. */
  const parsed = (document: vscode.TextDocument) =>
    vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Claude Inspector' && d.code === 'default-max-tokens');

  /** When the Problems panel next shows the file as `valid` (or not), within 10 s. */
  const problemsFollow = (document: vscode.TextDocument, valid: boolean) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        listening.dispose();
        reject(new Error(`the Problems panel did not follow the edit within 10 s (${valid ? 'the note on max_tokens back' : 'the check of the broken file'})`));
      }, 10_000);
      const listening = vscode.languages.onDidChangeDiagnostics(() => {
        if (parsed(document) === valid) {
          listening.dispose();
          clearTimeout(timer);
          resolve(performance.now());
        }
      });
    });

  /**
   * A stray quote typed in the middle of the long string, then removed, while watching this thread; in a request
   * file, how long each edit took to reach the Problems panel (our check of the broken file has no note on
   * max_tokens: the syntax error is all it says, and VS Code's JSON server shows it): from the edit (`total`), and
   * from the change reaching the extension host (`ours`: what VS Code's workbench spends applying an edit to a 5 MB
   * line before it tells the extension host, a second and more on a loaded machine, is not in it).
   */
  async function strayQuote(editor: vscode.TextEditor): Promise<Awaited<ReturnType<typeof responsiveness>> & { typed: Timing; removed: Timing }> {
    const document = editor.document;
    const ours = document.fileName.endsWith('.claude.json');
    const middle = document.positionAt(Math.floor(document.getText().length / 2));
    let typed: Timing = { totalMs: 0, oursMs: 0 };
    let removed: Timing = { totalMs: 0, oursMs: 0 };
    /** Makes the edit, waits for the Problems panel to follow (in a request file), then lets 1.5 s pass in all. */
    const edit = async (change: (edit: vscode.TextEditorEdit) => void, valid: boolean): Promise<Timing> => {
      const start = performance.now();
      let reached = start;
      const changed = vscode.workspace.onDidChangeTextDocument((e) => e.document === document && e.contentChanges.length > 0 && (reached = performance.now()));
      let shown = start;
      const following = ours ? problemsFollow(document, valid) : Promise.resolve(start);
      try {
        assert.ok(await editor.edit(change));
        shown = await following;
      } finally {
        changed.dispose();
      }
      const timing = { totalMs: shown - start, oursMs: shown - reached };
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1500 - timing.totalMs)));
      return timing;
    };
    const watched = await responsiveness(async () => {
      typed = await edit((e) => e.insert(middle, '"'), false);
      removed = await edit((e) => e.delete(new vscode.Range(middle, middle.translate(0, 1))), true);
    });
    return { ...watched, typed, removed };
  }

  it('a stray quote typed into a 5 MB string and removed: Problems follow within 1 s each way, a command answers within 200 ms meanwhile', async () => {
    // VS Code itself holds the extension host for a while on each edit of a 5 MB line, whatever the file: the same
    // edits in a plain text file say how long. Ours may add little to that.
    const plain = await strayQuote(await openBig('stray.txt'));
    await closeAllEditors();
    const ours = await strayQuote(await openBig('stray.claude.json'));
    const ms = (t: Timing) => `${Math.round(t.oursMs)} ms (${Math.round(t.totalMs)} ms from the edit)`;
    const seen =
      `request file: typed, Problems after ${ms(ours.typed)}, removed, after ${ms(ours.removed)}; ` +
      `stall ${Math.round(ours.stallMs)} ms, slowest command ${Math.round(ours.slowestCommandMs)} ms; plain text: stall ${Math.round(plain.stallMs)} ms`;
    console.log(`large files: ${seen}`);
    assert.ok(ours.commands > 10, `${ours.commands} commands answered`);
    assert.ok(ours.slowestCommandMs < 200, seen);
    // The bound, each way, from the change reaching the extension: the debounce and one check in the worker,
    // not a queue of stale checks or a wait on this thread.
    assert.ok(ours.typed.oursMs < 1000 && ours.removed.oursMs < 1000, seen);
    // The host thread's own stall beside VS Code's is a timing of a loaded machine, not a behaviour: it is printed
    // here and budgeted in bench/largeInputs.ts, where it is measured against a baseline in the same run.
  });

  it('a mistake made in a 5 MB file shows in the Problems panel within seconds, and goes when undone', async () => {
    const editor = await openBig('role.claude.json');
    const document = editor.document;
    const at = document.getText().indexOf('"user"');
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + 6));
    const start = performance.now();
    assert.ok(await editor.edit((edit) => edit.replace(range, '"robot"')));
    const found = await waitFor('the invalid-role diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'invalid-role'), 5000);
    const tookMs = performance.now() - start;
    console.log(`large files: a mistake in 5 MB shown after ${Math.round(tookMs)} ms`);
    assert.equal(document.getText(found.range), '"robot"');
    // The budget (400 ms from a keystroke) is a timing, measured by bench/largeInputs.ts; here, on a loaded
    // machine, the behaviour: the problem shows within a few seconds, not after a queue of stale checks.
    assert.ok(tookMs < 3000, `the diagnostic took ${Math.round(tookMs)} ms`);
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'invalid-role'), 5000);
  });

  it('activates only for request files and its commands, not for every JSON-with-comments file', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const events: string[] = extension.packageJSON.activationEvents ?? [];
    assert.deepEqual(events.filter((e) => e.startsWith('onLanguage')), []);
    assert.ok(events.includes('workspaceContains:**/*.claude.json'), events.join(', '));
  });

  it('activates without the SDK: a small bundle, the SDK apart in dist/sdk.js; the time it takes is printed', async () => {
    const api = await inspector();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // The bundle loaded again, as VS Code loads it at activation (its first load is not ours to time). The SDK is a
    // bundle of its own (dist/sdk.js), loaded at the first call.
    const bundle = path.join(extension.extensionPath, 'dist', 'extension.js');
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const kept = require.cache[bundle];
      delete require.cache[bundle];
      const start = performance.now();
      require(bundle);
      loads.push(performance.now() - start);
      require.cache[bundle] = kept;
    }
    const loadMs = Math.min(...loads);
    // The 30 ms budget is a timing, held by bench/largeInputs.ts against its baseline; what the suite holds is why it
    // is met: activation loads a bundle without the SDK, which comes apart, at the first call.
    console.log(`large files: activation, load ${Math.round(loadMs)} ms + activate ${Math.round(api.activationMs)} ms (budget 30 ms)`);
    const text = fs.readFileSync(bundle, 'utf8');
    assert.ok(text.length < 600_000, `dist/extension.js is ${text.length} bytes: the SDK is back in it`);
    assert.ok(!/class Anthropic\b|BaseAnthropic/.test(text), 'dist/extension.js holds the SDK client');
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', 'sdk.js')), 'dist/sdk.js is built');
  });
});

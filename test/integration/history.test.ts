// The History view end to end in the real VS Code, against the local stand-in: sends are recorded in the
// extension's global storage (never the workspace, never the key), listed, reopened in the panel, re-run, pinned to
// the workspace, filtered, compared (diff editor and the panel's Compare view), deleted and cleared.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectorApi } from '../../src/extension/extension';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, fixture, FIXTURES, open, PANEL_WAIT_MS, TEST_KEY, waitFor } from './support';
import { useStandInSuite } from './standInHooks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Sends a fixture request file and waits until its call is on disk; returns its history id. */
async function sendAndRecord(api: InspectorApi, name: string): Promise<string> {
  await open(name);
  await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
  const record = api.lastCall();
  assert.ok(record, 'a call was made');
  await api.history.settled();
  return waitFor(`the history id of ${name}'s call`, () => api.history.historyIdOf(record.id));
}

/** Every file under a folder, as text. */
function filesUnder(folder: string): { file: string; text: string }[] {
  if (!fs.existsSync(folder)) {
    return [];
  }
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({ file, text: fs.readFileSync(file, 'latin1') }));
}

async function showHistoryView(api: InspectorApi, expected: (ids: string[]) => boolean): Promise<string[]> {
  await vscode.commands.executeCommand('claudeHistory.focus');
  await vscode.commands.executeCommand('claudeInspector.history.refresh');
  const ids = await waitFor('the History view to list the calls', () => {
    const shown = api.history.shownIds();
    return expected(shown) ? shown : undefined;
  });
  // Focus back to the editors, as after a click in the list: the next test's panel opens beside an editor.
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return ids;
}

async function panelText(api: InspectorApi, label: string, pattern: RegExp): Promise<string> {
  let last = '';
  return waitFor(`the panel's ${label} view to show ${pattern}`, async () => {
    const dom = await api.inspectPanel();
    last = dom ? (dom.views.find((view) => view.label === label)?.text ?? `(no ${label} view)`) : `(the panel does not answer; open: ${api.isPanelOpen()})`;
    return pattern.test(last) ? last : undefined;
  }, PANEL_WAIT_MS).catch((error) => assert.fail(`${(error as Error).message}; it shows: ${last.slice(0, 600)}`));
}

describe('History', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  let api: InspectorApi;
  const pinned: string[] = [];
  useStandInSuite((ready) => ({ standIn, api } = ready));

  before(() => vscode.commands.executeCommand('claudeInspector.history.clear', true));
  after(async () => {
    for (const file of pinned) {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    await vscode.commands.executeCommand('claudeInspector.history.filter', '');
  });

  it('lists every send, newest first, kept in the global storage and never with the key', async () => {
    const first = await sendAndRecord(api, 'hello.claude.json');
    const second = await sendAndRecord(api, 'second.claude.json');
    const third = await sendAndRecord(api, 'hello.claude.json');
    const ids = await showHistoryView(api, (shown) => [first, second, third].every((id) => shown.includes(id)));
    assert.deepEqual(ids.slice(0, 3), [third, second, first]);
    const folder = api.history.folder;
    assert.ok(!folder.startsWith(FIXTURES), `the history is outside the workspace: ${folder}`);
    const files = filesUnder(folder);
    assert.ok(files.some((f) => f.file.endsWith(`${third}.json`)), 'one file per call');
    for (const { file, text } of files) {
      assert.ok(!text.includes(TEST_KEY), `the key is in ${file}`);
    }
    assert.deepEqual(filesUnder(FIXTURES).filter((f) => /claude\.runs/.test(f.file)), [], 'nothing reached the workspace');
  });

  it('opens a call in the panel exactly as it was, every view', async () => {
    const older = await sendAndRecord(api, 'second.claude.json');
    await sendAndRecord(api, 'hello.claude.json');
    const stored = JSON.parse(fs.readFileSync(path.join(api.history.folder, 'calls', `${older}.json`), 'utf8')) as Json;
    // From a closed panel, as after a window's editors were closed: the call opens it.
    await closeAllEditors();
    await vscode.commands.executeCommand('claudeInspector.history.open', older);
    const shown = await waitFor('the panel to be posted the stored call', () =>
      [...api.panelMessages()].reverse().find((m) => m.type === 'showRecord' && m.record.id === stored.record.id));
    assert.ok(shown.type === 'showRecord');
    assert.deepEqual(shown.record.message, stored.record.message);
    const answer = String(((stored.record.message as Json).content as Json[])[0].text);
    await panelText(api, 'Response', new RegExp(answer.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await panelText(api, 'Request', /second/i);
    await panelText(api, 'curl', /curl/);
  });

  it('Re-run sends the same request again', async () => {
    const id = await sendAndRecord(api, 'second.claude.json');
    const sent = standIn.requests[0].json as Json;
    standIn.reset();
    const record = await vscode.commands.executeCommand<Json>('claudeInspector.history.rerun', id);
    assert.equal(standIn.requests.length, 1);
    assert.deepEqual(standIn.requests[0].json, sent);
    assert.ok(record && !record.error, record?.error?.message);
    await api.history.settled();
    assert.ok(api.history.historyIdOf(String(record.id)), 'the re-run is recorded too');
  });

  it('Pin to Workspace writes the call next to its request file', async () => {
    const id = await sendAndRecord(api, 'hello.claude.json');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('claudeInspector.history.pin', id);
    assert.ok(uri);
    pinned.push(uri.fsPath);
    assert.equal(path.dirname(uri.fsPath), path.join(FIXTURES, 'hello.claude.runs'));
    assert.match(path.basename(uri.fsPath), /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?\.json$/);
    const pin = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8')) as Json;
    assert.equal(pin.entry.id, id);
    assert.equal(pin.record.effectiveRequest.messages[0].content, 'Say hello.');
    assert.ok(!fs.readFileSync(uri.fsPath, 'utf8').includes(TEST_KEY));
  });

  it('Compare opens the diff editor on both requests and answers, and the Compare view', async () => {
    await vscode.workspace.getConfiguration('claudeInspector').update('defaultModel', 'claude-haiku-5-5', vscode.ConfigurationTarget.Global);
    try {
      const a = await sendAndRecord(api, 'defaults.claude.json');
      await vscode.workspace.getConfiguration('claudeInspector').update('defaultModel', 'claude-opus-5-5', vscode.ConfigurationTarget.Global);
      const b = await sendAndRecord(api, 'defaults.claude.json');
      await closeAllEditors();
      const done = await vscode.commands.executeCommand<boolean>('claudeInspector.history.compare', b, [b, a]);
      assert.equal(done, true);
      const diffs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((tab) => tab.input).filter((input) => input instanceof vscode.TabInputTextDiff);
      assert.deepEqual(diffs.map((d) => [d.original.scheme, d.original.path, d.modified.path]), [
        ['claude-history', `/${a}/request.json`, `/${b}/request.json`],
        ['claude-history', `/${a}/answer.md`, `/${b}/answer.md`],
      ]);
      const left = await vscode.workspace.openTextDocument(diffs[0].original);
      const right = await vscode.workspace.openTextDocument(diffs[0].modified);
      assert.match(left.getText(), /"model": "claude-haiku-5-5"/);
      assert.match(right.getText(), /"model": "claude-opus-5-5"/);
      const compare = await panelText(api, 'Compare', /Model\s+claude-haiku-5-5\s+claude-opus-5-5\s+changed/);
      assert.match(compare, /Total time/);
      assert.match(compare, /Content/);
    } finally {
      await vscode.workspace.getConfiguration('claudeInspector').update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Compare with Previous Run on a request file compares its last two runs', async () => {
    const a = await sendAndRecord(api, 'second.claude.json');
    const b = await sendAndRecord(api, 'second.claude.json');
    const done = await vscode.commands.executeCommand<boolean>('claudeInspector.compareWithPreviousRun', fixture('second.claude.json'));
    assert.equal(done, true);
    const message = [...api.panelMessages()].reverse().find((m) => m.type === 'compare');
    assert.ok(message && message.type === 'compare');
    assert.deepEqual([message.comparison.a.startedAt <= message.comparison.b.startedAt], [true]);
    const diff = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((tab) => tab.input).find((input) => input instanceof vscode.TabInputTextDiff);
    assert.ok(diff instanceof vscode.TabInputTextDiff);
    assert.deepEqual([diff.original.path.split('/')[1], diff.modified.path.split('/')[1]], [a, b]);
  });

  it("the panel's Compare with Previous Run button: not there for a first run, there for the next, and a click compares the two", async () => {
    // An untitled request file of its own: its first run has nothing before it.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(FIXTURES);
    const name = `previous-run-${Date.now()}.claude.json`;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Which run is this?' }] }, null, 2)));
    const send = async (): Promise<{ callId: string; historyId: string }> => {
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      const callId = api.lastCall()?.id ?? '';
      await api.history.settled();
      const historyId = await waitFor('the call in the history', () => api.history.historyIdOf(callId));
      return { callId, historyId };
    };
    const first = await send();
    // Its cache note (none here) is looked for with the same lookup as the earlier run: once it is over, nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.ok(!api.panelMessages().some((m) => m.type === 'inHistory' && m.callId === first.callId), 'a first run has no previous run');
    const shown = await panelText(api, 'Response', /Which run is this|end_turn/);
    assert.doesNotMatch(shown, /Compare with Previous Run/);
    const second = await send();
    await panelText(api, 'Response', /Compare with Previous Run/);
    // The user presses it in the panel: the click makes the panel's editor group the active one, and the host runs
    // Compare with Previous Run for the call shown.
    const isPanel = (input: unknown) => input instanceof vscode.TabInputWebview && input.viewType.endsWith('claudeInspector.response');
    for (let i = 0; i < 4 && !vscode.window.tabGroups.activeTabGroup.tabs.some((tab) => isPanel(tab.input)); i += 1) {
      await vscode.commands.executeCommand('workbench.action.focusNextGroup');
    }
    assert.ok(vscode.window.tabGroups.activeTabGroup.tabs.some((tab) => isPanel(tab.input)), 'the panel\'s group is the active one');
    const pressed = await api.clickInPanel('Compare with Previous Run');
    assert.ok(pressed, 'the panel answered');
    assert.deepEqual(pressed.views.filter((view) => view.label === 'error'), []);
    const diff = await waitFor('the diff editor on the two requests', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((tab) => tab.input).find((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff),
    );
    assert.deepEqual([diff.original.path.split('/')[1], diff.modified.path.split('/')[1]], [first.historyId, second.historyId]);
    // The diff editors open beside the panel, not over it: the panel stays in view (over it, it was hidden and then
    // loaded anew, blank for seconds, with the diff editors out of sight behind it).
    const panelGroup = vscode.window.tabGroups.all.find((g) => g.tabs.some((tab) => isPanel(tab.input)));
    const diffGroups = vscode.window.tabGroups.all.filter((g) => g.tabs.some((tab) => tab.input instanceof vscode.TabInputTextDiff));
    assert.ok(panelGroup, 'the panel is open');
    assert.ok(diffGroups.length > 0 && diffGroups.every((g) => g !== panelGroup), 'no diff editor in the panel\'s group');
    assert.ok(panelGroup.activeTab?.input instanceof vscode.TabInputWebview, `the panel is its group's shown tab, not ${panelGroup.activeTab?.label}`);
    // The panel's Compare view comes after both diff editors: the two runs, older first.
    const message = await waitFor('the comparison posted to the panel', () =>
      api.panelMessages().find((m): m is Extract<typeof m, { type: 'compare' }> => m.type === 'compare' && m.comparison.b.id === second.callId),
    );
    assert.equal(message.comparison.a.id, first.callId);
    const compare = await panelText(api, 'Compare', /Model/);
    assert.match(compare, /A: .*claude-haiku-5-5/);
  });

  it('filters by file and text, deletes, and clears', async () => {
    await sendAndRecord(api, 'hello.claude.json');
    const second = await sendAndRecord(api, 'second.claude.json');
    await vscode.commands.executeCommand('claudeInspector.history.filter', 'file:second');
    const filtered = await showHistoryView(api, (ids) => ids.includes(second) && ids.length > 0);
    const stored = await Promise.all(filtered.map((id) => JSON.parse(fs.readFileSync(path.join(api.history.folder, 'calls', `${id}.json`), 'utf8')) as Json));
    assert.ok(stored.every((s) => String(s.entry.source.path).includes('second')), 'only calls of second.claude.json');
    // The view is alone in its container, where VS Code shows no description: its message names the filter and the
    // way back, or a filtered list would pass for the whole history.
    const says = async (expected: string | undefined) => {
      await vscode.commands.executeCommand('claudeHistory.focus');
      await waitFor(`the History view to say ${JSON.stringify(expected)}`, () => api.history.viewMessage() === expected)
        .catch((error) => assert.fail(`${(error as Error).message}; it says ${JSON.stringify(api.history.viewMessage())}`));
    };
    const count = `${filtered.length} ${filtered.length === 1 ? 'call' : 'calls'}`;
    await says(`Filtered by "file:second": ${count}. Claude: Clear History Filter shows every call.`);
    const nothing = `no-call-has-this-${Date.now()}`;
    await vscode.commands.executeCommand('claudeInspector.history.filter', nothing);
    await says(`No call matches the filter "${nothing}". Claude: Clear History Filter shows every call.`);
    await vscode.commands.executeCommand('claudeInspector.history.clearFilter');
    await says(undefined);
    await vscode.commands.executeCommand('claudeInspector.history.filter', 'file:second');
    await says(`Filtered by "file:second": ${count}. Claude: Clear History Filter shows every call.`);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('claudeInspector.history.delete', second, [second]);
    await showHistoryView(api, (ids) => !ids.includes(second));
    await vscode.commands.executeCommand('claudeInspector.history.filter', '');
    await vscode.commands.executeCommand('claudeInspector.history.clear', true);
    await showHistoryView(api, (ids) => ids.length === 0);
  });

  it('explains the cache below the answer: where the prefix changed since the earlier call', async () => {
    // A system prompt long enough to be cached (above Sonnet's 1,024-token minimum), with a breakpoint, in an
    // untitled request file: sent, changed at its end, sent again.
    const request = (version: string) => JSON.stringify({
      model: 'claude-sonnet-5-5',
      max_tokens: 64,
      system: [{ type: 'text', text: `${'You triage support tickets for Northwind by these rules. '.repeat(150)}${version}`, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'The EU region returns 503.' }],
    }, null, 2);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(FIXTURES);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'cached-prompt.claude.json').with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), request('Version 1.')));
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    await api.history.settled();
    const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    await editor.edit((edit) => edit.replace(all, request('Version 2.')));
    await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
    await api.history.settled();
    // Shown once the call is in the history; and again when the call is opened from there (in a fresh panel).
    const id = api.history.historyIdOf(api.lastCall()?.id ?? '');
    assert.ok(id);
    await closeAllEditors();
    await vscode.commands.executeCommand('claudeInspector.history.open', id);
    const text = await panelText(api, 'Response', /Cache: read/);
    assert.match(text, /differs from the earlier call .* at system\[0\]\.text/);
    assert.match(text, /Version 1\./);
    assert.match(text, /Version 2\./);
  });

  it('records nothing when claudeInspector.history.enabled is false', async () => {
    await vscode.workspace.getConfiguration('claudeInspector.history').update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('claudeInspector.history.clear', true);
      await open('hello.claude.json');
      await vscode.commands.executeCommand('claudeInspector.sendRequestFile');
      await api.history.settled();
      assert.equal(api.history.historyIdOf(api.lastCall()?.id ?? ''), undefined);
      assert.deepEqual(filesUnder(path.join(api.history.folder, 'calls')), []);
    } finally {
      await vscode.workspace.getConfiguration('claudeInspector.history').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

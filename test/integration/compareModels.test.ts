// Claude: Compare Models end to end against the local stand-in: the command with its pickers answered as a user
// would, the compare view filling in, every run a call the history can record, a failing model among good ones,
// Cancel, and a saved comparison opened again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallRecord } from '../../src/shared/callRecord';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, fixture, inspector, open, PANEL_WAIT_MS, waitFor } from './support';
import { useStandInSuite } from './standInHooks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const compareTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((tab) => tab.label === 'Claude Compare');

describe('Compare Models', function () {
  this.timeout(90_000);
  let standIn: StandIn;
  const settings = useStandInSuite((ready) => ({ standIn } = ready));

  it('sends the file to each model, each run streamed, and the view fills in with a failing model among good ones', async () => {
    const api = await inspector();
    await open('compare.claude.json');
    const recorded: CallRecord[] = [];
    const listening = api.onDidFinishCall((record) => recorded.push(record));
    try {
      await vscode.commands.executeCommand('claudeInspector.compareModels', fixture('compare.claude.json'), { models: ['claude-haiku-5-5', 'claude-opus-5-5', 'claude-no-such-model'], runs: 2 });
    } finally {
      listening.dispose();
    }
    const sent = standIn.requests.filter((r) => r.path === '/v1/messages').map((r) => r.json as Json);
    assert.equal(sent.length, 6);
    for (const model of ['claude-haiku-5-5', 'claude-opus-5-5', 'claude-no-such-model']) {
      assert.equal(sent.filter((b) => b.model === model && b.stream === true && b.max_tokens === 256).length, 2, model);
    }
    const comparison = api.compare.current();
    assert.ok(comparison);
    assert.deepEqual(comparison.runs.map((r) => `${r.model}:${r.status}`).sort(), [
      'claude-haiku-5-5:ok', 'claude-haiku-5-5:ok', 'claude-no-such-model:failed', 'claude-no-such-model:failed', 'claude-opus-5-5:ok', 'claude-opus-5-5:ok',
    ]);
    // Calls like any other: each run told to the call runner's listeners (the history), as one Send is.
    assert.equal(recorded.length, 6);
    await waitFor('a "Claude Compare" tab', () => compareTab(), 10_000);
    const dom = await waitFor('the compare view to show every run', async () => {
      const shown = await api.compare.inspect();
      return shown && /6 of 6 runs done/.test(shown.views[0].text) ? shown : undefined;
    }, PANEL_WAIT_MS);
    const text = dom.views[0].text;
    for (const model of ['claude-haiku-5-5', 'claude-opus-5-5', 'claude-no-such-model']) {
      assert.ok(text.includes(model), model);
    }
    assert.match(text, /2 of 2 runs identical/);
    assert.match(text, /404 not_found_error/);
    assert.match(text, /\(stand-in\)/, 'an answer is rendered');
    assert.ok(!dom.html.includes('sk-ant-fake-integration'), 'no key in the view');
  });

  it('asks for the models (the last choice picked) and the runs, as a user answers them', async () => {
    const api = await inspector();
    await open('compare.claude.json');
    // The previous test's choice is remembered: accepting the picker as it opens takes it; the runs box offers 2.
    const done = vscode.commands.executeCommand('claudeInspector.compareModels');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('the command did not finish after its pickers were answered')), 30_000))]);
    const sent = standIn.requests.filter((r) => r.path === '/v1/messages').map((r) => (r.json as Json).model as string);
    assert.deepEqual([...new Set(sent)].sort(), ['claude-haiku-5-5', 'claude-no-such-model', 'claude-opus-5-5']);
    assert.equal(sent.length, 6, 'two runs each, as remembered');
    assert.equal(api.compare.current()?.runsPerModel, 2);
  });

  it('keeps to the concurrency setting, and Cancel stops what is left', async () => {
    const api = await inspector();
    await settings.update('compare.concurrency', 2);
    await open('compareSlow.claude.json');
    const done = vscode.commands.executeCommand('claudeInspector.compareModels', fixture('compareSlow.claude.json'), { models: ['claude-haiku-5-5', 'claude-sonnet-5-5'], runs: 3 });
    await waitFor('two runs out', () => standIn.inFlight === 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(standIn.maxInFlight, 2, 'never more than the setting');
    api.compare.cancel();
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('Cancel did not end the comparison')), 15_000))]);
    const comparison = api.compare.current()!;
    assert.ok(comparison.runs.every((r) => r.status === 'cancelled'), comparison.runs.map((r) => r.status).join());
    assert.equal(standIn.requests.filter((r) => r.path === '/v1/messages').length, 2, 'the waiting runs were never sent');
    const dom = await waitFor('the view to say the runs are over', async () => {
      const shown = await api.compare.inspect();
      return shown && /6 of 6 runs done/.test(shown.views[0].text) ? shown : undefined;
    }, PANEL_WAIT_MS);
    assert.match(dom.views[0].text, /cancelled/i);
  });

  it('a saved comparison opens again as it was', async () => {
    const api = await inspector();
    await vscode.commands.executeCommand('claudeInspector.compareModels', fixture('compare.claude.json'), { models: ['claude-haiku-5-5', 'claude-sonnet-5-5'], runs: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-compare-'));
    try {
      const file = vscode.Uri.file(path.join(dir, 'triage.claude-compare.json'));
      await api.compare.saveTo(file);
      const saved = JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as Json;
      assert.equal(saved.format, 'claude-inspector-comparison');
      assert.deepEqual(saved.comparison.models, ['claude-haiku-5-5', 'claude-sonnet-5-5']);
      await closeAllEditors();
      await vscode.commands.executeCommand('claudeInspector.openComparison', file);
      await waitFor('a "Claude Compare" tab', () => compareTab(), 10_000);
      const dom = await waitFor('the saved comparison in the view', async () => {
        const shown = await api.compare.inspect();
        return shown && /claude-sonnet-5-5/.test(shown.views[0].text) && /2 of 2 runs done/.test(shown.views[0].text) ? shown : undefined;
      }, PANEL_WAIT_MS);
      assert.match(dom.views[0].text, /claude-haiku-5-5/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

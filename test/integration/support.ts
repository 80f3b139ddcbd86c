// What the integration suites share: the extension's API, a local stand-in wired in through the settings, fixture
// files, and bounded waiting. Everything here uses VS Code's real API; nothing is mocked.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectorApi } from '../../src/extension/extension';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { watchStalls } from '../support/stallWatch';

export const EXTENSION_ID = 'claude-inspector.claude-inspector';
export const TEST_KEY = 'sk-ant-fake-integration-test-key-0123456789abcdef';

/** The fixtures workspace, where the suites' files live (this file is compiled to out/test/integration). */
export const FIXTURES = path.resolve(__dirname, '../../../test/integration/fixtures');

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(FIXTURES, name));
}

export async function inspector(): Promise<InspectorApi> {
  const extension = vscode.extensions.getExtension<InspectorApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

/** Starts a stand-in that wants TEST_KEY and points claudeInspector.baseUrl at it (user settings of the test profile). */
export async function useStandIn(): Promise<StandIn> {
  const standIn = await startStandIn({ apiKey: TEST_KEY });
  await vscode.workspace.getConfiguration('claudeInspector').update('baseUrl', standIn.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('claudeInspector.setApiKey', TEST_KEY);
  return standIn;
}

export async function stopStandIn(standIn: StandIn | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('claudeInspector').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
  await standIn?.close();
}

/** Polls until the check returns a value (not undefined/false), or fails after the bound. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a command that asks with a quick pick and accepts its selected item, again until the command is done: the
 * pick shows when its items are ready, later on a busy machine.
 */
export async function acceptQuickPick(what: string, command: Thenable<unknown>, timeoutMs = 20_000): Promise<void> {
  let done = false;
  void Promise.resolve(command).then(() => (done = true), () => (done = true));
  await waitFor(what, async () => {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return done;
  }, timeoutMs);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(document);
}

/** An open tab whose label is "Claude Response": the panel as a user sees it in the editor area. */
export function responseTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Claude Response');
}

/**
 * Closes every editor, reverting unsaved changes first: closing a dirty editor asks whether to save, and in the
 * test workbench that question is answered "Save", which would write a test's edits into the fixtures.
 */
export async function closeAllEditors(): Promise<void> {
  await letWebviewsLoad();
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * How long VS Code's webview service worker waits for a resource before it gives up (`resolveTimeout` in
 * vs/workbench/contrib/webview/browser/pre/service-worker.js of VS Code 1.100), plus a margin.
 */
export const WEBVIEW_RESOURCE_TIMEOUT_MS = 30_000;
/** The longest a panel may take to show something: a webview load held up by that timeout, and then its own load. */
export const PANEL_WAIT_MS = WEBVIEW_RESOURCE_TIMEOUT_MS + 15_000;

/**
 * Waits until no panel is shown and still loading (bounded). Found in the browser's log of failed runs: a webview
 * closed while it loads leaves its resource requests pending in VS Code's webview service worker, which answers them
 * only after 30 s; every webview registers that worker afresh (its id is in the worker's URL), and the new worker
 * cannot take over while the old one has requests pending, so the next panel shows nothing for up to 30 s. Closing
 * panels only once they have loaded keeps one test's teardown from stalling the next test's panel.
 */
export async function letWebviewsLoad(): Promise<void> {
  const api = await inspector();
  const started = Date.now();
  while (api.webviewsLoading() && Date.now() - started < PANEL_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Watches this thread while `during` runs: the longest gap between 10 ms timer ticks, and a command's round trips. */
export async function responsiveness(during: () => Promise<void>): Promise<{ stallMs: number; slowestCommandMs: number; commands: number }> {
  const command = `claudeInspector.test.ping.${Date.now()}`;
  const registration = vscode.commands.registerCommand(command, () => 'pong');
  const stalls = watchStalls(10);
  let stallMs = 0;
  let running = true;
  let slowestCommandMs = 0;
  let commands = 0;
  const pinging = (async () => {
    while (running) {
      const start = performance.now();
      assert.equal(await vscode.commands.executeCommand(command), 'pong');
      slowestCommandMs = Math.max(slowestCommandMs, performance.now() - start);
      commands++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await pinging;
    stallMs = stalls.stop();
    registration.dispose();
  }
  return { stallMs, slowestCommandMs, commands };
}

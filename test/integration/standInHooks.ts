// The hooks every suite that sends to the stand-in repeated, in one place: before the suite, the extension active, a
// stand-in that wants TEST_KEY, claudeInspector.baseUrl pointed at it and the key set; before each test the
// stand-in's log and queue emptied; after each test every editor closed (unsaved edits reverted); after the suite
// every setting the suite changed put back, the base URL cleared and the stand-in closed.
import * as vscode from 'vscode';
import type { InspectorApi } from '../../src/extension/extension';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, inspector, stopStandIn, useStandIn } from './support';

/** What a suite's tests use, once its `before` hook has run. */
export interface StandInSuite {
  standIn: StandIn;
  api: InspectorApi;
}

/** `claudeInspector.*` settings a suite changes, each put back after the suite as it was before its first change. */
export interface SuiteSettings {
  /** Sets `claudeInspector.<key>` (`compare.concurrency`, `maxRetries`...), in the user settings unless told. */
  update(key: string, value: unknown, target?: vscode.ConfigurationTarget): Promise<void>;
}

/**
 * Call at the top of a `describe`, with what keeps the stand-in and the API for the tests:
 * `useStandInSuite((ready) => ({ standIn } = ready))`. The suite's own hooks, registered after this call, run after
 * these (mocha runs hooks in the order they were registered). Returns the suite's settings, restored after it.
 */
export function useStandInSuite(onReady: (ready: StandInSuite) => void): SuiteSettings {
  let standIn: StandIn | undefined;
  // First, so that its `after` puts the settings back while the stand-in still runs.
  const settings = useSuiteSettings();
  before(async () => {
    const api = await inspector();
    standIn = await useStandIn();
    onReady({ standIn, api });
  });
  beforeEach(() => standIn?.reset());
  afterEach(() => closeAllEditors());
  after(() => stopStandIn(standIn));
  return settings;
}

/**
 * Call at the top of a `describe` whose suite changes settings through the returned `update`: its `after` puts each
 * back as it was before the suite's first change of it.
 */
export function useSuiteSettings(): SuiteSettings {
  const saved: { key: string; target: vscode.ConfigurationTarget; value: unknown }[] = [];
  const config = () => vscode.workspace.getConfiguration('claudeInspector');
  after(async () => {
    for (const { key, target, value } of saved.reverse()) {
      await config().update(key, value, target);
    }
    saved.length = 0;
  });
  return {
    async update(key, value, target = vscode.ConfigurationTarget.Global) {
      if (!saved.some((s) => s.key === key && s.target === target)) {
        saved.push({ key, target, value: valueAt(config().inspect(key), target) });
      }
      await config().update(key, value, target);
    },
  };
}

function valueAt(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>, target: vscode.ConfigurationTarget): unknown {
  switch (target) {
    case vscode.ConfigurationTarget.Workspace:
      return inspected?.workspaceValue;
    case vscode.ConfigurationTarget.WorkspaceFolder:
      return inspected?.workspaceFolderValue;
    default:
      return inspected?.globalValue;
  }
}

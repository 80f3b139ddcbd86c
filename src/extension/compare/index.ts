// Compare Models in VS Code, registered in one call from activate(): the compare panel (and its restore after a
// reload) and Claude: Open Saved Comparison. Claude: Compare Models is a command (commands/compareModels.ts), which
// activate() registers with the panel this returns: nothing below the commands imports them.
import * as vscode from 'vscode';
import type { Comparison } from '../../shared/modelCompare/comparison';
import type { CompareHostMessage } from '../../shared/modelCompare/protocol';
import type { DomView } from '../../shared/protocol';
import type { CallRunner } from '../callRunner';
import { Commands } from '../commandIds';
import type { ModelsCache } from '../modelsCache';
import type { ResolveServices } from '../resolveCall';
import { COMPARE_VIEW_TYPE, ComparePanel, type ComparePanelDeps } from './comparePanel';
import { openComparisonFile, saveComparison } from './comparisonFiles';

export interface CompareDepsOfActivate extends ResolveServices {
  calls: CallRunner;
  models: ModelsCache;
  panel: ComparePanelDeps;
}

/** What the extension offers its tests about comparisons. */
export interface CompareApi {
  isOpen(): boolean;
  /** Shown and not loaded yet (see ComparePanel.isLoading). */
  isLoading(): boolean;
  /** The comparison shown (running or over). */
  current(): Comparison | undefined;
  /** What the compare view shows, and its markup. */
  inspect(): Promise<{ views: DomView[]; html: string } | undefined>;
  /** What the host posted to the view lately (not the streamed events). */
  messages(): readonly CompareHostMessage[];
  /** The view's Cancel button. */
  cancel(): void;
  /** The view's Save button, without the dialog. */
  saveTo(uri: vscode.Uri): Promise<void>;
}

export interface RegisteredCompare {
  /** What the extension offers its tests. */
  api: CompareApi;
  /** The compare view, which Claude: Compare Models fills. */
  panel: ComparePanel;
}

export function registerCompare(context: vscode.ExtensionContext, deps: CompareDepsOfActivate): RegisteredCompare {
  const panel = new ComparePanel(context.extensionUri, deps.panel);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(Commands.openComparison, async (uri?: unknown) => {
      const file = uri instanceof vscode.Uri
        ? uri
        : (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Claude comparison': ['json'] }, title: 'Open a saved comparison' }))?.[0];
      const comparison = file && (await openComparisonFile(file));
      if (comparison) {
        panel.show(comparison);
      }
    }),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => panel.revive(webviewPanel),
    }),
  );
  const api: CompareApi = {
    isOpen: () => panel.isOpen,
    isLoading: () => panel.isLoading,
    current: () => panel.current,
    inspect: () => panel.inspectDom(),
    messages: () => panel.recentMessages(),
    cancel: () => panel.cancel(),
    saveTo: async (uri) => {
      if (panel.current) {
        await saveComparison(panel.current, uri);
      }
    },
  };
  return { api, panel };
}

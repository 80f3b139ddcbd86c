// Claude: Compare Models — the request file (or the selection) to several models, several runs each: a multi-select
// quick pick of models (the last choice remembered), the runs per model, then the runs go out through core's
// comparison runner with the concurrency setting, into the compare view, with Cancel in the progress notification
// and in the view. Each run is a call like any other: the history records it (through the call runner's start and
// finish events, not its panel events, so the response panel is left alone).
import * as vscode from 'vscode';
import { describeRetry } from '../../core/capture/retry';
import { runComparison } from '../../core/compare/runner';
import { listModels as fetchModels } from '../../core/models';
import { comparisonProblem, DEFAULT_COMPARE_CONCURRENCY, DEFAULT_COMPARE_RUNS, RUNS_LIMIT } from '../../shared/modelCompare/comparison';
import { wordHint } from '../../shared/hints';
import { typedWholeNumber } from '../../shared/typedNumbers';
import type { CallRunner } from '../callRunner';
import type { ComparePanel } from '../compare/comparePanel';
import type { ModelsCache } from '../modelsCache';
import { isRequestFile, requestDocument } from '../requestDocument';
import { NO_KEY, type ResolveServices, resolveCall, selectedText } from '../resolveCall';
import { HINT_KNOBS, SECTION } from '../settings';

const LAST_MODELS = 'claudeInspector.compare.lastModels';
const LAST_RUNS = 'claudeInspector.compare.lastRuns';

export interface CompareDeps extends ResolveServices {
  calls: CallRunner;
  models: ModelsCache;
  panel: ComparePanel;
  state: vscode.Memento;
}

/** For keybindings and tests: the models and runs given skip their pickers. */
export interface CompareArgs {
  models?: string[];
  runs?: number;
}

export async function compareModels(deps: CompareDeps, target?: vscode.Uri, args: CompareArgs = {}): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  // A request file (given, or the active one), else the selected text of any other file.
  const file = target ? await requestDocument(target) : editor && isRequestFile(editor.document) ? editor.document : undefined;
  const selection = !file && editor ? selectedText(editor) : '';
  if (!file && selection.trim() === '') {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file, or select the text to send, to compare models on it.');
    return;
  }
  const resolved = await resolveCall(
    file ? { kind: 'file', document: file } : { kind: 'selection', document: editor!.document, text: selection },
    deps,
    { what: 'nothing was sent', key: 'ask', noKey: NO_KEY },
  );
  if (!resolved.ok) {
    if (resolved.refusal) {
      deps.calls.refused(resolved.refusal);
    }
    return;
  }
  const call = resolved.call;
  const models = args.models ?? (await pickModels(deps, call.connection, call.apiKey));
  if (!models?.length) {
    return;
  }
  const runs = args.runs ?? (await pickRuns(deps.state));
  if (runs === undefined) {
    return;
  }
  const concurrency = vscode.workspace.getConfiguration(SECTION, call.document?.uri).get<number>('compare.concurrency', DEFAULT_COMPARE_CONCURRENCY);
  const problem = comparisonProblem(models, runs, concurrency);
  if (problem) {
    void vscode.window.showErrorMessage(`Claude: cannot compare: ${problem}${/concurrency/.test(problem) ? ' (the claudeInspector.compare.concurrency setting)' : ''}.`);
    return;
  }
  await deps.state.update(LAST_MODELS, models);
  await deps.state.update(LAST_RUNS, runs);
  const controller = new AbortController();
  let done = 0;
  const total = models.length * runs;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Claude: comparing ${models.length} model${models.length === 1 ? '' : 's'} × ${runs} run${runs === 1 ? '' : 's'}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      const comparison = await runComparison(call.request, {
        apiKey: call.apiKey,
        ...call.connection,
        models,
        runsPerModel: runs,
        concurrency,
        source: call.source,
        prices: call.settings.prices,
        signal: controller.signal,
        onStart: (started) => deps.panel.show(started, () => controller.abort()),
        onRunStart: (run, record) => {
          deps.calls.sideCallStarted(record);
          deps.panel.runChanged(run);
        },
        onRunEvent: (run, event) => deps.panel.runEvent(run, event),
        onRunRetry: (run, notice) => {
          // A rate limit is waited out as the server asks, and said where the user looks: here and in the column.
          const text = describeRetry(notice);
          progress.report({ message: `${run.model} run ${run.run}: ${text}` });
          deps.panel.runRetrying(run, text);
        },
        onRunFinish: (run) => {
          if (run.record?.error) {
            run.record.error = wordHint(run.record.error, HINT_KNOBS);
          }
          if (run.record) {
            deps.calls.sideCallFinished(run.record);
          }
          deps.panel.runChanged(run);
          progress.report({ message: `${++done} of ${total} runs done`, increment: 100 / total });
        },
      });
      deps.panel.finished(comparison);
      const failedModels = models.filter((m) => comparison.runs.every((r) => r.model !== m || r.status !== 'ok'));
      if (controller.signal.aborted) {
        void vscode.window.showInformationMessage('Claude: comparison cancelled; the compare view keeps what arrived.');
      } else if (failedModels.length) {
        void vscode.window.showWarningMessage(`Claude: every run of ${failedModels.join(', ')} failed; the compare view shows why.`);
      }
    },
  );
}

interface ModelItem extends vscode.QuickPickItem {
  id?: string;
}

/** The models list (cached, else fetched once), the last choice picked; "Other model ids…" for ids not listed. */
async function pickModels(deps: CompareDeps, connection: { baseUrl: string; timeoutMs: number; maxRetries: number }, apiKey: string): Promise<string[] | undefined> {
  let listed = deps.models.get(connection.baseUrl)?.models;
  if (!listed) {
    const result = await fetchModels({ apiKey, ...connection, maxRetries: 0 });
    if (result.ok) {
      listed = result.models;
      await deps.models.set(connection.baseUrl, result.models);
    }
  }
  const last = deps.state.get<string[]>(LAST_MODELS, []);
  const ids = new Set((listed ?? []).map((m) => m.id));
  const items: ModelItem[] = [
    ...(listed ?? []).map((m) => ({ label: m.id, description: m.displayName, picked: last.includes(m.id), id: m.id })),
    // A model picked last time that the list does not have (typed by hand) stays offered.
    ...last.filter((id) => !ids.has(id)).map((id) => ({ label: id, description: 'not in the models list', picked: true, id })),
    { label: '$(edit) Other model ids…', description: 'type ids that are not listed', alwaysShow: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Claude: Compare Models (1 of 2): the models',
    placeHolder: 'Pick the models to compare (Space to pick, Enter to go on)',
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked) {
    return undefined;
  }
  const chosen = picked.filter((item) => item.id).map((item) => item.id!);
  if (picked.some((item) => !item.id)) {
    const typed = await vscode.window.showInputBox({
      title: 'Claude: Compare Models: other model ids',
      prompt: 'Model ids, separated by commas',
      validateInput: (text) => (text.split(',').some((id) => id.trim() === '') ? 'Model ids separated by commas, none empty' : undefined),
    });
    if (typed === undefined) {
      return undefined;
    }
    chosen.push(...typed.split(',').map((id) => id.trim()).filter((id) => !chosen.includes(id)));
  }
  if (chosen.length === 0) {
    void vscode.window.showWarningMessage('Claude: no model was picked; nothing was sent.');
    return undefined;
  }
  return chosen;
}

async function pickRuns(state: vscode.Memento): Promise<number | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Claude: Compare Models (2 of 2): runs per model',
    prompt: `How many times each model answers the request, 1 to ${RUNS_LIMIT}: several runs show the spread`,
    value: String(state.get<number>(LAST_RUNS, DEFAULT_COMPARE_RUNS)),
    // Read as the CLI reads --runs: digits only (" 3 ", "3e1" and "0x3" are refused while typing, not guessed at).
    validateInput: (text) => {
      const runs = typedWholeNumber(text, 1, RUNS_LIMIT);
      return 'problem' in runs ? runs.problem : undefined;
    },
  });
  if (typed === undefined) {
    return undefined;
  }
  const runs = typedWholeNumber(typed, 1, RUNS_LIMIT);
  return 'value' in runs ? runs.value : undefined;
}

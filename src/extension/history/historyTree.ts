// The History view: calls grouped by day (newest first), each with its time, model, source, status or error type,
// stop_reason, tokens in/out, cost and total time; narrowed by the filter the view's title shows.
import * as vscode from 'vscode';
import { formatUsd } from '../../shared/cost';
import { formatCount, localTimeText } from '../../shared/format';
import type { HistoryEntry, HistoryFilter } from '../../shared/history';
import { Commands } from '../commandIds';
import { Disposable } from '../dispose';
import { filterText } from './filterText';
import type { HistoryService } from './historyService';

/** The newest calls a view lists; the filter reaches older ones. */
const LIST_LIMIT = 500;

export type HistoryNode = { kind: 'day'; label: string; entries: HistoryEntry[] } | { kind: 'call'; entry: HistoryEntry };

export class HistoryTree extends Disposable implements vscode.TreeDataProvider<HistoryNode> {
  private readonly changed = this._register(new vscode.EventEmitter<HistoryNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private filter: HistoryFilter = {};
  private view: vscode.TreeView<HistoryNode> | undefined;
  /** The entries of the last listing, newest first. */
  private shown: HistoryEntry[] = [];

  constructor(private readonly history: HistoryService) {
    super();
    this._register(history.onDidChange(() => this.refresh()));
  }

  attach(view: vscode.TreeView<HistoryNode>): void {
    this.view = view;
    this.describe();
  }

  get currentFilter(): HistoryFilter {
    return this.filter;
  }

  setFilter(filter: HistoryFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'claudeInspector.historyFiltered', filterText(filter) !== '');
    this.describe();
    this.refresh();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** What the view lists now, newest first (the tests read it). */
  get entries(): readonly HistoryEntry[] {
    return this.shown;
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'day') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.entries.length} ${node.entries.length === 1 ? 'call' : 'calls'}`;
      item.contextValue = 'claudeHistoryDay';
      item.id = `day:${node.label}`;
      return item;
    }
    return callItem(node.entry);
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (node?.kind === 'day') {
      return node.entries.map((entry) => ({ kind: 'call', entry }));
    }
    if (node) {
      return [];
    }
    const entries = await this.history.store.list({ limit: LIST_LIMIT, filter: this.filter });
    this.shown = entries;
    this.say(entries.length);
    return groupByDay(entries, new Date());
  }

  private describe(): void {
    if (this.view) {
      const text = filterText(this.filter);
      this.view.description = text ? `filter: ${text}` : undefined;
    }
  }

  private say(count: number): void {
    if (!this.view) {
      return;
    }
    const filtered = filterText(this.filter) !== '';
    this.view.message =
      count === 0
        ? filtered
          ? 'No call matches the filter.'
          : 'No calls yet: every call you send is kept here (claudeInspector.history.enabled).'
        : count >= LIST_LIMIT
          ? `The newest ${LIST_LIMIT} calls${filtered ? ' that match' : ''}: filter to reach older ones.`
          : undefined;
  }
}

/** Local days, newest first: "Today", "Yesterday", then "Mon, Nov 30, 2026". */
export function groupByDay(entries: readonly HistoryEntry[], now: Date): HistoryNode[] {
  const days = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    const label = dayLabel(new Date(entry.startedAt), now);
    const list = days.get(label) ?? [];
    list.push(entry);
    days.set(label, list);
  }
  return [...days].map(([label, list]) => ({ kind: 'day', label, entries: list }));
}

function dayLabel(date: Date, now: Date): string {
  if (Number.isNaN(date.getTime())) {
    return 'Unknown date';
  }
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const diff = Math.round((day(now) - day(date)) / 86_400_000);
  if (diff === 0) {
    return 'Today';
  }
  if (diff === 1) {
    return 'Yesterday';
  }
  return date.toLocaleDateString('en-US', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

function callItem(entry: HistoryEntry): vscode.TreeItem {
  // The day is the group the item is in: the time alone.
  const time = localTimeText(entry.startedAt, new Date(entry.startedAt));
  const item = new vscode.TreeItem(`${time}  ${entry.model}`, vscode.TreeItemCollapsibleState.None);
  item.id = entry.id;
  item.description = callDescription(entry);
  item.tooltip = callTooltip(entry);
  item.contextValue = 'claudeHistoryCall';
  item.iconPath = callIcon(entry);
  item.command = { command: Commands.historyOpen, title: 'Open Call', arguments: [entry.id] };
  item.accessibilityInformation = { label: `${time} ${entry.model}, ${callDescription(entry)}` };
  return item;
}

export function sourceText(entry: HistoryEntry): string {
  const source = entry.source;
  if (source.kind === 'selection') {
    return source.title ? `selection in ${source.title}` : 'selection';
  }
  return source.path?.split(/[\\/]/).pop() ?? source.title ?? source.kind;
}

export function outcomeText(entry: HistoryEntry): string {
  if (entry.errorType) {
    return entry.status ? `${entry.status} ${entry.errorType}` : entry.errorType;
  }
  return entry.status === null ? 'no answer' : String(entry.status);
}

/** "triage.claude.json · 200 · end_turn · 1,204→312 tok · $0.0042 · 1.8 s". */
export function callDescription(entry: HistoryEntry): string {
  const parts = [sourceText(entry), outcomeText(entry)];
  if (entry.stopReason) {
    parts.push(entry.stopReason);
  }
  if (entry.incomplete) {
    parts.push('incomplete');
  }
  if (entry.inputTokens !== null || entry.outputTokens !== null) {
    parts.push(`${tokens(entry.inputTokens)}→${tokens(entry.outputTokens)} tok`);
  }
  if (entry.costUsd !== null) {
    parts.push(formatUsd(entry.costUsd));
  }
  if (entry.totalMs !== null) {
    parts.push(`${(entry.totalMs / 1000).toFixed(1)} s`);
  }
  return parts.join(' · ');
}

function tokens(value: number | null): string {
  return value === null ? '?' : formatCount(value);
}

function callTooltip(entry: HistoryEntry): vscode.MarkdownString {
  const rows: [string, string][] = [
    ['Started', new Date(entry.startedAt).toLocaleString('en-GB')],
    ['Model', entry.model],
    ['Source', entry.source.path ?? entry.source.title ?? entry.source.kind],
    ['Status', outcomeText(entry)],
    ['stop_reason', entry.stopReason ?? '—'],
    ['Input tokens', tokens(entry.inputTokens)],
    ['Output tokens', tokens(entry.outputTokens)],
    ['Cost', entry.costUsd === null ? 'unknown' : formatUsd(entry.costUsd)],
    ['Total time', entry.totalMs === null ? '—' : `${formatCount(entry.totalMs)} ms`],
    ['History id', entry.id],
  ];
  if (entry.requestId) {
    rows.push(['request-id', entry.requestId]);
  }
  const escape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  const markdown = new vscode.MarkdownString(['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${escape(k)} | ${escape(v)} |`)].join('\n'));
  markdown.supportHtml = false;
  return markdown;
}

function callIcon(entry: HistoryEntry): vscode.ThemeIcon {
  if (entry.errorType || (entry.status !== null && entry.status >= 400) || entry.status === null) {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
  if (entry.incomplete || entry.stopReason === 'max_tokens' || entry.stopReason === 'refusal') {
    return new vscode.ThemeIcon('warning', new vscode.ThemeColor('testing.iconQueued'));
  }
  return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
}

// The CLI's history: `send --save` records the call into a folder (the same store and format as the extension's),
// and `history list|show|diff` read it back. The folder is --history DIR, else $CLAUDE_INSPECTOR_HISTORY, else the
// per-user data folder (core/history/folder.ts).
import { promises as fs } from 'node:fs';
import { defaultHistoryFolder, HISTORY_ENV, readFolderSettings } from '../core/history/folder';
import { HistoryStore } from '../core/history/store';
import type { RedactingWriter } from '../core/secrets/redactingWriter';
import type { CallRecord } from '../shared/callRecord';
import { compareCalls } from '../shared/compare';
import { comparisonLines } from '../shared/compare/compareText';
import { formatUsd } from '../shared/cost';
import { formatCount, wholeMsText } from '../shared/format';
import type { HistoryEntry, HistorySourceInput, StoredCall } from '../shared/history';
import { cliJson } from './jsonOutput';
import { callSummaryText } from './messageText';
import { wholeNumber } from './optionValues';
import { table } from './table';
import { UsageError } from './usage';

type Values = Record<string, string | true>;

export interface Output {
  stdout: RedactingWriter;
  stderr: RedactingWriter;
}

/** The largest --max-calls and --limit. */
const MAX_COUNT = 10_000_000;
export const HISTORY_SUBCOMMANDS = ['list', 'show', 'diff'] as const;

/** A failure that is not bad usage: no such call, nothing recorded yet. Exit 1. */
export class HistoryMiss extends Error {}

function folderOf(values: Values): { folder: string; given: boolean } {
  if (typeof values.history === 'string') {
    if (values.history.trim() === '') {
      throw new UsageError('--history needs a folder');
    }
    return { folder: values.history, given: true };
  }
  return { folder: defaultHistoryFolder(), given: !!process.env[HISTORY_ENV]?.trim() };
}

/** Whether the folder is there; a UsageError when the path cannot be a history folder. */
async function folderThere(folder: string): Promise<boolean> {
  try {
    const stat = await fs.stat(folder);
    if (!stat.isDirectory()) {
      throw new UsageError(`the history folder ${folder} cannot be used: it is not a folder`);
    }
    return true;
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return false;
    }
    throw new UsageError(`the history folder ${folder} cannot be used: ${code === 'ENOTDIR' ? 'a part of the path is not a folder' : (error as Error).message}`);
  }
}

function storeIn(folder: string, output: Output, bounds: { maxCalls?: number; maxMegabytes?: number } = {}): HistoryStore {
  return new HistoryStore(folder, { ...bounds, onWarning: (message) => output.stderr.print(`claude-inspector: warning: ${message}\n`) });
}

/**
 * For `send --save`: the store, its folder made and checked before anything is sent (a folder that cannot be
 * written is bad usage, exit 2). Undefined without --save; --history and --max-calls need --save.
 */
export async function storeForSave(values: Values, output: Output): Promise<HistoryStore | undefined> {
  if (values.save !== true) {
    for (const name of ['history', 'max-calls']) {
      if (values[name] !== undefined) {
        throw new UsageError(`--${name} is for --save: add --save to record the call`);
      }
    }
    return undefined;
  }
  const { folder } = folderOf(values);
  await folderThere(folder);
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.access(folder, fs.constants.W_OK);
  } catch (error) {
    throw new UsageError(`the history folder ${folder} cannot be used: ${(error as Error).message}`);
  }
  const settings = await readFolderSettings(folder).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const maxCalls = wholeNumber(typeof values['max-calls'] === 'string' ? values['max-calls'] : undefined, '--max-calls', settings.maxCalls ?? 0, 1, MAX_COUNT) || undefined;
  return storeIn(folder, output, { maxCalls, maxMegabytes: settings.maxMegabytes });
}

/** Records the finished call; its id, or undefined (said on stderr) when it could not be written. */
export async function saveCall(store: HistoryStore, record: CallRecord, source: HistorySourceInput, output: Output): Promise<string | undefined> {
  try {
    return await store.record(record, source);
  } catch (error) {
    output.stderr.print(`claude-inspector: the call was not saved to ${store.folder}: ${(error as Error).message}\n`);
    return undefined;
  }
}

export async function historyCommand(positionals: string[], values: Values, output: Output): Promise<number> {
  const [sub, ...ids] = positionals;
  if (sub === undefined || !(HISTORY_SUBCOMMANDS as readonly string[]).includes(sub)) {
    const what = sub === undefined ? 'history needs a subcommand' : `unknown history subcommand "${sub.slice(0, 40)}"`;
    throw new UsageError(`${what}: list, show ID or diff ID1 ID2 (see claude-inspector history --help)`);
  }
  const wanted = sub === 'list' ? 0 : sub === 'show' ? 1 : 2;
  if (ids.length !== wanted) {
    const needs = wanted === 0 ? 'takes no id' : wanted === 1 ? 'needs one id (history list shows them)' : 'needs two ids (history list shows them)';
    throw new UsageError(`history ${sub} ${needs}${ids.length > wanted ? `: unexpected "${ids[wanted].slice(0, 40)}"` : ''}`);
  }
  if (sub !== 'list' && values.limit !== undefined) {
    throw new UsageError('--limit is for history list');
  }
  const limit = wholeNumber(typeof values.limit === 'string' ? values.limit : undefined, '--limit', 0, 1, MAX_COUNT) || undefined;
  const { folder, given } = folderOf(values);
  const there = await folderThere(folder);
  if (!there && given) {
    throw new UsageError(`there is no history folder ${folder} (send FILE --save --history ${folder} makes one)`);
  }
  const store = storeIn(folder, output);
  const json = values.json === true;
  if (sub === 'list') {
    const entries = there ? await store.list({ limit }) : [];
    if (json) {
      output.stdout.print(`${JSON.stringify(entries, null, 2)}\n`);
    } else if (entries.length === 0) {
      output.stderr.print(`claude-inspector: no calls in ${folder} yet (send FILE --save records one)\n`);
    } else {
      output.stdout.print(`${listTable(entries)}\n`);
    }
    return 0;
  }
  const calls: StoredCall[] = [];
  for (const id of ids) {
    calls.push(await findCall(store, id, folder, there));
  }
  if (sub === 'show') {
    const [call] = calls;
    if (json) {
      output.stdout.print(`${JSON.stringify({ ...cliJson(call.record), historyId: call.entry.id }, null, 2)}\n`);
    } else {
      output.stdout.print(`${callSummaryText(call.record, { includeBlocks: true })}\n`);
    }
    return 0;
  }
  const [a, b] = calls;
  const comparison = compareCalls(a.record, b.record);
  comparison.a = { id: a.entry.id, startedAt: a.entry.startedAt };
  comparison.b = { id: b.entry.id, startedAt: b.entry.startedAt };
  output.stdout.print(json ? `${JSON.stringify(comparison, null, 2)}\n` : `${comparisonLines(comparison).join('\n')}\n`);
  return 0;
}

/** The call by its id or the first characters of it (unique), or HistoryMiss. */
async function findCall(store: HistoryStore, typed: string, folder: string, there: boolean): Promise<StoredCall> {
  const shown = typed.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40);
  const matches = there && typed !== '' ? await store.idsStartingWith(typed) : [];
  if (matches.length === 0) {
    const empty = !there || (await store.list({ limit: 1 })).length === 0;
    throw new HistoryMiss(empty ? `no calls in ${folder} yet, so no call "${shown}" (send FILE --save records one)` : `no call "${shown}" in ${folder} (history list shows the ids)`);
  }
  if (matches.length > 1 && !matches.includes(typed)) {
    throw new HistoryMiss(`"${shown}" is the start of ${matches.length} ids (${matches.slice(0, 3).join(', ')}${matches.length > 3 ? ', …' : ''}): give more of it`);
  }
  const id = matches.includes(typed) ? typed : matches[0];
  const call = await store.get(id);
  if (!call) {
    throw new HistoryMiss(`the call ${id} in ${folder} cannot be read (see the warning above)`);
  }
  return call;
}

function listTable(entries: HistoryEntry[]): string {
  const header = ['id', 'started (UTC)', 'model', 'source', 'status', 'stop_reason', 'in', 'out', 'cost', 'time'];
  const rows = entries.map((e) => [
    e.id,
    e.startedAt.replace('T', ' ').slice(0, 19),
    e.model,
    e.source.path ?? e.source.title ?? (e.source.kind === 'cli' ? 'stdin' : e.source.kind),
    e.errorType ? `${e.status ?? ''} ${e.errorType}`.trim() : String(e.status ?? ''),
    e.stopReason ?? '',
    e.inputTokens === null ? '' : formatCount(e.inputTokens),
    e.outputTokens === null ? '' : formatCount(e.outputTokens),
    e.costUsd === null ? '' : formatUsd(e.costUsd),
    e.totalMs === null ? '' : wholeMsText(e.totalMs),
  ]);
  return table(header, rows);
}

// This session's calls, per request file (and per selection's document): what the conversation view lists (the
// input growing turn by turn), what Continue continues (the last call), and what the thinking blocks of a file were
// made after (for the binding warnings). Kept in memory only: history across sessions is another feature's.
import * as vscode from 'vscode';
import { type ThinkingOrigin, thinkingOriginsOf } from '../../core/conversation/conversationChecks';
import type { CallRecord, CallSource } from '../../shared/callRecord';
import { cacheAdvice, type FileCallStat, fileCallStat } from '../../shared/conversationStats';
import type { PriceTable } from '../../shared/prices';
import type { CallFeed } from '../callEvents';
import { Disposable } from '../dispose';
import { documentName } from '../requestDocument';

/** Enough turns to see the growth; older calls of a file are forgotten first. */
const CALLS_KEPT = 50;

/** The name calls of a document are kept under: as the record's source names it. */
export function sourceKey(source: CallSource): string | undefined {
  if (source.kind === 'file') {
    return source.path ?? source.title;
  }
  return undefined;
}

export class FileCalls extends Disposable {
  private readonly calls = new Map<string, CallRecord[]>();
  private readonly origins = new Map<string, Map<string, ThinkingOrigin>>();
  /** The last calls of any source, selections too: the panel's buttons name a call by its id. */
  private recent: CallRecord[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with a file's key when one of its calls finished. */
  readonly onDidChange = this.changed.event;
  private readonly originsChanged = this._register(new vscode.EventEmitter<string>());
  /**
   * Fires with a file's key when what its thinking blocks were made after changed (a finished call brought blocks
   * not seen before, or the same ones after another request): its binding warnings may have, no other file's.
   */
  readonly onDidChangeOrigins = this.originsChanged.event;

  constructor(feed: Pick<CallFeed, 'onDidCallEvent'>) {
    super();
    this._register(feed.onDidCallEvent((event) => event.type === 'finished' && this.add(event.record)));
  }

  private add(record: CallRecord): void {
    this.recent = [...this.recent, record].slice(-CALLS_KEPT);
    const key = sourceKey(record.source);
    if (!key) {
      return;
    }
    const list = this.calls.get(key) ?? [];
    list.push(record);
    this.calls.set(key, list.slice(-CALLS_KEPT));
    let originsChanged = false;
    if (!record.error && record.message) {
      const origins = this.origins.get(key) ?? new Map<string, ThinkingOrigin>();
      thinkingOriginsOf(record).forEach((origin, signature) => {
        const before = origins.get(signature);
        if (!before || JSON.stringify(before) !== JSON.stringify(origin)) {
          origins.set(signature, origin);
          originsChanged = true;
        }
      });
      this.origins.set(key, origins);
    }
    this.changed.fire(key);
    if (originsChanged) {
      this.originsChanged.fire(key);
    }
  }

  /** The calls of the document (or of the key), oldest first. */
  callsOf(target: vscode.TextDocument | string): readonly CallRecord[] {
    return this.calls.get(typeof target === 'string' ? target : documentName(target)) ?? [];
  }

  lastOf(target: vscode.TextDocument | string): CallRecord | undefined {
    const list = this.callsOf(target);
    return list[list.length - 1];
  }

  /** A record of any file, by its id (the panel's buttons name the call they are under). */
  byId(callId: string): CallRecord | undefined {
    return this.recent.find((r) => r.id === callId);
  }

  /** The key the calls of `document` are kept under (what the events fire with). */
  keyOf(document: vscode.TextDocument): string {
    return documentName(document);
  }

  thinkingOrigins(document: vscode.TextDocument): ReadonlyMap<string, ThinkingOrigin> | undefined {
    return this.origins.get(documentName(document));
  }

  /** The growth of the file's input, call by call, up to and including `record` (which may not be kept yet). */
  statsUpTo(record: CallRecord): FileCallStat[] {
    const key = sourceKey(record.source);
    const list = key ? this.calls.get(key) ?? [] : [];
    const upTo = list.some((r) => r.id === record.id) ? list.slice(0, list.findIndex((r) => r.id === record.id) + 1) : [...list, record];
    return upTo.filter((r) => !r.error).map(fileCallStat).filter((s): s is FileCallStat => s !== undefined);
  }

  /** What the panel's conversation view shows after a file's call: the calls so far and the cache advice. */
  conversationOf(record: CallRecord, prices?: PriceTable): { calls: FileCallStat[]; cacheAdvice?: string } | undefined {
    if (!sourceKey(record.source) || record.error) {
      return undefined;
    }
    const calls = this.statsUpTo(record);
    const advice = cacheAdvice(calls, record.effectiveRequest, String(record.message?.model ?? record.effectiveRequest.model ?? ''), prices);
    return { calls, ...(advice ? { cacheAdvice: advice.text } : {}) };
  }
}

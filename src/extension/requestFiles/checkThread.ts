// Checks request files off the extension host's thread, in dist/checkWorker.js. Checks run one at a time, in order;
// a new check of a file whose previous check is still running ends the thread (that check is stale: a parse of a big
// file cannot be interrupted any other way) and the checks still wanted start again on a new one; a check still
// waiting there is dropped by the thread itself. Where no worker can start, the check runs here, as before. A
// document's text goes to the thread once; after that each check sends the edits made since the version the thread
// has (textEdits.ts), so a keystroke in a 20 MB file copies the keystroke, not 40 MB. When the edits are not known
// (the thread was restarted, a version was missed, too much changed) or the thread has not the version they start
// from (it answers "resync"), the whole text goes again.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { CheckAnswered, CheckAsked, CheckForget } from '../../core/requestFiles/checkWorker';
import { checkRequest, type DiagnosticContext, type RequestDiagnostic } from '../../core/requestFiles/diagnostics';
import type { TextEdit } from '../../core/requestFiles/textEdits';

/**
 * How long the editor waits after the last keystroke before it checks (requestDiagnostics.ts): short, since the check
 * runs off the extension host's thread and a 5 MB file is checked in tens of milliseconds; a stale check is dropped.
 */
export const CHECK_DEBOUNCE_MS = 100;

/** How long a stale running check may go on before its thread is ended. */
const STALE_GRACE_MS = 200;

/**
 * What is checked: a text, or a document (VS Code's TextDocument is one), whose text is read only when needed, and
 * which may say what edits made its version from an older one (undefined when it does not know).
 */
export type CheckSource = string | CheckDocument;

export interface CheckDocument {
  readonly version: number;
  getText(): string;
  editsSince?(version: number): readonly TextEdit[] | undefined;
}

/** A check's diagnostics, and where each message starts when asked (undefined: not known, see checkWorker.ts). */
export interface CheckResult {
  diagnostics: RequestDiagnostic[];
  messages?: number[];
}

interface Pending {
  key: string;
  asked: CheckAsked;
  source: CheckSource;
  resolve(result: CheckResult | undefined): void;
}

const textOf = (source: CheckSource): string => (typeof source === 'string' ? source : source.getText());

/** The check made on this thread, where the worker could not make it (no worker, or it failed). */
function checkHere(source: CheckSource, context: DiagnosticContext, outline?: boolean): CheckResult {
  const result = checkRequest(textOf(source), context);
  return { diagnostics: result.diagnostics, ...(outline ? { messages: result.messageOffsets } : {}) };
}

export class CheckThread {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Posted to the worker and not answered yet, in order: the first one is running. */
  private readonly pending: Pending[] = [];
  private disposed = false;
  /** Workers that ended without being asked to: after a few, checks run here. */
  private crashes = 0;
  /** The version of each document whose text the current worker has. */
  private readonly sent = new Map<string, number>();
  private textsSent = 0;

  /** `script`: the worker's file; the bundled one next to the extension's by default. */
  constructor(private readonly script = path.join(__dirname, 'checkWorker.js')) {}

  /**
   * The diagnostics of `text`, or undefined when a newer check of the same `key` (the document) came first. A
   * check that the worker could not make is made here.
   */
  check(key: string, source: CheckSource, context: DiagnosticContext): Promise<RequestDiagnostic[] | undefined> {
    return this.checkAndOutline(key, source, context, false).then((result) => result?.diagnostics);
  }

  /** As {@link check}; `outline`: with where each message starts, for the conversation's CodeLenses. */
  checkAndOutline(key: string, source: CheckSource, context: DiagnosticContext, outline = true): Promise<CheckResult | undefined> {
    const worker = this.ensureWorker();
    if (!worker) {
      return Promise.resolve(checkHere(source, context, outline));
    }
    const stale = this.pending.filter((p) => p.key === key);
    if (stale.length > 0) {
      stale.forEach((p) => p.resolve(undefined));
      const running = this.pending[0];
      // The waiting ones are dropped; the running one is answered to nobody.
      this.pending.splice(0, this.pending.length, ...this.pending.filter((p) => p.key !== key || p === running));
      if (stale.includes(running)) {
        this.stopSoon(running);
      }
    }
    return new Promise((resolve) => {
      const pending: Pending = { key, asked: { id: this.nextId++, context, ...(outline ? { outline } : {}) }, source, resolve };
      this.pending.push(pending);
      this.post(worker, pending);
    });
  }

  /**
   * Posts a check: nothing of the text when the worker has this version of the document already, the edits since the
   * version it has when the document knows them, the whole text otherwise.
   */
  private post(worker: Worker, p: Pending): void {
    const version = typeof p.source === 'string' ? undefined : p.source.version;
    const asked: CheckAsked = { id: p.asked.id, key: p.key, version, context: p.asked.context, ...(p.asked.outline ? { outline: true } : {}) };
    const held = this.sent.get(p.key);
    if (version === undefined || held !== version) {
      const edits = held === undefined || typeof p.source === 'string' ? undefined : p.source.editsSince?.(held);
      if (edits) {
        asked.edits = { base: held!, edits: edits.map((e) => ({ offset: e.offset, length: e.length, text: e.text })) };
      } else {
        asked.text = textOf(p.source);
      }
      if (version === undefined) {
        this.sent.delete(p.key);
      } else {
        this.sent.set(p.key, version);
      }
    }
    p.asked = asked;
    this.textsSent += asked.text === undefined ? 0 : 1;
    worker.postMessage(asked);
  }

  /** How many times a whole text went to the thread (the rest went as edits, or not at all): for tests and the bench. */
  get wholeTextsSent(): number {
    return this.textsSent;
  }

  /** Drops the checks of `key` not answered yet (the document was closed). */
  forget(key: string): void {
    // Answered later, to nobody: only the running one could be stopped, and it is about to end anyway.
    for (const p of this.pending.filter((q) => q.key === key)) {
      p.resolve(undefined);
    }
    if (this.sent.delete(key)) {
      const forget: CheckForget = { forget: key };
      this.worker?.postMessage(forget);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.pending.splice(0).forEach((p) => p.resolve(undefined));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.disposed || this.crashes > 3) {
      return this.worker;
    }
    if (!existsSync(this.script)) {
      return undefined;
    }
    // node:worker_threads is loaded here, at the first check, not with the extension: it is most of what
    // activation would load of Node's own modules.
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new WorkerThread(this.script);
    // An idle worker does not keep the extension host's process alive.
    worker.unref();
    worker.on('message', (answer: CheckAnswered) => this.answered(answer));
    worker.on('error', () => this.lost(worker));
    worker.on('exit', () => this.lost(worker));
    this.worker = worker;
    // A new thread has no text yet.
    this.sent.clear();
    return worker;
  }

  private answered(answer: CheckAnswered): void {
    const index = this.pending.findIndex((p) => p.asked.id === answer.id);
    if ('resync' in answer) {
      // The thread has not the version the check started from: whatever it holds of the document is not to be built on.
      if (answer.key !== undefined) {
        this.sent.delete(answer.key);
      }
      const worker = this.worker;
      if (index !== -1 && worker) {
        // Asked again, with the whole text, behind the checks posted since (the thread runs them in order).
        const [again] = this.pending.splice(index, 1);
        this.pending.push(again);
        this.post(worker, again);
      }
      return;
    }
    if (index === -1) {
      return;
    }
    const [done] = this.pending.splice(index, 1);
    if ('superseded' in answer) {
      done.resolve(undefined);
    } else {
      done.resolve('diagnostics' in answer ? { diagnostics: answer.diagnostics, messages: answer.messages } : checkHere(done.source, done.asked.context, done.asked.outline));
    }
  }

  /** The worker ended (ended on purpose, or crashed): the checks still wanted go to a new one. */
  private lost(worker: Worker): void {
    if (this.worker !== worker) {
      return;
    }
    this.worker = undefined;
    this.crashes++;
    this.repost();
  }

  /**
   * The running check is stale. Only ending the thread stops it, and a new thread starts cold (its first big parse
   * is slower): a check that ends within {@link STALE_GRACE_MS} is let finish, a longer one is stopped.
   */
  private stopSoon(running: Pending): void {
    const worker = this.worker;
    setTimeout(() => {
      if (this.worker === worker && this.pending[0] === running) {
        this.pending.shift();
        this.restart();
      }
    }, STALE_GRACE_MS);
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    this.repost();
  }

  private repost(): void {
    if (this.pending.length === 0 || this.disposed) {
      return;
    }
    const worker = this.ensureWorker();
    for (const p of this.pending.splice(0)) {
      if (worker) {
        this.pending.push(p);
        this.post(worker, p);
      } else {
        p.resolve(checkHere(p.source, p.asked.context, p.asked.outline));
      }
    }
  }
}

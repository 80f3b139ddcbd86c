// The request-file check in a worker thread: the editor hands it a file's text once, then the edits made to it
// (textEdits.ts), and gets the diagnostics back, so that checking a 20 MB file never blocks the extension host (every
// extension waits with it), a keystroke costs the host a copy of the keystroke, not of the file, and a check made
// stale by the next keystroke can be stopped by ending the thread. Bundled on its own (dist/checkWorker.js).
import { parentPort } from 'node:worker_threads';
import { messageRanges } from '../conversation/fork';
import { checkRequest, type DiagnosticContext, type RequestDiagnostic } from './diagnostics';
import { applyEdits, type TextEdit } from './textEdits';

/**
 * What the editor asks: the diagnostics of a file's text, answered with the same `id`. A file's `key` and `version`
 * come with its text once; after that, a check comes with the edits made since a version sent before (`edits`), or
 * with nothing when this thread has the version already (a setting or the models changed, not the text).
 */
export interface CheckAsked {
  id: number;
  /** The document (its URI), when the text may be kept for the next check of the same document. */
  key?: string;
  version?: number;
  /** The whole text. */
  text?: string;
  /** What turns the kept text of `key` at version `base` into this version. */
  edits?: { base: number; edits: TextEdit[] };
  context: DiagnosticContext;
  /** Also where each message starts (`messages` in the answer), for the conversation's CodeLenses. */
  outline?: boolean;
}

/** The document is closed: its text is not kept any longer. */
export interface CheckForget {
  forget: string;
}

/**
 * `resync`: this thread has not the version the edits (or the check) start from: ask again with the whole text.
 * `superseded`: a newer check of the same document came before this one started: it was not made.
 */
export type CheckAnswered =
  | { id: number; diagnostics: RequestDiagnostic[]; messages?: number[] }
  | { id: number; failed: string }
  | { id: number; resync: true; key?: string }
  | { id: number; superseded: true };

/** The last text of each open document, by key: one version each. */
const texts = new Map<string, { version: number; text: string }>();

class Resync extends Error {}

/** The text to check, after keeping it (or applying the edits to the kept one). */
function textOf(asked: CheckAsked): string {
  const key = asked.key;
  if (asked.text !== undefined) {
    if (key !== undefined && asked.version !== undefined) {
      texts.set(key, { version: asked.version, text: asked.text });
    }
    return asked.text;
  }
  const kept = key === undefined ? undefined : texts.get(key);
  if (key === undefined || asked.version === undefined || !kept) {
    throw new Resync();
  }
  if (asked.edits) {
    if (kept.version !== asked.edits.base) {
      texts.delete(key);
      throw new Resync();
    }
    let text: string;
    try {
      text = applyEdits(kept.text, asked.edits.edits);
    } catch {
      // Edits that do not fit the kept text: the text here is not the editor's; the whole text puts it right.
      texts.delete(key);
      throw new Resync();
    }
    texts.set(key, { version: asked.version, text });
    return text;
  }
  if (kept.version !== asked.version) {
    throw new Resync();
  }
  return kept.text;
}

/**
 * A broken file bigger than this gets no outline: the lenient parse of a 5 MB file with a stray quote takes as long
 * as the check, and would hold up the next one. Its CodeLenses stay where the last outline put them.
 */
const LENIENT_OUTLINE_MAX = 1024 * 1024;

function check(asked: CheckAsked, text: string): CheckAnswered {
  const result = checkRequest(text, asked.context);
  if (!asked.outline) {
    return { id: asked.id, diagnostics: result.diagnostics };
  }
  const messages = result.messageOffsets ?? (text.length <= LENIENT_OUTLINE_MAX ? messageRanges(text).map((m) => m.offset) : undefined);
  return { id: asked.id, diagnostics: result.diagnostics, ...(messages ? { messages } : {}) };
}

/** Checks waiting to run, oldest first: one per document, a newer one replaces it. */
const queue: { asked: CheckAsked; text: string }[] = [];
let running = false;

/**
 * Runs the first waiting check, then lets the messages that came meanwhile in before the next one (setImmediate runs
 * after the loop has taken them): a check that a newer edit made stale is dropped, not made.
 */
function runNext(): void {
  const job = queue.shift();
  if (!job) {
    running = false;
    return;
  }
  let answer: CheckAnswered;
  try {
    answer = check(job.asked, job.text);
  } catch (error) {
    answer = { id: job.asked.id, failed: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
  setImmediate(runNext);
}

parentPort?.on('message', (message: CheckAsked | CheckForget) => {
  if ('forget' in message) {
    texts.delete(message.forget);
    return;
  }
  // The text is kept (or edited) at once, in the order the edits were made; only the check waits.
  let text: string;
  try {
    text = textOf(message);
  } catch (error) {
    const answer: CheckAnswered = error instanceof Resync ? { id: message.id, resync: true, key: message.key } : { id: message.id, failed: String(error) };
    parentPort?.postMessage(answer);
    return;
  }
  const older = message.key === undefined ? -1 : queue.findIndex((job) => job.asked.key === message.key);
  if (older !== -1) {
    parentPort?.postMessage({ id: queue[older].asked.id, superseded: true } satisfies CheckAnswered);
    queue.splice(older, 1);
  }
  queue.push({ asked: message, text });
  if (!running) {
    running = true;
    setImmediate(runNext);
  }
});

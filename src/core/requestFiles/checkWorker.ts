// The request-file check in a worker thread: the editor hands it each version of a file (once) and gets the
// diagnostics back, so that checking a 20 MB file never blocks the extension host (every extension waits with it), and a check
// made stale by the next keystroke can be stopped by ending the thread. Bundled on its own (dist/checkWorker.js).
import { parentPort } from 'node:worker_threads';
import { checkRequest, type DiagnosticContext, type RequestDiagnostic } from './diagnostics';

/**
 * What the editor asks: the diagnostics of a file's text, answered with the same `id`. A file's `key` and `version`
 * come with its text once: a check of a version this thread already has (a setting or the models changed, not the
 * text) comes without it, and the text kept here is used, so that a 20 MB file is not copied again for nothing.
 */
export interface CheckAsked {
  id: number;
  /** The document (its URI), when the text may be kept for the next check of the same version. */
  key?: string;
  version?: number;
  /** Absent: the text of `key` at `version` sent before. */
  text?: string;
  context: DiagnosticContext;
}

/** The document is closed: its text is not kept any longer. */
export interface CheckForget {
  forget: string;
}

export type CheckAnswered = { id: number; diagnostics: RequestDiagnostic[] } | { id: number; failed: string };

/** The last text of each open document, by key: one version each. */
const texts = new Map<string, { version: number; text: string }>();

function textOf(asked: CheckAsked): string {
  if (asked.text !== undefined) {
    if (asked.key !== undefined && asked.version !== undefined) {
      texts.set(asked.key, { version: asked.version, text: asked.text });
    }
    return asked.text;
  }
  const kept = asked.key === undefined ? undefined : texts.get(asked.key);
  if (!kept || kept.version !== asked.version) {
    throw new Error(`no text of version ${asked.version} here`);
  }
  return kept.text;
}

parentPort?.on('message', (message: CheckAsked | CheckForget) => {
  if ('forget' in message) {
    texts.delete(message.forget);
    return;
  }
  let answer: CheckAnswered;
  try {
    answer = { id: message.id, diagnostics: checkRequest(textOf(message), message.context).diagnostics };
  } catch (error) {
    answer = { id: message.id, failed: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});

// The request-file check in a worker thread: the editor hands it each version of a file and gets the diagnostics
// back, so that checking a 20 MB file never blocks the extension host (every extension waits with it), and a check
// made stale by the next keystroke can be stopped by ending the thread. Bundled on its own (dist/checkWorker.js).
import { parentPort } from 'node:worker_threads';
import { checkRequest, type DiagnosticContext, type RequestDiagnostic } from './diagnostics';

/** What the editor asks: the diagnostics of `text`, answered with the same `id`. */
export interface CheckAsked {
  id: number;
  text: string;
  context: DiagnosticContext;
}

export type CheckAnswered = { id: number; diagnostics: RequestDiagnostic[] } | { id: number; failed: string };

parentPort?.on('message', (asked: CheckAsked) => {
  let answer: CheckAnswered;
  try {
    answer = { id: asked.id, diagnostics: checkRequest(asked.text, asked.context).diagnostics };
  } catch (error) {
    answer = { id: asked.id, failed: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});

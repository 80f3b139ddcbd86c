// A panel reloaded with a 10 MB answer that was not streamed (default; --reload-mb=N): the host's share of bringing
// it back. After a window reload the extension host is new: the webview's state names the call, the host finds it
// (RecentCalls: the last big call, on disk), makes the message to post (bodyOnce's slimForPanel: the raw body and a
// big curl left out; panelRedaction's mask over every string) and VS Code serializes it for the webview channel
// (JSON.stringify stands in for that). Each step is timed for the slim message against the whole record (what was
// posted before), and the whole against the budget of 1 s for the first screen. The webview's side, from the
// message to the first heading painted, is test/webview/smallState.test.ts's and bench/webviewFirstPaint.ts's.
//
//   node out/bench/reloadAnswer.js [--reload-mb=10] [--reload-runs=5]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { slimForPanel } from '../src/extension/panel/bodyOnce';
import { redactForPanel } from '../src/extension/panel/panelRedaction';
import { RecentCalls } from '../src/extension/panel/recentCalls';
import type { CallRecord } from '../src/shared/callRecord';
import type { HostMessage } from '../src/shared/protocol';
import { longMarkdown, MB, megabytes } from '../test/webview/fixtures/longMarkdown';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';
import { median, ms } from './lib/stats';

const BUDGET_MS = 1000;

function bigAnswer(chars: number): CallRecord {
  const message = { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-5-5', content: [{ type: 'text', text: longMarkdown(chars) }], stop_reason: 'end_turn', usage: { input_tokens: 9, output_tokens: 99 } };
  const request = { model: 'claude-haiku-5-5', max_tokens: 64000, stream: false, messages: [{ role: 'user', content: 'Write a lot.' }] };
  return {
    id: 'reload-bench',
    startedAt: new Date().toISOString(),
    source: { kind: 'file', path: '/tmp/big-answer.claude.json' },
    baseUrl: 'http://127.0.0.1:1',
    effectiveRequest: request,
    defaultsApplied: [],
    streamed: false,
    request: { method: 'POST', url: 'http://127.0.0.1:1/v1/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
    attempts: [{ number: 1, startedMs: 0, headersMs: 10, status: 200 }],
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) },
    message,
    timing: { headersMs: 10, totalMs: 500 },
    curl: `curl http://127.0.0.1:1/v1/messages --data-raw '${JSON.stringify(request)}'`,
  } as CallRecord;
}

interface Run {
  findMs: number;
  wholeMs: number;
  slimMs: number;
  wholeChars: number;
  slimChars: number;
}

/** The message for the webview, as the host makes it, and its serialization; how long both took. */
function prepare(record: CallRecord, slim: boolean): { ms: number; chars: number } {
  const started = performance.now();
  const message: HostMessage = { type: 'callFinished', record };
  const posted = redactForPanel(slim ? slimForPanel(message, () => false) : message);
  const chars = JSON.stringify(posted).length;
  return { ms: performance.now() - started, chars };
}

async function main(): Promise<void> {
  const chars = numberOption('reload-mb', 10) * MB;
  const runs = Math.max(1, Math.round(numberOption('reload-runs', 5)));
  const record = bigAnswer(chars);
  console.log(`reload of a ${megabytes(chars)} answer, not streamed (raw body ${megabytes(record.response!.body!.length)})`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-bench-reload-'));
  try {
    const kept = new RecentCalls(folder);
    kept.remember(record);
    // Written as when the extension stops (a window reload): otherwise a moment after calls end (RecentCalls).
    kept.dispose();
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      // A new extension host: nothing in memory, the last big call read back from disk.
      const found = await new RecentCalls(folder).find(record.id);
      const findMs = performance.now() - started;
      if (found?.id !== record.id) {
        throw new Error('the kept call was not found');
      }
      const whole = prepare(found, false);
      const slim = prepare(found, true);
      results.push({ findMs, wholeMs: whole.ms, slimMs: slim.ms, wholeChars: whole.chars, slimChars: slim.chars });
    }
    const findMs = median(results.map((r) => r.findMs));
    const wholeMs = median(results.map((r) => r.wholeMs));
    const slimMs = median(results.map((r) => r.slimMs));
    const { wholeChars, slimChars } = results[0]!;
    console.log(`  find (read ${megabytes(fs.statSync(path.join(folder, 'last-call.json')).size)} and parse): median ${ms(findMs)}`);
    console.log(`  message for the webview, masked and serialized: whole record ${ms(wholeMs)} (${megabytes(wholeChars)}), slim ${ms(slimMs)} (${megabytes(slimChars)}, ${(slimChars / wholeChars).toFixed(2)} of the whole)`);
    report('reloadAnswer', [
      row(`reload ${megabytes(chars)} answer: host work, slim vs whole`, findMs + wholeMs, findMs + slimMs, 'The host’s work for the needCall answer (find the kept call, mask, serialize), slim against whole.'),
      row(`reload ${megabytes(chars)} answer: host work vs 1 s budget`, BUDGET_MS, findMs + slimMs, 'The same against the issue’s 1 s for the first screen: the rest of that second is the channel and the webview’s first paint.'),
    ]);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

runMain(main);

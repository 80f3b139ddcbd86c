// The check worker keeps a copy of each open request file and gets the edits of each change, not the whole text
// again (src/extension/requestFiles/checkThread.ts, src/core/requestFiles/checkWorker.ts): whatever the edits, its
// diagnostics are those of the editor's text. Random edit sequences (seed in the title) are replayed against the
// worker, through restarts and lost versions, and each answer (the diagnostics, where each message starts) is
// compared with a check of the text in one thread.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckAnswered, CheckAsked } from '../../src/core/requestFiles/checkWorker';
import { messageRanges } from '../../src/core/conversation/fork';
import { checkRequest } from '../../src/core/requestFiles/diagnostics';
import { applyEdits, EditLog, type TextEdit } from '../../src/core/requestFiles/textEdits';
import { CheckThread } from '../../src/extension/requestFiles/checkThread';
import { between, type Rng, seededRng } from '../../src/standIn/random';

const WORKER = path.resolve(__dirname, '..', '..', '..', 'dist', 'checkWorker.js');
const CONTEXT = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };
const SEED = Number(process.env.CHECK_EDITS_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A document as the editor holds it: its text, its version, and the log of its change events. */
class Document {
  version = 1;
  log = new EditLog(1);
  constructor(public text: string) {}
  getText(): string {
    return this.text;
  }
  editsSince(version: number): TextEdit[] | undefined {
    return this.log.since(version, this.version);
  }
  /** One change event (its changes listed from the end of the text back, as VS Code lists them). */
  change(edits: TextEdit[]): void {
    this.text = applyEdits(this.text, edits);
    this.version++;
    this.log.record(this.version, edits);
  }
}

function request(rng: Rng): string {
  const messages = Array.from({ length: between(rng, 1, 6) }, (_, i) => {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const content = i === 1 && rng() < 0.3 ? '[{"type": "tool_use", "id": "t1", "name": "x", "input": {}}]' : JSON.stringify('lorem ipsum "quoted" é 😀 '.repeat(between(rng, 1, 200)));
    return `    {"role": "${role}", "content": ${content}}`;
  });
  return `{\n  // comment\n  "model": "claude-haiku-5-5",\n  "max_tokens": 64,\n  "messages": [\n${messages.join(',\n')}\n  ]\n}\n`;
}

const PIECES = ['"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', '\r\n', 'é', '😀', '"role"', '"robot"', '""', '1024'];

/** One event: one to three changes that do not overlap, listed from the end of the text back. */
function randomEvent(rng: Rng, text: string): TextEdit[] {
  const offsets = Array.from({ length: between(rng, 1, 3) }, () => between(rng, 0, text.length)).sort((a, b) => b - a);
  let ceiling = text.length;
  const edits: TextEdit[] = [];
  for (const offset of offsets) {
    if (offset > ceiling) {
      continue;
    }
    const longest = Math.min(ceiling - offset, rng() < 0.05 ? 2000 : 4);
    const insert = rng() < 0.3 ? '' : Array.from({ length: between(rng, 1, 3) }, () => PIECES[between(rng, 0, PIECES.length - 1)]).join('');
    edits.push({ offset, length: between(rng, 0, longest), text: insert });
    ceiling = offset;
  }
  return edits;
}

describe('request-file checks in a worker thread, sent as edits', function () {
  this.timeout(120_000);
  let thread: CheckThread;

  beforeEach(() => {
    thread = new CheckThread(WORKER);
  });
  afterEach(() => thread.dispose());

  it(`gives the diagnostics of the editor's text after any edits (seed ${SEED}; CHECK_EDITS_SEED=${SEED} replays it)`, async () => {
    const rng = seededRng(SEED);
    const documents = [new Document(request(rng)), new Document(request(rng))];
    let checks = 0;
    for (let step = 0; step < 300; step++) {
      const which = between(rng, 0, documents.length - 1);
      const document = documents[which];
      const roll = rng();
      if (roll < 0.03) {
        // An event the log missed (or an end-of-line change): the log starts again, the worker gets the whole text.
        document.version++;
        document.log.record(document.version, []);
        document.text = document.text.replace(/\n/g, '\r\n');
      } else if (roll < 0.05) {
        // Closed and opened again: versions start over.
        thread.forget(String(which));
        document.version = 1;
        document.log = new EditLog(1);
      } else {
        for (let events = between(rng, 1, 4); events > 0; events--) {
          document.change(randomEvent(rng, document.text));
        }
      }
      if (rng() < 0.5) {
        const version = document.version;
        const answer = await thread.checkAndOutline(String(which), document, CONTEXT);
        document.log.trim(version);
        assert.deepEqual(answer?.diagnostics, checkRequest(document.text, CONTEXT).diagnostics, `step ${step}: the worker's diagnostics differ from those of the text`);
        // Where the conversation's CodeLenses go: as the editor would find the messages in the text.
        assert.deepEqual(answer?.messages, messageRanges(document.text).map((m) => m.offset), `step ${step}: the messages' offsets`);
        checks++;
      }
    }
    assert.ok(checks > 100);
    // Each document went whole at first, and again only after a missed event or a reopening.
    assert.ok(thread.wholeTextsSent < checks / 3, `${thread.wholeTextsSent} whole texts for ${checks} checks`);
  });

  it('a keystroke goes as the keystroke; a worker started again gets the whole text and answers the same', async () => {
    const document = new Document(request(seededRng(SEED)));
    await thread.check('a', document, CONTEXT);
    assert.equal(thread.wholeTextsSent, 1);
    const at = document.text.indexOf('lorem') + 3;
    for (const edits of [[{ offset: at, length: 0, text: '"' }], [{ offset: at, length: 1, text: '' }]]) {
      document.change(edits);
      const answer = await thread.check('a', document, CONTEXT);
      document.log.trim(document.version);
      assert.deepEqual(answer, checkRequest(document.text, CONTEXT).diagnostics);
    }
    assert.equal(thread.wholeTextsSent, 1, 'the two keystrokes went as edits');

    // The thread ends (a stale check stopped, or a crash): the new one has no copy of "a", and gets it whole. Ended
    // here on purpose: a stale check's end depends on how fast this machine parses 20 MB (checkThread.ts's grace).
    const worker = (thread as unknown as { worker?: Worker }).worker;
    assert.ok(worker, 'the thread is running');
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await ended;
    document.change([{ offset: at, length: 0, text: '"' }]);
    const answer = await thread.check('a', document, CONTEXT);
    assert.equal(thread.wholeTextsSent, 2, 'the new thread got the whole text');
    assert.deepEqual(answer, checkRequest(document.text, CONTEXT).diagnostics);
  });
});

describe('the check worker, asked directly', function () {
  this.timeout(60_000);
  let worker: Worker;
  const answers: CheckAnswered[] = [];

  beforeEach(() => {
    answers.length = 0;
    worker = new Worker(WORKER);
    worker.on('message', (answer: CheckAnswered) => answers.push(answer));
  });
  afterEach(() => worker.terminate());

  async function answered(count: number): Promise<CheckAnswered[]> {
    const start = performance.now();
    while (answers.length < count) {
      assert.ok(performance.now() - start < 30_000, `${answers.length} of ${count} answers`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return [...answers];
  }

  it('asks for the whole text when it has not the version the edits start from', async () => {
    const post = (asked: CheckAsked) => worker.postMessage(asked);
    post({ id: 1, key: 'a', version: 1, text: '{"messages": []}', context: CONTEXT });
    post({ id: 2, key: 'a', version: 3, edits: { base: 2, edits: [] }, context: CONTEXT });
    post({ id: 3, key: 'b', version: 1, context: CONTEXT });
    post({ id: 4, key: 'c', version: 1, text: '{}', context: CONTEXT });
    post({ id: 5, key: 'c', version: 2, edits: { base: 1, edits: [{ offset: 9, length: 0, text: 'x' }] }, context: CONTEXT });
    const got = await answered(5);
    const byId = new Map(got.map((a) => [a.id, a]));
    assert.ok(byId.get(1) && 'diagnostics' in byId.get(1)!);
    assert.deepEqual(byId.get(2), { id: 2, resync: true, key: 'a' });
    assert.deepEqual(byId.get(3), { id: 3, resync: true, key: 'b' });
    assert.ok(byId.get(4) && 'diagnostics' in byId.get(4)!);
    // An edit outside the kept text: the copy here is not the editor's.
    assert.deepEqual(byId.get(5), { id: 5, resync: true, key: 'c' });
  });

  it('drops a waiting check of a document when a newer one comes: only the newest is made', async () => {
    const big = `{"messages": [{"role": "user", "content": "${'x'.repeat(5 * 1024 * 1024)}"}]}`;
    worker.postMessage({ id: 1, key: 'big', version: 1, text: big, context: CONTEXT } satisfies CheckAsked);
    const robot = '{"messages": [{"role": "robot", "content": "x"}]}';
    worker.postMessage({ id: 2, key: 'a', version: 1, text: robot, context: CONTEXT } satisfies CheckAsked);
    const edit = { offset: robot.indexOf('robot'), length: 5, text: 'user' };
    worker.postMessage({ id: 3, key: 'a', version: 2, edits: { base: 1, edits: [edit] }, context: CONTEXT } satisfies CheckAsked);
    const got = await answered(3);
    assert.deepEqual(got.find((a) => a.id === 2), { id: 2, superseded: true });
    const last = got.find((a) => a.id === 3);
    assert.ok(last && 'diagnostics' in last);
    assert.deepEqual(last.diagnostics, checkRequest(applyEdits(robot, [edit]), CONTEXT).diagnostics);
    assert.doesNotMatch(last.diagnostics.map((d) => d.message).join('\n'), /role must be/);
  });
});

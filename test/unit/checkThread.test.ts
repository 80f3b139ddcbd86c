// The editor's request-file check runs in a worker thread (dist/checkWorker.js): the extension host's thread stays
// free while a big file is checked, and a check made stale by the next edit is stopped, not waited for.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CheckThread } from '../../src/extension/requestFiles/checkThread';
import { watchStalls } from '../support/stallWatch';

const WORKER = path.resolve(__dirname, '..', '..', '..', 'dist', 'checkWorker.js');
const CONTEXT = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };

function bigFile(megabytes: number, strayQuote: boolean): string {
  const words = 'lorem ipsum dolor sit amet, {consectetur} [adipiscing] elit. '.repeat(Math.ceil((megabytes * 1024 * 1024) / 62));
  const content = strayQuote ? `${words.slice(0, words.length / 2)}"${words.slice(words.length / 2)}` : words;
  return `{\n  "model": "claude-haiku-5-5",\n  "max_tokens": 64,\n  "messages": [{"role": "user", "content": "${content}"}]\n}\n`;
}

/** The longest the thread went without running a timer while `work` was under way. */
async function longestStall<T>(work: Promise<T>): Promise<{ value: T; stallMs: number }> {
  const stalls = watchStalls(5);
  try {
    const value = await work;
    return { value, stallMs: stalls.stop() };
  } finally {
    stalls.stop();
  }
}

describe('request-file checks in a worker thread', function () {
  this.timeout(60_000);
  let thread: CheckThread;

  beforeEach(() => {
    thread = new CheckThread(WORKER);
  });
  afterEach(() => thread.dispose());

  it('checks a 20 MB file with a stray quote while this thread keeps running timers', async () => {
    const text = bigFile(20, true);
    const { value, stallMs } = await longestStall(thread.check('a', text, CONTEXT));
    assert.ok(value, 'the check answered');
    assert.match(value[0].message, /^invalid JSON/);
    assert.ok(value.length <= 11, `${value.length} diagnostics`);
    // Copying 20 MB to the worker is the one thing done here.
    assert.ok(stallMs < 150, `this thread stalled ${Math.round(stallMs)} ms`);
  });

  it('a newer check of the same file stops the running one; other files are still answered', async () => {
    const broken = bigFile(20, true);
    const first = thread.check('a', broken, CONTEXT);
    const other = thread.check('b', '{"messages": []}', CONTEXT);
    const start = performance.now();
    const second = thread.check('a', bigFile(1, false), CONTEXT);
    assert.equal(await first, undefined, 'the stale check answers nothing');
    const answered = await second;
    assert.ok(answered, 'the newer check answered');
    assert.deepEqual(answered.filter((d) => d.severity === 'error'), []);
    // Waiting for the 20 MB check to end would take longer than this.
    assert.ok(performance.now() - start < 2000, `${Math.round(performance.now() - start)} ms`);
    const otherAnswer = await other;
    assert.ok(otherAnswer);
    assert.match(otherAnswer.map((d) => d.message).join('\n'), /messages` is empty/);
  });

  it("a document's text goes to the thread once per version: the same version checked again is not read or copied again", async () => {
    let reads = 0;
    const document = {
      version: 1,
      text: bigFile(5, true),
      getText() {
        reads++;
        return this.text;
      },
    };
    const first = await thread.check('doc', document, CONTEXT);
    // A setting changed, not the text: the same version is checked again with another context.
    const again = await thread.check('doc', document, { ...CONTEXT, defaultModel: 'claude-haiku-5-5' });
    assert.equal(reads, 1, `the text was read ${reads} times for one version`);
    assert.ok(first && again);
    assert.deepEqual(again, first, 'the kept copy gives the same diagnostics');
    assert.match(again[0].message, /^invalid JSON/);
    // An edit: a new version, read and sent once more, and its own diagnostics.
    document.version = 2;
    document.text = bigFile(1, false);
    const edited = await thread.check('doc', document, CONTEXT);
    assert.equal(reads, 2);
    assert.deepEqual(edited?.filter((d) => d.severity === 'error'), []);
    // Closed and opened again (versions may start over): the thread's copy was dropped, the text goes again.
    thread.forget('doc');
    await thread.check('doc', document, CONTEXT);
    assert.equal(reads, 3);
  });

  it('checks in this thread when there is no worker script, with the same diagnostics', async () => {
    const here = new CheckThread(path.join(__dirname, 'no-such-worker.js'));
    try {
      const text = '{"messages": [{"role": "robot", "content": "x"}]}';
      const inWorker = await thread.check('x', text, CONTEXT);
      const inHere = await here.check('x', text, CONTEXT);
      assert.deepEqual(inHere, inWorker);
      assert.match(inHere?.map((d) => d.message).join('\n') ?? '', /role must be "user"/);
    } finally {
      here.dispose();
    }
  });
});

// The running call's events on their way to the panel (extension/panel/runningCall.ts): while the last batch's post
// has not settled (the workbench busy drawing the panel), the next batch waits and the events that keep coming join
// it, for at most MAX_HOLD_MS; flush() (before any other message, and at the end) posts at once; nothing is lost.
import * as assert from 'node:assert/strict';
import type { CallRecord, TimelineEntry, TimelineEvent } from '../../src/shared/callRecord';
import { MAX_HOLD_MS, RunningCall } from '../../src/extension/panel/runningCall';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function textDelta(ms: number, text: string): TimelineEvent {
  return { ms, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } } };
}

/** The text the posted batches carry, joined. */
function textOf(batches: TimelineEntry[][]): string {
  return batches.flat().map((entry) => ((entry.data as { delta: { text: string } }).delta.text)).join('');
}

describe('RunningCall: batches of stream events', () => {
  const record = { id: 'call-1' } as CallRecord;

  it('holds the next batch while the last post is unsettled, then posts what gathered as one', async () => {
    const batches: TimelineEntry[][] = [];
    let settle: (() => void) | undefined;
    const running = new RunningCall((_id, events) => {
      batches.push(events);
      return new Promise<void>((resolve) => (settle = resolve));
    });
    running.started(record);
    running.push(textDelta(1, 'a'));
    await delay(120);
    assert.equal(batches.length, 1, 'the first batch is posted on the timer');
    // The post has not settled: these wait, across several timer turns, and join.
    running.push(textDelta(2, 'b'));
    await delay(60);
    running.push(textDelta(3, 'c'));
    await delay(120);
    assert.equal(batches.length, 1, 'nothing more is posted while the first post is on its way');
    settle?.();
    await delay(120);
    assert.equal(batches.length, 2, 'once it settled, what gathered goes as one batch');
    assert.equal(batches[1].length, 1, 'the waiting deltas joined into one event');
    assert.equal(textOf(batches), 'abc');
    running.dispose();
  });

  it('posts anyway after MAX_HOLD_MS when a post never settles', async function () {
    this.timeout(MAX_HOLD_MS * 5);
    const batches: TimelineEntry[][] = [];
    const running = new RunningCall((_id, events) => {
      batches.push(events);
      return new Promise<void>(() => undefined);
    });
    running.started(record);
    running.push(textDelta(1, 'a'));
    await delay(120);
    running.push(textDelta(2, 'b'));
    await delay(MAX_HOLD_MS + 400);
    assert.equal(batches.length, 2, 'the held batch went after the bound');
    assert.equal(textOf(batches), 'ab');
    running.dispose();
  });

  it('flush() and finished() post at once, held or not, so that no later message overtakes the events', async () => {
    const batches: TimelineEntry[][] = [];
    const running = new RunningCall((_id, events) => {
      batches.push(events);
      return new Promise<void>(() => undefined);
    });
    running.started(record);
    running.push(textDelta(1, 'a'));
    running.flush();
    running.push(textDelta(2, 'b'));
    running.finished();
    assert.equal(batches.length, 2);
    assert.equal(textOf(batches), 'ab');
    running.dispose();
  });

  it('a webview that loads again mid-stream gets every event once: the replay, then only what came after it', async () => {
    for (const settles of [true, false]) {
      const posted: TimelineEntry[][] = [];
      const running = new RunningCall((_id, events) => {
        posted.push(events);
        return settles ? Promise.resolve() : new Promise<void>(() => undefined);
      });
      running.started(record);
      running.push(textDelta(1, 'a'));
      await delay(120);
      // 'b' and 'c' wait in the batch (on the timer, or held) when the page loads again and asks for the replay.
      running.push(textDelta(2, 'b'));
      running.push(textDelta(3, 'c'));
      const replay = running.replay();
      assert.equal(textOf([replay!.events]), 'abc');
      const afterReplay = posted.length;
      running.push(textDelta(4, 'd'));
      await delay(settles ? 120 : MAX_HOLD_MS + 400);
      running.finished();
      assert.equal(textOf([replay!.events, ...posted.slice(afterReplay)]), 'abcd', `each piece once (posts ${settles ? 'settling' : 'never settling'})`);
      running.dispose();
    }
  });
});

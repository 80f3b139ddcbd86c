// The host joins a block's consecutive deltas before posting them to the panel (extension/panel/coalescedEvents.ts).
// Whatever the stream (text, thinking, tool input, citations, signatures, several blocks, events in between, cut
// into batches anywhere), the panel must build the same answer and the same timeline from the joined events as
// from the events as they came, from few events per batch. A seeded fuzz: COALESCE_SEED=<seed> replays a run.
import * as assert from 'node:assert/strict';
import { CoalescedEvents } from '../../src/extension/panel/coalescedEvents';
import type { TimelineEntry, TimelineEvent } from '../../src/shared/callRecord';
import { eventsIn, foldEvent } from '../../src/shared/timeline';
// The stand-in's seeded generator (mulberry32): the same sequence for the same seed, so a printed seed replays.
import { seededRng } from '../../src/standIn/random';

const SEED = Number(process.env.COALESCE_SEED ?? Math.floor(Math.random() * 2 ** 31));

const PIECES = ['', 'a', 'Hello', ' wörld', '\n\n', '{"q":', '"x"}', '😀', '\\u0000', '`', 'sk-ant-'];

function delta(ms: number, index: number, d: Record<string, unknown>): TimelineEvent {
  return { ms, event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } };
}

/** A random stream: runs of deltas of a few blocks and kinds, with other events between them. */
function randomStream(random: () => number, length: number): TimelineEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const events: TimelineEvent[] = [];
  let ms = 0;
  while (events.length < length) {
    ms += Math.floor(random() * 3);
    const index = Math.floor(random() * 3);
    const piece = pick(PIECES);
    const kind = random();
    const run = 1 + Math.floor(random() * 40);
    for (let i = 0; i < run; i++, ms++) {
      if (kind < 0.4) {
        events.push(delta(ms, index, { type: 'text_delta', text: pick(PIECES) + piece }));
      } else if (kind < 0.55) {
        events.push(delta(ms, index, { type: 'thinking_delta', thinking: pick(PIECES) }));
      } else if (kind < 0.7) {
        events.push(delta(ms, index, { type: 'input_json_delta', partial_json: pick(PIECES) }));
      } else if (kind < 0.75) {
        events.push(delta(ms, index, { type: 'citations_delta', citation: { type: 'char_location', cited_text: piece } }));
      } else if (kind < 0.8) {
        events.push(delta(ms, index, { type: 'signature_delta', signature: piece }));
      } else if (kind < 0.85) {
        // An unnamed delta (no `event:` line): a line of its own in the timeline, never joined.
        events.push({ ms, event: 'message', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } });
      } else if (kind < 0.9) {
        events.push({ ms, event: 'content_block_delta', data: 'not json' });
      } else {
        events.push({ ms, event: pick(['ping', 'content_block_start', 'content_block_stop', 'message_delta']), data: { type: 'ping', index } });
      }
    }
  }
  return events;
}

/** What the panel builds from the deltas: per block, the text, thinking and tool input, and the other deltas in order. */
function answer(events: readonly TimelineEvent[]): Map<string, unknown[]> {
  const blocks = new Map<string, unknown[]>();
  for (const event of events) {
    const data = event.data as { index?: unknown; delta?: Record<string, unknown> } | string;
    const key = typeof data === 'object' ? String(data.index) : 'raw';
    const parts = blocks.get(key) ?? [];
    blocks.set(key, parts);
    const d = typeof data === 'object' ? data.delta : undefined;
    const piece = event.event === 'content_block_delta' ? (d?.text ?? d?.thinking ?? d?.partial_json) : undefined;
    const last = parts[parts.length - 1] as { kind: unknown; text: string } | undefined;
    if (typeof piece !== 'string') {
      // Anything else is kept whole, in its place.
      parts.push([event.event, data]);
    } else if (last !== undefined && last.kind === d?.type) {
      last.text += piece;
    } else {
      parts.push({ kind: d?.type, text: piece });
    }
  }
  return blocks;
}

function fold(events: readonly TimelineEntry[]): { entries: TimelineEntry[]; count: number } {
  const entries: TimelineEntry[] = [];
  let count = 0;
  for (const event of events) {
    foldEvent(entries, event);
    count += eventsIn(event);
  }
  return { entries, count };
}

/** How many events a perfect coalescer leaves: one per run of joinable deltas of one block and kind, plus the rest. */
function runsIn(events: readonly TimelineEvent[]): number {
  let runs = 0;
  let last = '';
  for (const event of events) {
    const data = event.data as { index?: unknown; delta?: Record<string, unknown> };
    const type = event.event === 'content_block_delta' && typeof data === 'object' ? data.delta?.type : undefined;
    const joinable = type === 'text_delta' || type === 'thinking_delta' || type === 'input_json_delta';
    const key = joinable ? `${String(data.index)}/${String(type)}` : '';
    if (!joinable || key !== last) {
      runs++;
    }
    last = key;
  }
  return runs;
}

describe('panel: stream deltas joined on their way to the webview', () => {
  it(`builds the same answer and timeline from joined events, cut into batches anywhere (seed ${SEED})`, () => {
    const random = seededRng(SEED);
    for (let round = 0; round < 60; round++) {
      const events = randomStream(random, 50 + Math.floor(random() * 2000));
      const originals = JSON.stringify(events);
      const batches: TimelineEntry[][] = [];
      const coalesced = new CoalescedEvents();
      for (const event of events) {
        coalesced.push(event);
        if (random() < 0.02) {
          batches.push(coalesced.take());
        }
      }
      batches.push(coalesced.take());
      const sent = batches.flat();
      const label = `seed ${SEED}, round ${round}`;
      assert.equal(JSON.stringify(events), originals, `${label}: the events as they came are left as they were`);
      assert.deepEqual(answer(sent), answer(events), `${label}: the same text, thinking, tool input and other deltas`);
      const expected = fold(events);
      const got = fold(sent);
      assert.equal(got.count, events.length, `${label}: every event counted`);
      assert.deepEqual(got.entries, expected.entries, `${label}: the same timeline lines (counts, times, characters)`);
      assert.ok(sent.length <= runsIn(events) + batches.length, `${label}: ${sent.length} events posted for ${runsIn(events)} runs in ${batches.length} batches`);
    }
  });

  it('posts one event for a long run of one block, however many deltas', () => {
    const coalesced = new CoalescedEvents();
    const words: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      words.push(`w${i} `);
      coalesced.push(delta(1000 + i, 0, { type: 'text_delta', text: `w${i} ` }));
    }
    assert.equal(coalesced.eventCount, 100_000);
    const [event, ...rest] = coalesced.take();
    assert.equal(rest.length, 0);
    assert.deepEqual(event, {
      ms: 1000,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: words.join('') } },
      count: 100_000,
      lastMs: 100_999,
    });
    assert.equal(coalesced.take().length, 0, 'nothing is posted twice');
  });

  it('replays the running call so far without changing what it handed out, and goes on joining after', () => {
    const coalesced = new CoalescedEvents();
    coalesced.push({ ms: 1, event: 'message_start', data: { type: 'message_start' } });
    coalesced.push(delta(2, 0, { type: 'text_delta', text: 'Hel' }));
    coalesced.push(delta(3, 0, { type: 'text_delta', text: 'lo' }));
    const replay = coalesced.peek();
    const replayed = JSON.stringify(replay);
    coalesced.push(delta(4, 0, { type: 'text_delta', text: ', world' }));
    assert.equal(JSON.stringify(replay), replayed, 'what was replayed does not change under the webview');
    assert.equal((replay[1].data as { delta: { text: string } }).delta.text, 'Hello');
    assert.equal(replay[1].count, 2);
    const all = coalesced.take();
    assert.equal(all.length, 2);
    assert.equal((all[1].data as { delta: { text: string } }).delta.text, 'Hello, world');
    assert.equal(all[1].count, 3);
    assert.equal(all[1].lastMs, 4);
  });
});

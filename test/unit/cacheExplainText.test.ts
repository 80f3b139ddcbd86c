// The cache note in words, for the classes of earlier call behind a miss the API does not explain: one that wrote
// the prefix, one that cached nothing either, one that only read, one with no usage. The earlier call is named by
// its local time, as the History view lists it, never by a raw UTC timestamp.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { explainCache } from '../../src/shared/cacheExplain';
import { cacheExplanationText } from '../../src/shared/cacheExplainText';
import { localTimeText } from '../../src/shared/format';
import { callRecordFor } from '../support/historyRecords';

const LONG = 'You are a careful assistant. '.repeat(400);
const request: JsonObject = { system: [{ type: 'text', text: LONG, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'hi' }] };

function call(startedAt: string, usage: { read: number; write: number } | null): CallRecord {
  const model = 'claude-sonnet-5-5';
  const record = callRecordFor({ model, startedAt });
  record.effectiveRequest = { model, max_tokens: 100, ...request };
  if (usage) {
    record.message!.usage = { input_tokens: 2172, cache_read_input_tokens: usage.read, cache_creation_input_tokens: usage.write, output_tokens: 5 };
  } else {
    delete record.message;
  }
  return record;
}

/** The note for a second call, 7 s after an earlier one that read and wrote `earlier`, itself reading and writing nothing. */
function noteAfter(earlier: { read: number; write: number } | null, at = new Date()): string[] {
  const first = call(new Date(at.getTime() - 7000).toISOString(), earlier);
  const second = call(at.toISOString(), { read: 0, write: 0 });
  const explanation = explainCache(second, [{ record: first }])!;
  assert.equal(explanation.missReason, 'unexplained');
  return cacheExplanationText(explanation).details;
}

describe('the cache note in words', () => {
  it('names the earlier call by its local time, as History does, not by an ISO timestamp', () => {
    const at = new Date();
    const [line] = noteAfter({ read: 0, write: 0 }, at);
    const earlier = new Date(at.getTime() - 7000);
    assert.ok(line.includes(`the earlier call of ${localTimeText(earlier.toISOString())} (7 s before)`), line);
    assert.doesNotMatch(line, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
    assert.doesNotMatch(line, /Z\b/);
  });

  it('an earlier call that wrote and read nothing: "cached nothing either", never "written"', () => {
    const [line] = noteAfter({ read: 0, write: 0 });
    assert.match(line, /cached nothing either/);
    assert.match(line, /wrote and read 0 tokens/);
    assert.doesNotMatch(line, /\bwritten\b/);
  });

  it('an earlier call that wrote: says how much it wrote, and that the API does not say why it was not read', () => {
    for (const write of [1, 3000, 1_234_567]) {
      const [line] = noteAfter({ read: 0, write });
      assert.ok(line.includes(`wrote ${write.toLocaleString('en-US')} tokens`), line);
      assert.match(line, /does not say why/);
      assert.doesNotMatch(line, /nothing either/);
    }
  });

  it('an earlier call that only read, or has no usage: no claim that it wrote', () => {
    const [read] = noteAfter({ read: 2048, write: 0 });
    assert.match(read, /wrote nothing but read 2,048 tokens/);
    const [failed] = noteAfter(null);
    assert.match(failed, /no usage/);
    for (const line of [read, failed]) {
      assert.doesNotMatch(line, /recent and written/);
    }
  });
});

describe('localTimeText', () => {
  it('is the local clock time the same day, with the day before it on another day, and text that is no time as it is', () => {
    const now = new Date(2026, 10, 30, 12, 0, 0);
    assert.equal(localTimeText(new Date(2026, 10, 30, 5, 4, 3).toISOString(), now), '05:04:03');
    assert.equal(localTimeText(new Date(2026, 10, 29, 23, 59, 59).toISOString(), now), '29 Nov 23:59:59');
    assert.equal(localTimeText('not a time', now), 'not a time');
  });
});

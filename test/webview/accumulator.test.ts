// The message built from stream events (pure, no browser), and the live timeline folding.
import * as assert from 'node:assert/strict';
import type { JsonObject, TimelineEvent } from '../../src/shared/callRecord';
import { MessageAccumulator } from '../../src/webview/live/messageAccumulator';
import { TimelineFold } from '../../src/webview/live/timelineFold';
import { everyBlock, message, streamEvents } from './fixtures/records';

describe('webview: message accumulator and timeline fold', () => {
  it('rebuilds the message from its events, every block type included', () => {
    const blocks = everyBlock().filter((block) => block.type !== 'text' || block.citations === null);
    const full = message(blocks, { stop_reason: 'tool_use' });
    const accumulator = new MessageAccumulator();
    for (const event of streamEvents(full, 5)) {
      accumulator.apply(event.event, event.data, event.ms);
    }
    const built = accumulator.message;
    assert.deepEqual(built.content, full.content);
    assert.equal(built.stop_reason, 'tool_use');
    assert.deepEqual(built.usage, full.usage);
    assert.equal(accumulator.firstDeltaMs !== undefined, true);
  });

  it('collects citations from citations_delta', () => {
    const citation = { type: 'char_location', cited_text: 'x', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1, file_id: null };
    const full = message([{ type: 'text', text: 'cited', citations: [citation, { ...citation, cited_text: 'y' }] }]);
    const accumulator = new MessageAccumulator();
    for (const event of streamEvents(full)) {
      accumulator.apply(event.event, event.data);
    }
    assert.deepEqual((accumulator.message.content as JsonObject[])[0].citations, [citation, { ...citation, cited_text: 'y' }]);
  });

  it('keeps partial tool JSON that never completed as text, without throwing', () => {
    const accumulator = new MessageAccumulator();
    accumulator.apply('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'n', input: {} } });
    accumulator.apply('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a": [1, 2' } });
    assert.equal(accumulator.partialInput(0), '{"a": [1, 2');
    const change = accumulator.apply('content_block_stop', { type: 'content_block_stop', index: 0 });
    assert.equal(change.kind, 'blockStop');
    assert.deepEqual(accumulator.block(0)?.input, {});
  });

  it('ignores events it cannot read', () => {
    const accumulator = new MessageAccumulator();
    assert.equal(accumulator.apply('ping', { type: 'ping' }).kind, 'none');
    assert.equal(accumulator.apply('weird', 'not json').kind, 'none');
    assert.equal(accumulator.apply('content_block_delta', { type: 'content_block_delta', delta: {} }).kind, 'none');
  });

  it('folds consecutive deltas of a block into one entry, like the host', () => {
    const d = (ms: number, index: number, type: string, text: string): TimelineEvent => ({
      ms,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type, text } },
    });
    const fold = new TimelineFold();
    fold.add([{ ms: 1, event: 'message_start', data: {} }, d(2, 0, 'text_delta', 'ab'), d(3, 0, 'text_delta', 'cde')]);
    const result = fold.add([d(4, 0, 'text_delta', 'f'), { ms: 5, event: 'ping', data: { type: 'ping' } }, d(6, 0, 'text_delta', 'g')]);
    assert.equal(result.firstChanged, 1, 'the delta entry was updated');
    assert.equal(fold.entries.length, 4);
    assert.deepEqual(fold.entries[1], {
      ms: 2,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta' } },
      count: 3,
      lastMs: 4,
      chars: 6,
    });
    assert.equal(fold.entries[3].count, 1);
  });
});

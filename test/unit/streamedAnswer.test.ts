// A streamed answer travels to the panel once (shared/streamedAnswer.ts): the host leaves the long text and thinking
// out of the final record for a panel that followed the stream, and the panel puts back what it built from the
// events, or finds that it cannot. Built here from real event streams, folded by the panel's own accumulator, and
// crossed as JSON (the webview channel clones, it does not share).
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { fillFromStream, normalizeFromStream, STREAMED_FIELD_MIN_CHARS, withoutStreamedText } from '../../src/shared/streamedAnswer';
import { MessageAccumulator } from '../../src/webview/live/messageAccumulator';
import { message, record, streamEvents } from '../webview/fixtures/records';

const LONG = STREAMED_FIELD_MIN_CHARS * 3;

/** Text of `chars` characters with lines, markdown and characters beyond the BMP, ending in its own marker. */
function text(chars: number, marker: string): string {
  const line = 'A line of *markdown* with é, 中文 and 🙂 in it.\n';
  return `${line.repeat(Math.ceil(chars / line.length)).slice(0, chars - marker.length)}${marker}`;
}

function streamedRecord(content: JsonObject[]): CallRecord {
  return record({ streamed: true, message: message(content) });
}

/**
 * What the panel built from the record's events (every one, or without those `drop` says, or with `alter` applied
 * to each event's data).
 */
function panelCopy(full: CallRecord, drop: (index: number) => boolean = () => false, alter: (data: JsonObject) => JsonObject = (data) => data): MessageAccumulator {
  const accumulator = new MessageAccumulator();
  streamEvents(full.message as JsonObject, 997).forEach((event, i) => {
    if (!drop(i)) {
      accumulator.apply(event.event, alter(JSON.parse(JSON.stringify(event.data)) as JsonObject), event.ms);
    }
  });
  return accumulator;
}

/**
 * The host's side, then the channel (a JSON round trip), then the panel's side: with the endings the panel noted
 * as it streamed (as the panel does), or read from its text (`noted` false).
 */
function cross(full: CallRecord, own: MessageAccumulator | undefined, noted = true): { ok: boolean; received: CallRecord; sentChars: number } {
  const slim = withoutStreamedText(full);
  const sent = JSON.stringify({ record: slim.record, fromStream: slim.fromStream });
  const { record: received, fromStream } = JSON.parse(sent) as { record: CallRecord; fromStream?: unknown };
  const fields = normalizeFromStream(fromStream);
  const endingOf = noted ? (index: number, field: 'text' | 'thinking') => own?.ending(index, field) : undefined;
  return { ok: fields !== undefined && fillFromStream(received, fields, own?.message, endingOf), received, sentChars: sent.length };
}

describe('a streamed answer travels once', () => {
  const mixes: Record<string, JsonObject[]> = {
    'one long text': [{ type: 'text', text: text(LONG, 'END-A'), citations: null }],
    'long thinking, a tool call, long text': [
      { type: 'thinking', thinking: text(LONG, 'END-T'), signature: 'EqQBCgIYAhIM' },
      { type: 'tool_use', id: 'toolu_01', name: 'search', input: { query: 'q'.repeat(LONG) } },
      { type: 'text', text: text(LONG + 1, 'END-B'), citations: null },
    ],
    'short text between long ones': [
      { type: 'text', text: text(LONG, 'END-1'), citations: null },
      { type: 'text', text: 'short', citations: null },
      { type: 'text', text: text(STREAMED_FIELD_MIN_CHARS, 'END-2'), citations: null },
    ],
  };

  for (const [name, content] of Object.entries(mixes)) {
    it(`${name}: the long fields are left out, and put back exactly from the panel's own copy`, () => {
      const full = streamedRecord(content);
      const before = JSON.stringify(full);
      const longChars = content.reduce((sum, b) => sum + (typeof b.text === 'string' && b.text.length >= STREAMED_FIELD_MIN_CHARS ? b.text.length : 0) + (typeof b.thinking === 'string' ? b.thinking.length : 0), 0);
      for (const noted of [true, false]) {
        const { ok, received } = cross(full, panelCopy(full), noted);
        assert.equal(ok, true, noted ? 'with the endings noted while streaming' : 'with the endings read from the text');
        assert.deepEqual(received.message, full.message, 'the panel has the final message exactly');
      }
      const { sentChars } = cross(full, panelCopy(full));
      assert.ok(sentChars < before.length - longChars + 4096, `sent ${sentChars} characters of ${before.length}`);
      assert.equal(JSON.stringify(full), before, 'the host keeps its record whole');
    });
  }

  it('a record with nothing long, or not streamed, goes as it is', () => {
    const small = streamedRecord([{ type: 'text', text: 'Hello', citations: null }]);
    assert.equal(withoutStreamedText(small).record, small);
    assert.equal(withoutStreamedText(small).fromStream, undefined);
    const whole = record({ streamed: false, message: message([{ type: 'text', text: text(LONG, 'END'), citations: null }]) });
    assert.equal(withoutStreamedText(whole).record, whole);
    const failed = record({ streamed: true, message: undefined });
    assert.equal(withoutStreamedText(failed).record, failed);
  });

  it('a panel that missed any delta of a long field, or has none, fills nothing and says so', () => {
    const full = streamedRecord(mixes['long thinking, a tool call, long text']);
    const events = streamEvents(full.message as JsonObject, 997);
    const deltas = events.map((e, i) => ({ e, i })).filter(({ e }) => e.event === 'content_block_delta' && typeof (e.data as JsonObject).delta === 'object' && ['text_delta', 'thinking_delta'].includes(String(((e.data as JsonObject).delta as JsonObject).type)));
    for (const missing of [deltas[0].i, deltas[Math.floor(deltas.length / 2)].i, deltas[deltas.length - 1].i]) {
      const { ok, received } = cross(full, panelCopy(full, (i) => i === missing));
      assert.equal(ok, false, `event ${missing} missing`);
      assert.equal((received.message!.content as JsonObject[]).filter((b) => b.text === '' || b.thinking === '').length, 2, 'nothing half-filled');
    }
    assert.equal(cross(full, new MessageAccumulator()).ok, false);
    assert.equal(cross(full, undefined).ok, false);
  });

  it('the same length with a different ending is not taken for the same text', () => {
    const full = streamedRecord([{ type: 'text', text: text(LONG, 'END-X'), citations: null }]);
    // The panel's stream said END-Y where the record says END-X (the last delta holds it, 997 characters each).
    const own = panelCopy(full, undefined, (data) => {
      const delta = data.delta as JsonObject | undefined;
      return typeof delta?.text === 'string' && delta.text.endsWith('END-X') ? { ...data, delta: { ...delta, text: `${delta.text.slice(0, -5)}END-Y` } } : data;
    });
    assert.equal(((own.message.content as JsonObject[])[0].text as string).length, LONG, 'the same length');
    assert.equal(cross(full, own).ok, false, 'with the endings noted while streaming');
    assert.equal(cross(full, own, false).ok, false, 'with the endings read from the text');
  });

  it('the endings noted while streaming are the text\'s last characters, whatever size the deltas', () => {
    for (const size of [1, 3, 63, 64, 65, 997, 20_000]) {
      const full = streamedRecord([
        { type: 'thinking', thinking: text(LONG + size, 'END-T'), signature: 'EqQBCgIYAhIM' },
        { type: 'text', text: text(LONG - size, 'END-S'), citations: null },
      ]);
      const accumulator = new MessageAccumulator();
      for (const event of streamEvents(full.message as JsonObject, size)) {
        accumulator.apply(event.event, event.data, event.ms);
      }
      const content = accumulator.message.content as JsonObject[];
      assert.equal(accumulator.ending(0, 'thinking'), (content[0].thinking as string).slice(-64), `thinking in deltas of ${size}`);
      assert.equal(accumulator.ending(1, 'text'), (content[1].text as string).slice(-64), `text in deltas of ${size}`);
    }
  });

  it('the ending noted while streaming is the one checked, when there is one', () => {
    const full = streamedRecord([{ type: 'text', text: text(LONG, 'END-N'), citations: null }]);
    const slim = withoutStreamedText(full);
    const fields = normalizeFromStream(JSON.parse(JSON.stringify(slim.fromStream)))!;
    const own = panelCopy(full);
    const fill = (endingOf?: (index: number, field: 'text' | 'thinking') => string | undefined) =>
      fillFromStream(JSON.parse(JSON.stringify(slim.record)) as CallRecord, fields, own.message, endingOf);
    assert.equal(fill(() => 'another ending'), false, 'a noted ending that differs is refused, though the text ends right');
    assert.equal(fill(() => undefined), true, 'nothing noted: the text\'s own ending');
    assert.equal(fill((index, field) => own.ending(index, field)), true);
  });

  it('endings follow empty deltas, a restarted block or message, and ignore signatures and citations', () => {
    const accumulator = new MessageAccumulator();
    const apply = (data: JsonObject) => accumulator.apply(String(data.type), data);
    apply({ type: 'message_start', message: { content: [] } });
    apply({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    apply({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } });
    apply({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '' } });
    apply({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } });
    assert.equal(accumulator.ending(0, 'thinking'), 'Let me think');
    apply({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } });
    apply({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'x'.repeat(70) } });
    apply({ type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'c' } } });
    apply({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'END' } });
    assert.equal(accumulator.ending(1, 'text'), `${'x'.repeat(61)}END`);
    // The same index started again: its ending starts again with it.
    apply({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } });
    apply({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'fresh' } });
    assert.equal(accumulator.ending(1, 'text'), 'fresh');
    // A new message (a retry's attempt): no ending of the last one is left.
    apply({ type: 'message_start', message: { content: [] } });
    assert.equal(accumulator.ending(0, 'thinking'), undefined);
    assert.equal(accumulator.ending(1, 'text'), undefined);
  });

  it('a malformed list of fields is refused as a whole', () => {
    assert.equal(normalizeFromStream(undefined), undefined);
    assert.equal(normalizeFromStream({}), undefined);
    assert.equal(normalizeFromStream([{ index: 0, field: 'text', length: 3, ending: 'abc' }, { index: -1, field: 'text', length: 3, ending: '' }]), undefined);
    assert.equal(normalizeFromStream([{ index: 0, field: 'input', length: 3, ending: '' }]), undefined);
    assert.deepEqual(normalizeFromStream([{ index: 2, field: 'thinking', length: 3, ending: 'abc' }]), [{ index: 2, field: 'thinking', length: 3, ending: 'abc' }]);
  });
});

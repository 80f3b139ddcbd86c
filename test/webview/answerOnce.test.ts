// A streamed answer's text crosses to the panel once (shared/streamedAnswer.ts): the final record comes without the
// long text and thinking the panel built from the events, and the panel shows the final answer exactly, stops
// saying "streaming", and keeps it for Copy and the Raw view. A panel whose copy differs (an event it never got)
// does not show a record with holes: it asks the host for the whole record, and shows it when it comes.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject, TimelineEntry } from '../../src/shared/callRecord';
import type { HostMessage } from '../../src/shared/protocol';
import { withoutStreamedText } from '../../src/shared/streamedAnswer';
import { firstScreenOf, needsFirstScreen } from '../../src/shared/firstScreen';
import { foldEvent } from '../../src/shared/timeline';
import { type PanelPage, usePanel } from './harness';
import { message, record, startedRecord, streamEvents } from './fixtures/records';

function paragraphs(count: number, marker: string): string {
  return `${Array.from({ length: count }, (_, i) => `Paragraph ${i} of the answer, with *emphasis* and é.`).join('\n\n')}\n\n${marker}`;
}

function streamed(id: string): { full: CallRecord; events: TimelineEntry[] } {
  const thinking = `${'Step by step, slowly.\n'.repeat(2000)}THINKING-END`;
  const text = paragraphs(3000, 'THE LAST WORDS');
  const base = record({
    id,
    streamed: true,
    message: message([
      { type: 'thinking', thinking, signature: 'EqQBCgIYAhIM' },
      { type: 'text', text, citations: null },
    ]),
  });
  const events = streamEvents(base.message as JsonObject, 4096);
  const timeline: TimelineEntry[] = [];
  events.forEach((event) => foldEvent(timeline, { ...event }));
  return { full: { ...base, timeline }, events };
}

/** The final message as the host posts it to a panel that followed the stream. */
function finishedOnce(full: CallRecord): HostMessage {
  const { record: slim, fromStream } = withoutStreamedText(full);
  assert.ok(fromStream && fromStream.length === 2, 'both long fields are left out');
  return { type: 'callFinished', record: slim, fromStream };
}

describe('webview: a streamed answer crosses once', function () {
  this.timeout(90_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  async function lastParagraph(): Promise<string> {
    for (let frame = 0; frame < 600; frame += 10) {
      const last = await panel.page.locator('.block-text .md p').last().textContent().catch(() => null);
      if (last === 'THE LAST WORDS') {
        return last;
      }
      await panel.frames(10);
    }
    return String(await panel.page.locator('.block-text .md p').last().textContent());
  }

  it('the final record without the text: the answer shown and copied exactly, the call over', async () => {
    const { full, events } = streamed('once-1');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: full.id, streamed: true }) });
    for (let i = 0; i < events.length; i += 40) {
      await panel.post({ type: 'events', callId: full.id, events: events.slice(i, i + 40) });
    }
    await panel.clearPosted();
    await panel.post(finishedOnce(full));
    await panel.frames();
    assert.equal(await panel.page.locator('.running').count(), 0, 'the panel no longer says the call runs');
    assert.equal(await lastParagraph(), 'THE LAST WORDS');
    assert.equal((await panel.posted()).filter((m) => m.type === 'needCall').length, 0, 'nothing asked again');
    // The Raw view's Copy gives the final message: the text there whole, not the "" it came with.
    await panel.page.locator('#tab-raw').click();
    await panel.clearPosted();
    await panel.page.locator('#panel-raw button', { hasText: 'Copy' }).first().click();
    const copied = (await panel.posted()).find((m) => m.type === 'copy');
    const json = JSON.parse(copied?.type === 'copy' ? copied.text : '{}') as JsonObject;
    assert.deepEqual(json.content, full.message!.content, 'the copied message holds the whole thinking and text');
  });

  it('a panel that missed an event asks for the whole record, goes on showing the stream, then shows the whole', async () => {
    const { full, events } = streamed('once-2');
    const missing = events.findIndex((e, i) => i > 20 && e.event === 'content_block_delta' && ((e.data as JsonObject).delta as JsonObject).type === 'text_delta');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: full.id, streamed: true }) });
    await panel.post({ type: 'events', callId: full.id, events: events.filter((_, i) => i !== missing) });
    await panel.clearPosted();
    await panel.post(finishedOnce(full));
    await panel.frames();
    assert.deepEqual((await panel.posted()).filter((m) => m.type === 'needCall'), [{ type: 'needCall', callId: full.id, whole: true }]);
    assert.ok((await panel.page.locator('.running').count()) > 0, 'still shown as the stream it saw, not as a record with holes');
    await panel.post({ type: 'callFinished', record: full });
    await panel.frames();
    assert.equal(await panel.page.locator('.running').count(), 0);
    assert.equal(await lastParagraph(), 'THE LAST WORDS');
    const shown = await panel.page.locator('.block-text .md p').allTextContents();
    assert.equal(shown.length, 3001, 'every paragraph once, the missed one too');
  });

  it('a final record that names fields the panel never streamed (it opened another call meanwhile) is asked for whole', async () => {
    const { full } = streamed('once-3');
    await panel.post({ type: 'showRecord', record: record({ id: 'other' }) });
    await panel.clearPosted();
    await panel.post(finishedOnce(full));
    await panel.frames();
    const asked = (await panel.posted()).filter((m) => m.type === 'needCall');
    assert.deepEqual(asked, [{ type: 'needCall', callId: full.id, whole: true }]);
    // The record opened meanwhile stays shown: not replaced by the finished call's record with its text left out.
    assert.match(await panel.page.locator('#panel-response').innerText(), /Hello world\./);
  });

  it('a big answer not streamed: its first screen shows ahead of the whole record, which replaces it as the call\'s end', async () => {
    const text = `# The first heading\n\n${paragraphs(12000, 'THE LAST WORDS')}`;
    const full = record({ id: 'ahead-1', streamed: false, message: message([{ type: 'text', text, citations: null }]) });
    assert.ok(needsFirstScreen(full));
    await panel.post({ type: 'callStarted', record: startedRecord({ id: full.id, streamed: false }) });
    await panel.post({ type: 'callFinished', record: firstScreenOf(full), firstScreen: true, ahead: true });
    await panel.frames();
    assert.match(await panel.page.locator('#panel-response').innerText(), /The first heading/);
    assert.equal(await panel.page.locator('.running').count(), 0, 'no longer waiting for the answer');
    assert.deepEqual((await panel.posted()).filter((m) => m.type === 'needCall'), [], 'the whole is not asked for: it follows');
    assert.doesNotMatch(String(await panel.page.locator('.announcer').textContent()), /Call finished/, 'the first screen is not the call\'s end');
    // A reload now (the whole not come yet) would ask for the call: the state names it, with the first screen.
    await panel.frames(2);
    const state = await panel.state();
    assert.equal(state?.callId, full.id, 'the saved state names the call while its first screen stands in');
    await panel.post({ type: 'callFinished', record: full });
    // The whole is the call's end: announced as such (the announcer clears itself after 2 s: read at once).
    assert.match(String(await panel.page.locator('.announcer').textContent()), /Call finished/);
    assert.equal(await lastParagraph(), 'THE LAST WORDS');
    assert.doesNotMatch(await panel.page.locator('#panel-response').innerText(), /rest of the answer is loading/i);
  });

  it('a first screen ahead of another call than the one shown is dropped', async () => {
    const full = record({ id: 'ahead-2', streamed: false, message: message([{ type: 'text', text: paragraphs(12000, 'END'), citations: null }]) });
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'someone-else', streamed: false }) });
    await panel.post({ type: 'callFinished', record: firstScreenOf(full), firstScreen: true, ahead: true });
    await panel.frames();
    assert.doesNotMatch(await panel.page.locator('#panel-response').innerText(), /Paragraph 0/);
    assert.ok((await panel.page.locator('.running').count()) > 0, 'the call shown still runs');
  });
});

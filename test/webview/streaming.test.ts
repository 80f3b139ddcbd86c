// A streamed call as it happens: content appears delta by delta, finished parts are never rendered again, and
// the final record is reconciled with what streamed.
import * as assert from 'node:assert/strict';
import type { JsonObject, TimelineEvent } from '../../src/shared/callRecord';
import type { HostMessage } from '../../src/shared/protocol';
import { type PanelPage, usePanel } from './harness';
import { message, pieces, record, startedRecord, streamedCall, streamEvents } from './fixtures/records';

type Probe = { __probe?: number };

function delta(ms: number, index: number, d: JsonObject): TimelineEvent {
  return { ms, event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } };
}

describe('webview: streaming', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  /** Starts a streamed call with one empty text block at index 0. */
  async function startText(id: string): Promise<void> {
    await panel.postAll([
      { type: 'callStarted', record: startedRecord({ id }) },
      {
        type: 'events',
        callId: id,
        events: [
          { ms: 10, event: 'message_start', data: { type: 'message_start', message: message([], { id: 'msg_live', stop_reason: null }) } },
          { ms: 11, event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        ],
      },
    ]);
  }

  async function text(id: string, ms: number, piece: string): Promise<void> {
    await panel.post({ type: 'events', callId: id, events: [delta(ms, 0, { type: 'text_delta', text: piece })] });
  }

  it('renders text as deltas arrive, and never renders a finished paragraph again', async () => {
    await startText('s1');
    const md = panel.page.locator('.block-text .md');
    await text('s1', 20, 'The first paragraph is **finished** here.\n\nThe second');
    await panel.frames();
    assert.match(await md.innerText(), /The first paragraph is finished here\.\s+The second/);
    const first = await panel.page.$('.block-text .md .md-seg:not(.md-tail)');
    assert.ok(first, 'the first paragraph is a finished segment');
    await first.evaluate((node: unknown) => {
      (node as Probe).__probe = 42;
    });
    let previous = (await md.innerText()).length;
    for (let i = 0; i < 30; i++) {
      await text('s1', 21 + i, i % 10 === 9 ? ' end.\n\nNext paragraph' : ` word${i}`);
      await panel.frames(1);
      const now = (await md.innerText()).length;
      assert.ok(now >= previous, 'the text only grows');
      previous = now;
    }
    await panel.frames();
    const firstAgain = await panel.page.$('.block-text .md .md-seg:not(.md-tail)');
    assert.equal(await firstAgain?.evaluate((node: unknown) => (node as Probe).__probe), 42, 'the first segment is the same DOM node');
    assert.ok((await panel.page.locator('.block-text .md .md-seg:not(.md-tail)').count()) >= 4);
    assert.match(await md.innerText(), /word28/);
    assert.ok((await panel.page.locator('.block-text.live').count()) === 1, 'the block says it is streaming');
  });

  it('keeps the re-rendered tail small however long the answer grows', async () => {
    await startText('s2');
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8) + '\n\n';
    const all = paragraph.repeat(400); // ~180 KB
    const chunks = pieces(all, 997);
    let maxTail = 0;
    for (let i = 0; i < chunks.length; i += 10) {
      await panel.post({ type: 'events', callId: 's2', events: chunks.slice(i, i + 10).map((c, j) => delta(100 + i + j, 0, { type: 'text_delta', text: c })) });
      // The reader follows the answer's end (what comes while it is far below the screen waits: deferredGroups.ts).
      await panel.page.evaluate(() => {
        const page = globalThis as unknown as { scrollTo(x: number, y: number): void; document: { documentElement: { scrollHeight: number } } };
        page.scrollTo(0, page.document.documentElement.scrollHeight);
      });
      await panel.frames(1);
      const tail = await panel.page.locator('.md-tail').evaluate((node: unknown) => (node as { textContent: string }).textContent.length);
      maxTail = Math.max(maxTail, tail);
    }
    assert.ok(maxTail < 12_000, `the live tail stayed small (${maxTail} chars)`);
    const segments = await panel.page.locator('.block-text .md .md-seg').count();
    assert.ok(segments > 300, `finished paragraphs were appended one by one as the reader watched (${segments})`);
  });

  it('appends an open code fence as text, without rendering it again', async () => {
    await startText('s3');
    await text('s3', 20, 'Code:\n\n```js\nconst a = 1;\n');
    await panel.frames();
    const pre = await panel.page.$('.md-tail pre');
    assert.ok(pre);
    await pre.evaluate((node: unknown) => {
      (node as Probe).__probe = 7;
    });
    for (let i = 0; i < 20; i++) {
      await text('s3', 30 + i, `const v${i} = ${i};\n`);
    }
    await panel.frames();
    const preAgain = await panel.page.$('.md-tail pre');
    assert.equal(await preAgain?.evaluate((node: unknown) => (node as Probe).__probe), 7, 'the open fence is the same node');
    assert.match(await panel.page.locator('.md-tail code').innerText(), /const v19 = 19;/);
    await text('s3', 60, '```\n\nAfter the code.');
    await panel.frames();
    assert.equal(await panel.page.locator('.block-text .md-code').count(), 1);
    assert.match(await panel.page.locator('.block-text .md').innerText(), /After the code\./);
  });

  it('shows thinking open while it streams and collapses it when complete, noting the signature', async () => {
    const full = record({ id: 's4', message: message([{ type: 'thinking', thinking: 'Step one. Step two. Step three.', signature: 'sig'.repeat(10) }, { type: 'text', text: 'Done.' }]) });
    const messages = streamedCall(full, 3);
    // Everything up to the first thinking deltas.
    await panel.postAll(messages.slice(0, 5));
    await panel.frames();
    const thinking = panel.page.locator('.block-thinking');
    assert.equal(await thinking.locator('.block-disclosure').getAttribute('aria-expanded'), 'true');
    assert.ok((await thinking.locator('.thinking-text').innerText()).length > 0);
    await panel.postAll(messages.slice(5));
    await panel.frames();
    assert.equal(await thinking.locator('.block-disclosure').getAttribute('aria-expanded'), 'false');
    assert.match(await thinking.locator('.block-meta').innerText(), /signature present \(30 chars\)/);
    await thinking.locator('.block-disclosure').click();
    assert.equal(await thinking.locator('.thinking-text').innerText(), 'Step one. Step two. Step three.');
  });

  it('shows tool input JSON as it arrives, then pretty-printed', async () => {
    const input = { city: 'Paris', days: [1, 2, 3], nested: { deep: true } };
    const full = record({ id: 's5', message: message([{ type: 'tool_use', id: 'toolu_1', name: 'forecast', input }], { stop_reason: 'tool_use' }) });
    const events = streamEvents(full.message as JsonObject, 6);
    const stopAt = events.findIndex((e) => e.event === 'content_block_stop');
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 's5' }) });
    await panel.post({ type: 'events', callId: 's5', events: events.slice(0, 4) });
    await panel.frames();
    const partial = await panel.page.locator('.tool-input').innerText();
    assert.ok(partial.length > 0 && partial.length < JSON.stringify(input).length, `partial JSON shown: ${partial}`);
    assert.ok(JSON.stringify(input).startsWith(partial));
    assert.match(await panel.page.locator('.block-tool-use .block-meta').innerText(), /streaming/);
    await panel.post({ type: 'events', callId: 's5', events: events.slice(4, stopAt + 1) });
    await panel.frames();
    assert.equal(await panel.page.locator('.tool-input').innerText(), JSON.stringify(input, null, 2));
  });

  it('collapses consecutive deltas in the live timeline, like the recorded one', async () => {
    const full = record({ id: 's6', message: message([{ type: 'text', text: 'x'.repeat(200) }, { type: 'text', text: 'y'.repeat(70) }]) });
    const messages = streamedCall(full, 4);
    await panel.post(messages[0]);
    await panel.page.locator('#tab-timeline').click();
    await panel.postAll(messages.slice(1, -1));
    await panel.frames();
    const rows = panel.page.locator('.timeline tbody tr');
    const names = await panel.page.locator('.timeline .event-name').allInnerTexts();
    assert.deepEqual(names, [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.match(await rows.nth(2).innerText(), /#0 text_delta × 29 · 200 chars/);
    assert.match(await rows.nth(2).locator('.event-time').innerText(), /→/);
    // The recorded timeline of the final record shows the same rows.
    await panel.post(messages[messages.length - 1]);
    assert.equal(await rows.count(), 9);
  });

  it('drops messages of calls it is not showing', async () => {
    await startText('current');
    await text('current', 20, 'mine');
    await panel.post({ type: 'events', callId: 'other', events: [delta(21, 0, { type: 'text_delta', text: ' NOT MINE' })] });
    await panel.post({ type: 'response', callId: 'other', attempt: { number: 1, startedMs: 0, status: 500 }, response: { status: 500, statusText: 'X', headers: {} } });
    await panel.post({ type: 'callFinished', record: record({ id: 'other', message: message([{ type: 'text', text: 'OTHER' }]) }) });
    await panel.frames();
    assert.equal((await panel.page.locator('.block-text .md').innerText()).trim(), 'mine');
    assert.doesNotMatch(await panel.page.locator('.call-header').innerText(), /500/);
    // A newer call replaces it; late messages of the old one are dropped.
    await startText('newer');
    await panel.post({ type: 'callFinished', record: record({ id: 'current', message: message([{ type: 'text', text: 'LATE' }]) }) });
    assert.doesNotMatch(await panel.page.locator('#panel-response').innerText(), /LATE/);
  });

  it('offers Cancel while the call runs, and not after', async () => {
    await startText('s7');
    await panel.clearPosted();
    await panel.page.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await panel.posted(), [{ type: 'cancel', callId: 's7' }]);
    await panel.post({ type: 'callFinished', record: record({ id: 's7', streamed: true, error: { kind: 'cancelled', message: 'Cancelled: the request was aborted.' }, incomplete: true, message: message([{ type: 'text', text: '' }]) }) });
    assert.equal(await panel.page.getByRole('button', { name: 'Cancel' }).count(), 0);
    assert.match(await panel.page.locator('.status-chip').innerText(), /Cancelled/);
  });

  it('keeps the partial answer of a stream broken by an error, marked incomplete', async () => {
    await startText('s8');
    await text('s8', 20, 'Half of the answer is here');
    await panel.post({
      type: 'events',
      callId: 's8',
      events: [{ ms: 30, event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }],
    });
    await panel.frames();
    const partial = message([{ type: 'text', text: 'Half of the answer is here' }], { stop_reason: null });
    await panel.post({
      type: 'callFinished',
      record: record({
        id: 's8',
        streamed: true,
        message: partial,
        incomplete: true,
        error: { kind: 'api', status: 200, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_011CMid', midStream: true, hint: 'The API is overloaded right now; try again in a moment.' },
      }),
    });
    const view = await panel.page.locator('#panel-response').innerText();
    assert.match(view, /Half of the answer is here/);
    assert.match(view, /Incomplete answer\./);
    assert.match(view, /overloaded_error/);
    assert.match(view, /req_011CMid/);
    assert.match(view, /inside the stream after the answer had started/);
    assert.match(await panel.page.locator('.status-chip').innerText(), /incomplete/);
  });

  it('reconciles with the final record: text, citations, stop reason and usage', async () => {
    const citation = { type: 'char_location', cited_text: 'Cited.', document_index: 0, document_title: 'Doc', start_char_index: 0, end_char_index: 6, file_id: null };
    const full = record({
      id: 's9',
      message: message([
        { type: 'text', text: 'Intro paragraph.\n\n- a loose\n\n- list\n', citations: null },
        { type: 'text', text: 'cited part', citations: [citation] },
      ], { stop_reason: 'end_turn' }),
    });
    const messages: HostMessage[] = streamedCall(full, 2);
    await panel.postAll(messages);
    await panel.frames();
    const blocks = panel.page.locator('.block-text');
    assert.equal(await blocks.count(), 2);
    // Small blocks are rendered whole at the end: the loose list is one list, as markdown means it.
    assert.equal(await blocks.first().locator('ul').count(), 1);
    assert.equal(await blocks.first().locator('li').count(), 2);
    assert.equal(await blocks.nth(1).locator('.cite-marker').count(), 1);
    assert.match(await panel.page.locator('.stop-reason').innerText(), /end_turn/);
    assert.match(await panel.page.locator('.usage').innerText(), /1,234/);
    assert.match(await panel.page.locator('.call-header').innerText(), /first token/);
    assert.equal(await panel.page.locator('.block.live').count(), 0);
  });

  it('shows retries live: the failed attempt, the wait the server asked for, then the next attempt', async () => {
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'r1' }) });
    const request = record().request!;
    await panel.post({ type: 'attempt', callId: 'r1', attempt: { number: 1, startedMs: 0 }, request });
    assert.match(await panel.page.locator('.status-chip').innerText(), /Sending…/);
    await panel.post({
      type: 'response',
      callId: 'r1',
      attempt: { number: 1, startedMs: 0, headersMs: 40, status: 529, errorType: 'overloaded_error', retryAfterMs: 3000 },
      response: { status: 529, statusText: 'Overloaded', headers: { 'retry-after': '3' } },
    });
    await panel.post({ type: 'attempt', callId: 'r1', attempt: { number: 2, startedMs: 3050 }, request });
    await panel.frames();
    assert.match(await panel.page.locator('.status-chip').innerText(), /Retrying \(attempt 2\)…/);
    await panel.page.locator('.call-details > summary').click();
    assert.match(await panel.page.locator('dd.attempts-row').innerText(), /#1 529 overloaded_error server asked to wait 3\.00 s → #2 pending/);
  });

  it('shows the raw message so far while streaming, refreshed on demand', async () => {
    await startText('raw1');
    await text('raw1', 20, 'first part');
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /"text": "first part"/);
    await text('raw1', 21, ' and more');
    await panel.frames();
    assert.doesNotMatch(await panel.page.locator('#panel-raw').innerText(), /and more/, 'a snapshot while streaming');
    await panel.page.locator('#panel-raw').getByRole('button', { name: 'Refresh' }).click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /"text": "first part and more"/);
  });
});

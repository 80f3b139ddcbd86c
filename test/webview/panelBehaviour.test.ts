// What a user expects of the panel beside an editor: a new call opens on its answer, the header is compact and
// its details fold (remembered), a narrow panel never scrolls sideways, a document shows by its name, Cancel reads
// as cancelled, a refused send is not mistaken for a reply, a retry is announced while it waits, and odd records
// never break a view.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { Harness, type PanelPage, usePanel, type W, useHarness } from './harness';
import { everyBlock, message, record, startedRecord, streamedCall } from './fixtures/records';

describe('webview: the panel does what a user expects', function () {
  this.timeout(90_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('opens a new call on the Response view, whichever view was showing', async () => {
    for (const view of ['raw', 'request', 'headers', 'code', 'timeline']) {
      await panel.postAll(streamedCall(record({ id: `before-${view}` }), 50));
      await panel.page.locator(`#tab-${view}`).click();
      assert.equal(await panel.page.locator(`#tab-${view}`).getAttribute('aria-selected'), 'true');
      await panel.post({ type: 'callStarted', record: startedRecord({ id: `after-${view}` }) });
      assert.equal(await panel.page.locator('#tab-response').getAttribute('aria-selected'), 'true', `after ${view}`);
      assert.ok(await panel.page.locator('#panel-response').isVisible());
      assert.equal((await panel.state())?.view, 'response');
    }
  });

  it('folds the header details, opens them from the keyboard, and remembers that', async () => {
    await panel.post({ type: 'callFinished', record: record() });
    const details = panel.page.locator('.call-details');
    assert.equal(await details.evaluate((d) => (d as unknown as { open: boolean }).open), false);
    // What matters on every call stays in sight.
    const header = await panel.page.locator('.call-header').innerText();
    for (const expected of ['200 OK', 'claude-sonnet-5-5', 'not streamed', 'headers 412 ms', 'total 1.53 s', '1,234 in', '567 out', 'end_turn', 'hello.claude.json']) {
      assert.ok(header.includes(expected), `header shows ${JSON.stringify(expected)}\n${header}`);
    }
    assert.doesNotMatch(header, /req_011CTest/);
    await panel.page.locator('.call-details > summary').focus();
    await panel.page.keyboard.press('Enter');
    assert.match(await panel.page.locator('.call-header').innerText(), /req_011CTest/);
    // <details> reports its toggle in a task of its own: wait for the saved state to follow.
    await panel.page.waitForFunction(() => (globalThis as unknown as W).__harness.state?.detailsOpen === true, undefined, { timeout: 5_000 });
    // The next call keeps them open.
    await panel.post({ type: 'callFinished', record: record({ requestId: 'req_011CNext' }) });
    assert.match(await panel.page.locator('.call-header').innerText(), /req_011CNext/);
    await panel.page.locator('.call-details > summary').press('Space');
    await panel.page.waitForFunction(() => (globalThis as unknown as W).__harness.state?.detailsOpen === false, undefined, { timeout: 5_000 });
  });

  it('shows an untitled document by its title, and a file by its base name with the path as tooltip', async () => {
    const untitled = record({ source: { kind: 'file', path: '/root/.local/share/code-server/Untitled-1', title: 'Untitled-1' } as CallRecord['source'] });
    await panel.post({ type: 'callFinished', record: untitled });
    await panel.page.locator('.call-details > summary').click();
    const header = await panel.page.locator('.call-header').innerText();
    assert.match(header, /Untitled-1/);
    assert.doesNotMatch(header, /\/root\/|code-server/);
    await panel.post({ type: 'callFinished', record: record({ source: { kind: 'selection', document: 'untitled:Untitled-3' } }) });
    assert.match(await panel.page.locator('.header-top').innerText(), /from Untitled-3/);
    assert.doesNotMatch(await panel.page.locator('.call-header').innerText(), /untitled:/);
    await panel.post({ type: 'callFinished', record: record({ source: { kind: 'file', path: '/work/project/prompts/triage.claude.json' } }) });
    const from = panel.page.locator('.header-top .from');
    assert.equal((await from.innerText()).trim(), 'from triage.claude.json');
    assert.equal(await from.getAttribute('title'), '/work/project/prompts/triage.claude.json');
    assert.doesNotMatch(await panel.page.locator('.call-header').innerText(), /\/work\/project/);
  });

  it('words a Cancel as cancelled, not as an error, and keeps what arrived', async () => {
    const messages = streamedCall(record({ id: 'c1', message: message([{ type: 'text', text: 'The first half of the answer, then the rest.' }]) }), 4);
    await panel.postAll(messages.slice(0, 8));
    await panel.frames();
    await panel.post({
      type: 'callFinished',
      record: record({
        id: 'c1',
        streamed: true,
        incomplete: true,
        message: message([{ type: 'text', text: 'The first half' }], { stop_reason: null }),
        error: { kind: 'cancelled', message: 'Cancelled by the user.' },
      }),
    });
    const view = await panel.page.locator('#panel-response').innerText();
    assert.match(view, /The first half/);
    assert.match(view, /Cancelled: you stopped this call/);
    assert.match(view, /What arrived before is kept below/);
    assert.doesNotMatch(view, /error/i);
    assert.equal(await panel.page.locator('.error-box').count(), 0);
    assert.equal(await panel.page.locator('[role=alert]').count(), 0, 'a Cancel is not an alert');
    const chip = panel.page.locator('.status-chip');
    assert.match(await chip.innerText(), /Cancelled/);
    assert.doesNotMatch((await chip.getAttribute('class')) ?? '', /\berror\b/);
  });

  it('says a refused send was not sent, with its reasons, and keeps the older answer apart and labelled', async () => {
    await panel.post({ type: 'callFinished', record: record({ message: message([{ type: 'text', text: 'The OLDER answer.' }]) }) });
    await panel.post({
      type: 'callRefused',
      title: 'Untitled-1',
      reasons: ['3:5 "messages" must not be empty', '7:20 temperature is rejected under anthropic-version 2026-10-21'],
    });
    const refused = panel.page.locator('[data-testid="refused"]');
    const text = await refused.innerText();
    assert.match(text, /Not sent: Untitled-1 has 2 errors/);
    assert.match(text, /3:5 "messages" must not be empty/);
    assert.match(text, /temperature is rejected/);
    assert.match(text, /Problems panel/);
    assert.equal(await refused.getAttribute('role'), 'alert');
    // The older answer is not on screen as if it were the reply…
    assert.equal(await panel.page.getByText('The OLDER answer.').isVisible(), false);
    // …but can be opened, labelled as older.
    const toggle = panel.page.getByRole('button', { name: 'Show the previous answer' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.ok(await panel.page.getByText('The OLDER answer.').isVisible());
    assert.match(await panel.page.locator('.previous-label').innerText(), /Previous answer: from an earlier send, not a reply to the refused one/);
    // The refusal survives a reload; the next call replaces it.
    assert.equal((await panel.state())?.refused?.title, 'Untitled-1');
    await panel.postAll(streamedCall(record({ id: 'next', message: message([{ type: 'text', text: 'The NEW answer.' }]) }), 50));
    assert.equal(await refused.count(), 0);
    assert.ok(await panel.page.getByText('The NEW answer.').isVisible());
    assert.equal(await panel.page.locator('.previous-label').isVisible(), false);
  });

  it('says a refused send was not sent when there was no call before', async () => {
    await panel.post({ type: 'callRefused', title: 'broken.claude.json', reasons: ['1:1 invalid JSON'] });
    const text = await panel.page.locator('#app').innerText();
    assert.match(text, /Not sent: broken\.claude\.json has 1 error\b/);
    assert.doesNotMatch(text, /No call yet/);
    assert.equal(await panel.page.getByRole('button', { name: 'Show the previous answer' }).count(), 0);
  });

  it('announces a retry in the header while it waits, with a countdown, until the next attempt starts', async () => {
    await panel.post({ type: 'callStarted', record: startedRecord({ id: 'r1' }) });
    const request = record().request!;
    await panel.post({ type: 'attempt', callId: 'r1', attempt: { number: 1, startedMs: 0 }, request });
    await panel.post({
      type: 'response',
      callId: 'r1',
      attempt: { number: 1, startedMs: 0, headersMs: 40, status: 429, errorType: 'rate_limit_error', retryAfterMs: 3000 },
      response: { status: 429, statusText: 'Too Many Requests', headers: { 'retry-after': '3' } },
    });
    // A message about another call changes nothing.
    await panel.post({ type: 'retrying', callId: 'other', text: 'NOT THIS CALL', waitMs: 3000, attempt: 2, of: 3 });
    await panel.post({ type: 'retrying', callId: 'r1', text: '429 rate_limit_error, retrying in 3 s (attempt 2 of 3)', waitMs: 3000, attempt: 2, of: 3 });
    await panel.frames();
    const note = panel.page.locator('.call-header [data-testid="retrying"]');
    assert.match(await note.innerText(), /429 rate_limit_error, retrying in 3 s \(attempt 2 of 3\)/);
    assert.match(await note.innerText(), /next attempt in 3 s/);
    assert.doesNotMatch(await panel.page.locator('.call-header').innerText(), /NOT THIS CALL/);
    assert.match(await panel.page.locator('.status-chip').innerText(), /Waiting to retry/);
    await panel.page.waitForFunction(
      () => /next attempt in [12] s/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('.retry-countdown')?.textContent ?? ''),
      undefined,
      { timeout: 5_000 },
    );
    await panel.post({ type: 'attempt', callId: 'r1', attempt: { number: 2, startedMs: 3050 }, request });
    await panel.frames();
    assert.equal(await note.count(), 0);
    assert.match(await panel.page.locator('.status-chip').innerText(), /Retrying \(attempt 2\)/);
  });

  it('renders a tool_use whose input is missing or arrived as raw partial JSON, and a message cut short as incomplete', async () => {
    const blocks: JsonObject[] = [
      { type: 'tool_use', id: 'toolu_1', name: 'no_input' },
      { type: 'tool_use', id: 'toolu_2', name: 'partial', input: {}, partial_json: '{"city": "Par' },
      { type: 'tool_use', id: 'toolu_3', name: 'raw', input_raw: '{"q": [1, 2' },
      { type: 'server_tool_use', id: 'srvtoolu_4', name: 'web_search', input: '{"query": "weather' },
      { type: 'tool_use', id: 'toolu_5', name: 'null_input', input: null },
    ];
    await panel.post({ type: 'callFinished', record: record({ streamed: true, message: message(blocks, { stop_reason: null }) }) });
    const view = await panel.page.locator('#panel-response').innerText();
    assert.match(view, /This block has no input/);
    assert.match(view, /\{"city": "Par/);
    assert.match(view, /\{"q": \[1, 2/);
    assert.match(view, /\{"query": "weather/);
    assert.match(view, /not complete JSON/);
    assert.match(view, /Incomplete answer\./);
    assert.match(await panel.page.locator('.status-chip').innerText(), /incomplete/);
  });
});

/** Values of the wrong kind, put one at a time in every field of a record. */
const ODD_VALUES: unknown[] = [null, 42, 'text', [], {}, true, [null, 'x', 3]];

function pathsOf(value: unknown, prefix: string[] = [], depth = 0, out: string[][] = []): string[][] {
  if (depth > 4 || value === null || typeof value !== 'object') {
    return out;
  }
  for (const key of Object.keys(value as object)) {
    const path = [...prefix, key];
    out.push(path);
    pathsOf((value as Record<string, unknown>)[key], path, depth + 1, out);
  }
  return out;
}

function withValueAt(base: CallRecord, path: string[], odd: unknown): CallRecord {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = odd;
  return copy as unknown as CallRecord;
}

describe('webview: records of any shape never break a view', function () {
  this.timeout(240_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  it('renders every view of a record with any field of the wrong kind, without a script error', async () => {
    const base = record({
      streamed: true,
      baseUrl: 'http://127.0.0.1:8080',
      source: { kind: 'file', path: '/tmp/a.claude.json', title: 'a.claude.json' } as CallRecord['source'],
      message: message(everyBlock().slice(0, 8), { stop_reason: 'max_tokens' }),
      error: { kind: 'api', status: 529, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_1', hint: 'Wait.' },
      timeline: [{ ms: 1, event: 'message_start', data: { type: 'message_start', message: { id: 'm' } } }],
      cost: { model: 'claude-sonnet-5-5' } as never,
    });
    // Top-level fields, and a sample of deeper ones (every block field would take minutes).
    const paths = pathsOf(base).filter((p) => p.length <= 2 || (p[0] === 'message' && p[1] === 'content' && p.length <= 4));
    const panel = await harness.open();
    try {
      for (const view of ['response', 'raw', 'request', 'headers', 'timeline', 'code']) {
        await panel.post({ type: 'callFinished', record: base });
        await panel.page.locator(`#tab-${view}`).click();
        for (const path of paths) {
          for (const odd of ODD_VALUES) {
            await panel.post({ type: 'callFinished', record: withValueAt(base, path, odd) });
            if (panel.errors.length > 0) {
              assert.fail(`${view} view, ${path.join('.')} = ${JSON.stringify(odd)}: ${panel.errors.join('\n')}`);
            }
          }
        }
      }
      // Protocol messages with fields missing or of the wrong kind are ignored or shown as they are.
      await panel.post({ type: 'callStarted', record: startedRecord({ id: 'odd' }) });
      for (const message of [
        { type: 'retrying', callId: 'odd' },
        { type: 'retrying', callId: 'odd', text: 5, waitMs: 'soon', attempt: null },
        { type: 'callRefused' },
        { type: 'callRefused', title: 3, reasons: 'not a list' },
        { type: 'callRefused', title: 'x', reasons: [null, { line: 1 }, 'ok'] },
      ]) {
        await panel.post(message as never);
      }
      await panel.frames();
      assert.deepEqual(panel.errors, []);
      assert.deepEqual(await panel.violations(), []);
    } finally {
      await panel.close();
    }
  });
});

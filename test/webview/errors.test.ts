// Failed calls: each kind of error is worded clearly, with what to quote (request-id) and what to do.
import * as assert from 'node:assert/strict';
import type { CallError } from '../../src/shared/callRecord';
import { type PanelPage, usePanel } from './harness';
import { record } from './fixtures/records';

function failed(error: CallError, status?: number) {
  const body = status !== undefined ? JSON.stringify({ type: 'error', error: { type: error.type, message: error.message }, request_id: error.requestId }) : undefined;
  return record({
    message: undefined,
    error,
    response: status !== undefined ? { status, statusText: status === 401 ? 'Unauthorized' : 'Error', headers: { 'request-id': error.requestId ?? '' }, body } : undefined,
    attempts: status !== undefined ? [{ number: 1, startedMs: 0, headersMs: 90, status, errorType: error.type }] : [{ number: 1, startedMs: 0, networkError: 'ECONNREFUSED' }],
    requestId: error.requestId,
  });
}

describe('webview: errors', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  it('shows an API error with status, type, message, request-id and hint', async () => {
    await panel.post({
      type: 'callFinished',
      record: failed(
        { kind: 'api', status: 400, type: 'invalid_request_error', message: 'max_tokens: Field required', requestId: 'req_011CBad', hint: 'The request body has a problem the API named above; fix the field and send again.' },
        400,
      ),
    });
    const box = panel.page.locator('.error-box');
    const text = await box.innerText();
    assert.match(text, /The API returned an error: HTTP 400 · invalid_request_error/);
    assert.match(text, /max_tokens: Field required/);
    assert.match(text, /request-id\s+req_011CBad/);
    assert.match(text, /fix the field and send again/);
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.match(await panel.page.locator('.status-chip').innerText(), /HTTP 400 invalid_request_error/);
    assert.equal(await panel.page.getByRole('button', { name: 'Set API Key' }).count(), 0);
    await panel.clearPosted();
    await box.getByRole('button', { name: 'Copy request-id' }).click();
    assert.deepEqual(await panel.posted(), [{ type: 'copy', what: 'requestId', text: 'req_011CBad' }]);
    // The raw view shows the error body as received.
    await panel.page.locator('#tab-raw').click();
    assert.match(await panel.page.locator('#panel-raw').innerText(), /"type": "invalid_request_error"/);
  });

  it('offers Set API Key on a 401', async () => {
    await panel.post({
      type: 'callFinished',
      record: failed({ kind: 'api', status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_011C401', hint: 'The API key is missing, wrong or revoked.' }, 401),
    });
    await panel.clearPosted();
    await panel.page.getByRole('button', { name: 'Set API Key' }).click();
    assert.deepEqual(await panel.posted(), [{ type: 'setApiKey' }]);
  });

  it('words network, timeout, cancelled and client errors each their own way', async () => {
    const cases: Array<[CallError, RegExp, RegExp]> = [
      [
        { kind: 'network', message: 'Could not reach http://127.0.0.1:9: ECONNREFUSED', url: 'http://127.0.0.1:9/v1/messages', cause: 'ECONNREFUSED', hint: 'Is the server running?' },
        /Network error: no answer from the server[\s\S]*ECONNREFUSED[\s\S]*url\s+http:\/\/127\.0\.0\.1:9\/v1\/messages[\s\S]*Is the server running\?/,
        /Network error/,
      ],
      [{ kind: 'timeout', message: 'No answer from https://api.anthropic.com within 600 s.', hint: 'Raise the timeout.' }, /Timed out waiting for the server[\s\S]*within 600 s/, /Timed out/],
      // A Cancel is the user's own doing: a quiet note (checked below), not an error box.
      [{ kind: 'client', message: 'Streaming is required for operations that may take longer than 10 minutes.' }, /Not sent: refused before sending[\s\S]*Streaming is required/, /Not sent/],
    ];
    for (const [error, box, chip] of cases) {
      await panel.post({ type: 'callFinished', record: failed(error) });
      assert.match(await panel.page.locator('.error-box').innerText(), box);
      assert.match(await panel.page.locator('.status-chip').innerText(), chip);
      assert.match(await panel.page.locator('#panel-response').innerText(), /./);
    }
    await panel.post({ type: 'callFinished', record: failed({ kind: 'cancelled', message: 'Cancelled: the request was aborted before the answer was complete.' }) });
    assert.equal(await panel.page.locator('.error-box').count(), 0);
    assert.match(await panel.page.locator('[data-testid="cancelled"]').innerText(), /Cancelled: you stopped this call[\s\S]*Nothing had arrived yet[\s\S]*aborted/);
    assert.match(await panel.page.locator('.status-chip').innerText(), /Cancelled/);
  });

  it('shows attempts of a call that failed after retries', async () => {
    await panel.post({
      type: 'callFinished',
      record: record({
        message: undefined,
        error: { kind: 'api', status: 529, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_3' },
        attempts: [
          { number: 1, startedMs: 0, headersMs: 50, status: 529, errorType: 'overloaded_error', retryAfterMs: 1000 },
          { number: 2, startedMs: 1100, headersMs: 1150, status: 529, errorType: 'overloaded_error' },
          { number: 3, startedMs: 3000, headersMs: 3050, status: 529, errorType: 'overloaded_error' },
        ],
      }),
    });
    // The attempts are in the header's details, folded by default.
    await panel.page.locator('.call-details > summary').click();
    assert.match(await panel.page.locator('dd.attempts-row').innerText(), /3 \(2 retries\): #1 529 overloaded_error server asked to wait 1\.00 s → #2 529 overloaded_error → #3 529 overloaded_error/);
  });
});

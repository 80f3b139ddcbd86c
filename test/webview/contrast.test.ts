// Every text readable in every theme: in VS Code's four default themes (their real colours, test/webview/fixtures),
// every visible text of every view has a WCAG contrast of at least 4.5:1 against what it is drawn on.
import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../src/shared/callRecord';
import { measureContrast, type ContrastFinding } from './contrast';
import { Harness, THEME_NAMES, type PanelPage, useHarness } from './harness';
import { everyBlock, message, record, startedRecord, streamedCall } from './fixtures/records';

const MINIMUM = 4.5;

/** Opens every fold a user can open, so that what is inside is measured too. */
async function openEverything(panel: PanelPage): Promise<void> {
  await panel.page.evaluate(() => {
    const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ click(): void; open?: boolean }> } }).document;
    const folds = d.querySelectorAll('[aria-expanded="false"]');
    for (let i = 0; i < folds.length; i++) {
      folds[i].click();
    }
    const details = d.querySelectorAll('details');
    for (let i = 0; i < details.length; i++) {
      details[i].open = true;
    }
  });
  await panel.frames(2);
}

const VIEWS = ['response', 'raw', 'request', 'headers', 'timeline', 'code'];

interface Scenario {
  name: string;
  show(panel: PanelPage): Promise<void>;
}

function finished(r: CallRecord): (panel: PanelPage) => Promise<void> {
  return async (panel) => {
    await panel.post({ type: 'callFinished', record: r });
  };
}

/** Calls that between them show every view, block type, notice, chip and table of the panel. */
const SCENARIOS: Scenario[] = [
  {
    name: 'every block type, cut off at max_tokens, a stand-in base URL',
    show: finished(
      record({ baseUrl: 'http://127.0.0.1:8080', defaultsApplied: ['model', 'max_tokens'], message: message(everyBlock(), { stop_reason: 'max_tokens' }) }),
    ),
  },
  {
    name: 'a streamed call (timeline), with a retry before it',
    show: async (panel) => {
      const full = record({ id: 'streamed', message: message(everyBlock().slice(0, 6), { stop_reason: 'tool_use' }) });
      const messages = streamedCall(full, 6);
      const last = messages[messages.length - 1];
      if (last.type === 'callFinished') {
        last.record.attempts = [
          { number: 1, startedMs: 0, headersMs: 90, status: 529, errorType: 'overloaded_error', retryAfterMs: 2000 },
          { number: 2, startedMs: 2100, headersMs: 2400, status: 200 },
        ];
      }
      await panel.postAll(messages);
    },
  },
  {
    name: 'an API error (401)',
    show: finished(
      record({
        message: undefined,
        error: { kind: 'api', status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_011C401', hint: 'The API key is missing, wrong or revoked.' },
        response: { status: 401, statusText: 'Unauthorized', headers: { 'request-id': 'req_011C401' }, body: '{"type":"error"}' },
        attempts: [{ number: 1, startedMs: 0, headersMs: 80, status: 401, errorType: 'authentication_error' }],
      }),
    ),
  },
  {
    name: 'a stream broken by an error, incomplete',
    show: finished(
      record({
        streamed: true,
        incomplete: true,
        message: message([{ type: 'text', text: 'Paris in April is mild, with' }], { stop_reason: null }),
        error: { kind: 'api', status: 200, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_011CMid', midStream: true, hint: 'Try again in a moment.' },
      }),
    ),
  },
  {
    name: 'a network error',
    show: finished(
      record({
        message: undefined,
        response: undefined,
        error: { kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9', url: 'http://127.0.0.1:9/v1/messages', cause: 'ECONNREFUSED' },
        attempts: [{ number: 1, startedMs: 0, networkError: 'ECONNREFUSED' }],
      }),
    ),
  },
  {
    name: 'a call cancelled by the user',
    show: finished(
      record({
        streamed: true,
        incomplete: true,
        message: message([{ type: 'text', text: 'The first words of an answer' }], { stop_reason: null }),
        error: { kind: 'cancelled', message: 'Cancelled by the user.' },
      }),
    ),
  },
  {
    name: 'a refused send, the previous answer opened',
    show: async (panel) => {
      await panel.post({ type: 'callFinished', record: record({ message: message([{ type: 'text', text: 'The older answer.' }]) }) });
      await panel.post({ type: 'callRefused', title: 'Untitled-1', reasons: ['3:5 "messages" must not be empty', '1:1 temperature is rejected'] });
      await panel.page.getByRole('button', { name: 'Show the previous answer' }).click();
    },
  },
  {
    name: 'a retry announced, waiting',
    show: async (panel) => {
      await panel.post({ type: 'callStarted', record: startedRecord({ id: 'wait', baseUrl: 'http://127.0.0.1:8080' }) });
      await panel.post({ type: 'attempt', callId: 'wait', attempt: { number: 1, startedMs: 0 }, request: record().request! });
      await panel.post({ type: 'retrying', callId: 'wait', text: '429 rate_limit_error, retrying in 20 s (attempt 2 of 3)', waitMs: 20_000, attempt: 2, of: 3 });
    },
  },
  {
    name: 'a call still streaming',
    show: async (panel) => {
      const full = record({ id: 'live', message: message([{ type: 'thinking', thinking: 'Thinking about it.', signature: 'sig' }, { type: 'text', text: 'A long answer. '.repeat(20) }]) });
      const messages = streamedCall(full, 3);
      await panel.postAll(messages.slice(0, 8));
    },
  },
];

describe('webview: every text readable in the four themes', function () {
  this.timeout(180_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  for (const theme of THEME_NAMES) {
    it(`${theme}: every text of every view has a contrast of at least ${MINIMUM}:1`, async () => {
      const failures: string[] = [];
      let measured = 0;
      for (const scenario of SCENARIOS) {
        const panel = await harness.open({ theme, width: 1000, height: 900 });
        try {
          await scenario.show(panel);
          await panel.frames(2);
          for (const view of VIEWS) {
            const tab = panel.page.locator(`#tab-${view}`);
            if (await tab.isHidden()) {
              continue;
            }
            await tab.click();
            await openEverything(panel);
            const findings: ContrastFinding[] = await measureContrast(panel.page);
            measured += findings.length;
            for (const finding of findings.filter((f) => f.ratio < MINIMUM)) {
              failures.push(
                `${scenario.name} / ${view}: ${finding.element} "${finding.text}" ${finding.foreground} on ${finding.background} = ${finding.ratio}:1`,
              );
            }
          }
          assert.deepEqual(panel.errors, [], 'no script errors');
        } finally {
          await panel.close();
        }
      }
      // Hover: what the mouse is on is redrawn in hover colours (tabs, buttons, links, timeline rows).
      const hover = await harness.open({ theme, width: 1000, height: 900 });
      try {
        await hover.postAll(streamedCall(record({ id: 'hover', message: message(everyBlock().slice(0, 5)) }), 8));
        await hover.frames(2);
        const targets: Array<[string, string]> = [];
        for (const view of VIEWS) {
          targets.push([`#tab-${view}`, `#tab-${view}`]);
        }
        targets.push(['.block-actions .btn-toggle', '.block-actions .btn-toggle'], ['.block-actions .btn-icon', '.block-actions .btn-icon'], ['.md a', '.md a']);
        for (const [target, scope] of targets) {
          await hover.page.locator(target).first().hover();
          for (const finding of (await measureContrast(hover.page, scope)).filter((f) => f.ratio < MINIMUM)) {
            failures.push(`hover ${target}: ${finding.element} "${finding.text}" ${finding.foreground} on ${finding.background} = ${finding.ratio}:1`);
          }
        }
        await hover.page.locator('#tab-timeline').click();
        const row = hover.page.locator('.timeline tbody tr').nth(1);
        await row.hover();
        for (const finding of (await measureContrast(hover.page, '.timeline tbody tr:nth-child(2)')).filter((f) => f.ratio < MINIMUM)) {
          failures.push(`hover timeline row: ${finding.element} "${finding.text}" ${finding.foreground} on ${finding.background} = ${finding.ratio}:1`);
        }
      } finally {
        await hover.close();
      }
      // The check must have looked at something: the views above hold hundreds of texts.
      assert.ok(measured > 500, `only ${measured} texts measured`);
      const unique = [...new Set(failures.map((f) => f.replace(/^[^/:]+\/ \w+: /, '')))];
      assert.equal(failures.length, 0, `${failures.length} texts below ${MINIMUM}:1 in ${theme} (${unique.length} distinct):\n${unique.slice(0, 60).join('\n')}`);
    });
  }
});

// The panel beside an editor: in a 1400×900 window it gets about half the width. The answer's first block must be
// on screen without scrolling, and nothing may need a sideways scroll in a half-width panel, however long a tool
// name, a server tool name, a block type or a model id is.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { Harness, useHarness } from './harness';
import { message, record, streamedCall } from './fixtures/records';

const LONG_TOOL = 'get_the_current_weather_forecast_for_a_city_by_its_name_and_country_code_in_celsius';
const LONG_SERVER_TOOL = 'text_editor_code_execution_with_a_very_long_future_server_tool_name_20991231';
const LONG_MODEL = 'claude-sonnet-5-5-20991231-experimental-preview-with-a-very-long-model-identifier';

/** A call that makes the header as tall as it gets: retries, a stand-in base URL, defaults, a long model id. */
function busyCall(first: JsonObject, extra: Partial<CallRecord> = {}): CallRecord {
  return record({
    baseUrl: 'http://127.0.0.1:8080',
    defaultsApplied: ['model', 'max_tokens'],
    source: { kind: 'file', path: '/work/a/very/long/path/to/some/project/folder/prompts/support-triage.claude.json' },
    attempts: [
      { number: 1, startedMs: 0, headersMs: 90, status: 529, errorType: 'overloaded_error', retryAfterMs: 2000 },
      { number: 2, startedMs: 2100, headersMs: 2300, status: 429, errorType: 'rate_limit_error', retryAfterMs: 4000 },
      { number: 3, startedMs: 6400, headersMs: 6600, status: 200 },
    ],
    message: message([first, { type: 'text', text: 'More.\n\n'.repeat(40) }], { stop_reason: 'max_tokens', model: LONG_MODEL }),
    ...extra,
  });
}

function longBlocks(): JsonObject[] {
  return [
    { type: 'tool_use', id: 'toolu_01' + 'X'.repeat(60), name: LONG_TOOL, input: { city: 'Paris', note: 'y'.repeat(300) } },
    { type: 'server_tool_use', id: 'srvtoolu_01' + 'Y'.repeat(60), name: LONG_SERVER_TOOL, input: { command: 'view', path: '/a/' + 'b'.repeat(120) } },
    { type: 'some_future_block_type_with_a_name_much_longer_than_any_block_type_today', payload: { x: 'z'.repeat(200) } },
    { type: 'text', text: `A word ${'w'.repeat(150)} and a URL https://example.com/${'p'.repeat(150)}` },
  ];
}

describe('webview: layout beside an editor', function () {
  this.timeout(120_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  for (const [width, height] of [
    [1400, 900],
    [700, 900],
    // The webview's real share of a 1400×900 window beside an editor: about half the width, minus title bars.
    [640, 760],
  ]) {
    it(`shows the first block of the answer without scrolling at ${width}×${height}`, async () => {
      const firsts: JsonObject[] = [
        { type: 'text', text: 'Paris in April is mild: expect 10–18 °C, with showers.', citations: null },
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig' },
        { type: 'tool_use', id: 'toolu_1', name: LONG_TOOL, input: { city: 'Paris' } },
      ];
      const panel = await harness.open({ width, height });
      try {
        for (const first of firsts) {
          await panel.post({ type: 'callFinished', record: busyCall(first) });
          await panel.frames();
          const box = await panel.page.evaluate(() => {
            const g = globalThis as unknown as {
              scrollY: number;
              innerHeight: number;
              document: { querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null };
            };
            const block = g.document.querySelector('.blocks > .block');
            const rect = block?.getBoundingClientRect();
            return { scrollY: g.scrollY, viewport: g.innerHeight, top: rect?.top ?? -1, bottom: rect?.bottom ?? Infinity };
          });
          assert.equal(box.scrollY, 0);
          assert.ok(box.top >= 0 && box.bottom <= box.viewport, `${String(first.type)}: the first block spans ${box.top}–${box.bottom} px of a ${box.viewport} px view`);
        }
        assert.deepEqual(panel.errors, []);
      } finally {
        await panel.close();
      }
    });
  }

  for (const width of [600, 420]) {
    it(`needs no sideways scroll at ${width} px: header, block headers, timeline, every view`, async () => {
      const panel = await harness.open({ width, height: 800 });
      try {
        const full = busyCall({ type: 'text', text: 'Hello.' }, { id: 'narrow', message: message(longBlocks(), { model: LONG_MODEL, stop_reason: 'tool_use' }) });
        const messages = streamedCall(full, 4);
        const last = messages[messages.length - 1];
        if (last.type === 'callFinished') {
          last.record.attempts = full.attempts;
          last.record.baseUrl = full.baseUrl;
        }
        await panel.postAll(messages);
        await panel.page.locator('.call-details > summary').click();
        for (const view of ['response', 'raw', 'request', 'headers', 'timeline', 'code']) {
          await panel.page.locator(`#tab-${view}`).click();
          // Every fold open, so that what is inside is measured too.
          await panel.page.evaluate(() => {
            const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ click(): void; open?: boolean }> } }).document;
            const folds = d.querySelectorAll('[aria-expanded="false"]:not(.cite-marker)');
            for (let i = 0; i < folds.length; i++) {
              folds[i].click();
            }
            const details = d.querySelectorAll('details');
            for (let i = 0; i < details.length; i++) {
              details[i].open = true;
            }
          });
          await panel.frames();
          const overflow = await panel.page.evaluate(() => {
            interface E {
              scrollWidth: number;
              clientWidth: number;
              className: string;
              tagName: string;
            }
            const d = (globalThis as unknown as { document: { documentElement: E; querySelectorAll(s: string): ArrayLike<E> } }).document;
            const out: string[] = [];
            const root = d.documentElement;
            if (root.scrollWidth > root.clientWidth) {
              out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
            }
            const boxes = d.querySelectorAll('.call-header, .header-top, .header-summary, .tabs, .block-head, .block-body, .timeline, .tab-panel, .error-box, .stop-reason, .usage');
            for (let i = 0; i < boxes.length; i++) {
              const b = boxes[i];
              if (b.clientWidth > 0 && b.scrollWidth > b.clientWidth + 1) {
                out.push(`${b.tagName.toLowerCase()}.${b.className.split(' ').join('.')} ${b.scrollWidth} > ${b.clientWidth}`);
              }
            }
            return out;
          });
          assert.deepEqual(overflow, [], `${view} view at ${width} px`);
        }
        // A header cut short keeps its whole text in a tooltip.
        const metas = await panel.page.locator('.block-meta').evaluateAll((nodes) =>
          nodes.map((n) => ({ text: (n as unknown as { textContent: string }).textContent, title: (n as unknown as { title: string }).title })),
        );
        for (const meta of metas) {
          assert.equal(meta.title, meta.text);
        }
        assert.deepEqual(panel.errors, []);
      } finally {
        await panel.close();
      }
    });
  }
});

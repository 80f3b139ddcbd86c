// Screenshots of the panel in VS Code's four default themes (dark, light, and both high-contrast), for a person to look at
// (test-results/). The test checks that each one was taken without script errors or CSP violations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Harness, THEME_NAMES, type PanelPage, type Theme, useHarness } from './harness';
import { everyBlock, message, record, streamedCall } from './fixtures/records';

const ANSWER = `# Paris in spring

Paris in April is **mild**: expect 10–18 °C, with showers. A few tips:

1. Pack a light *waterproof* jacket.
2. Book the Louvre ahead, see [the official site](https://www.louvre.fr/en).
3. Try \`pain au chocolat\` early in the morning.

> The best time to visit is early morning, before the crowds.

| Month | Low | High |
|:------|----:|-----:|
| April | 8 °C | 17 °C |
| May | 11 °C | 21 °C |

\`\`\`python
def forecast(city: str) -> str:
    return f"Sunny in {city}"
\`\`\`
`;

describe('webview: screenshots', function () {
  this.timeout(120_000);
  let harness: Harness;
  useHarness((started) => (harness = started));

  async function shoot(theme: Theme, name: string, setup: (panel: PanelPage) => Promise<void>, size?: { width: number; height: number; viewportOnly: boolean }): Promise<void> {
    const panel = await harness.open({ theme, width: size?.width ?? 960, height: size?.height ?? 1000 });
    await setup(panel);
    await panel.frames(4);
    const file = await panel.screenshot(name, !size?.viewportOnly);
    assert.ok(fs.statSync(file).size > 10_000);
    assert.deepEqual(panel.errors, []);
    assert.deepEqual(await panel.violations(), []);
    await panel.close();
  }

  const rich = () =>
    record({
      message: message(
        [
          { type: 'thinking', thinking: 'The user asks about Paris weather. I should give temperatures and tips.', signature: 'EqQBCgIYAhIM'.repeat(30) },
          { type: 'text', text: ANSWER, citations: null },
          {
            type: 'text',
            text: 'April averages 17 °C',
            citations: [{ type: 'web_search_result_location', cited_text: 'Average high in April: 17 °C.', encrypted_index: 'Eo8B', title: 'Paris climate', url: 'https://climate.example.org/paris' }],
          },
          { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'Paris, FR', unit: 'celsius' } },
        ],
        { stop_reason: 'tool_use' },
      ),
    });

  for (const theme of THEME_NAMES) {
    it(`response view, ${theme}`, async () => {
      await shoot(theme, `panel-${theme}-response`, async (panel) => {
        await panel.post({ type: 'callFinished', record: rich() });
        await panel.page.locator('.block-thinking .block-disclosure').click();
        await panel.page.locator('.cite-marker').click();
      });
    });

    it(`half width beside an editor, what shows without scrolling, ${theme}`, async () => {
      await shoot(theme, `panel-${theme}-half-width`, async (panel) => {
        await panel.post({ type: 'callFinished', record: { ...rich(), baseUrl: 'http://127.0.0.1:8080' } });
      }, { width: 700, height: 900, viewportOnly: true });
    });

    it(`every block type, details open, usage table, ${theme} (full page)`, async () => {
      await shoot(theme, `panel-${theme}-every-block`, async (panel) => {
        await panel.post({ type: 'callFinished', record: record({ baseUrl: 'http://127.0.0.1:8080', message: message(everyBlock(), { stop_reason: 'max_tokens' }) }) });
        await panel.page.locator('.call-details > summary').click();
      });
    });

    it(`a refused send and a retry, ${theme}`, async () => {
      await shoot(theme, `panel-${theme}-refused`, async (panel) => {
        await panel.post({ type: 'callFinished', record: rich() });
        await panel.post({ type: 'callRefused', title: 'Untitled-1', reasons: ['3:5 "messages" must not be empty', '7:20 temperature is rejected under anthropic-version 2026-10-21'] });
      });
      await shoot(theme, `panel-${theme}-retrying`, async (panel) => {
        await panel.post({ type: 'callStarted', record: { ...rich(), id: 'retry', message: undefined, response: undefined, attempts: [] } });
        await panel.post({ type: 'attempt', callId: 'retry', attempt: { number: 1, startedMs: 0 }, request: rich().request! });
        await panel.post({ type: 'retrying', callId: 'retry', text: '429 rate_limit_error, retrying in 20 s (attempt 2 of 3)', waitMs: 20_000, attempt: 2, of: 3 });
      });
    });
  }

  it('streaming in progress, light', async () => {
    await shoot('light', 'panel-light-streaming', async (panel) => {
      const full = rich();
      const messages = streamedCall({ ...full, id: 'shot' }, 3);
      // Stop in the middle of the text block, before the code block.
      await panel.postAll(messages.slice(0, 3 + 30));
    });
  });

  it('errors: a 401 and a mid-stream error, light and dark', async () => {
    await shoot('light', 'panel-light-error-401', async (panel) => {
      await panel.post({
        type: 'callFinished',
        record: record({
          message: undefined,
          error: { kind: 'api', status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_011CUnauth', hint: 'The API key is missing, wrong or revoked.' },
          response: { status: 401, statusText: 'Unauthorized', headers: { 'request-id': 'req_011CUnauth' }, body: '{"type":"error"}' },
          attempts: [{ number: 1, startedMs: 0, headersMs: 80, status: 401, errorType: 'authentication_error' }],
          requestId: 'req_011CUnauth',
        }),
      });
    });
    await shoot('dark', 'panel-dark-midstream-error', async (panel) => {
      await panel.post({
        type: 'callFinished',
        record: record({
          streamed: true,
          incomplete: true,
          message: message([{ type: 'text', text: 'Paris in April is mild, with temperatures between' }], { stop_reason: null }),
          error: { kind: 'api', status: 200, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_011CMid', midStream: true, hint: 'The API is overloaded right now; try again in a moment.' },
        }),
      });
    });
  });

  it('secondary views, dark: timeline, headers, request, curl', async () => {
    const full = rich();
    for (const view of ['timeline', 'headers', 'request', 'code']) {
      await shoot('dark', `panel-dark-${view}`, async (panel) => {
        const messages = streamedCall({ ...full, id: `shot-${view}` }, 6);
        const finished = messages[messages.length - 1];
        if (finished.type === 'callFinished') {
          finished.record.response = full.response;
        }
        await panel.postAll(messages);
        await panel.page.locator(`#tab-${view}`).click();
      });
    }
  });
});

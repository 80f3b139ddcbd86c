// The panel's conversation parts, as a user sees them: the continue buttons under an answer (by stop_reason, and
// what a click asks the host), and the Conversation view (turns as received, older ones folded, the input growing
// call by call, the cache advice, input_transformations).
import * as assert from 'node:assert/strict';
import { type PanelPage, usePanel } from './harness';
import { message, record } from './fixtures/records';

describe('webview: conversations', function () {
  this.timeout(60_000);
  let panel: PanelPage;
  usePanel((opened) => (panel = opened));

  const bar = () => panel.page.locator('.response-footer [data-testid="continue-bar"]');

  it('offers what each stop_reason allows, and a click asks the host to continue that call', async () => {
    const cases: [string, object[], string[], RegExp][] = [
      ['end_turn', [{ type: 'text', text: 'Done.' }], ['Continue conversation'], /adds this answer to the request file as the assistant turn/],
      ['tool_use', [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }, { type: 'tool_use', id: 'toolu_2', name: 'g', input: {} }], ['Answer 2 tool calls'], /Adds this answer to the request file, then a user turn with a tool_result placeholder for each tool_use id/],
      ['pause_turn', [{ type: 'text', text: 'Searching.' }], ['Resume'], /pause_turn/],
      ['max_tokens', [{ type: 'text', text: 'Cut' }], ['Continue the answer', 'Raise max_tokens and resend'], /cut at max_tokens/],
      ['refusal', [{ type: 'text', text: 'No.' }], ['Cannot continue'], /^Cannot continue\nWhy not: the model refused/],
    ];
    for (const [stop, content, labels, note] of cases) {
      const shown = record({ message: message(content as never, { stop_reason: stop }) });
      await panel.post({ type: 'callFinished', record: shown });
      assert.deepEqual(await bar().locator('button').allInnerTexts().then((t) => t.map((s) => s.trim())), labels, stop);
      assert.match(await bar().innerText(), note, stop);
      await panel.clearPosted();
      const first = bar().locator('button').first();
      if (stop === 'refusal') {
        assert.equal(await first.isDisabled(), true, 'the refusal\'s button is disabled');
        continue;
      }
      await first.click();
      await bar().locator('button').last().click();
      const asked = (await panel.posted()).filter((m) => m.type === 'conversation');
      assert.deepEqual(asked, [
        { type: 'conversation', callId: shown.id, action: 'continue' },
        { type: 'conversation', callId: shown.id, action: stop === 'max_tokens' ? 'raiseMaxTokens' : 'continue' },
      ]);
    }
    // A CLI call, or a failed one, has no bar: there is no file to continue in the editor.
    await panel.post({ type: 'callFinished', record: record({ source: { kind: 'cli' } }) });
    assert.equal(await bar().count(), 0);
  });

  it('shows the turns as the model received them, older ones folded, the input growing, the cache advice and input_transformations', async () => {
    const messages = Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` }));
    const shown = record({
      message: message([{ type: 'thinking', thinking: 'hmm', signature: 'c2ln' }, { type: 'text', text: 'The answer.' }], { input_transformations: [{ type: 'thinking_dropped', path: 'messages.1.content.0', reason: 'prefix_binding_mismatch' }] }),
    });
    shown.effectiveRequest = { ...shown.effectiveRequest, messages };
    await panel.post({ type: 'callFinished', record: shown });
    await panel.post({
      type: 'conversationCalls',
      callId: shown.id,
      calls: [
        { callId: 'a', startedAt: '', model: 'claude-sonnet-5-5', messages: 2, inputTokens: 1500, cacheReadTokens: 0, cacheWriteTokens: 0 },
        { callId: shown.id, startedAt: '', model: 'claude-sonnet-5-5', messages: 6, inputTokens: 3200, cacheReadTokens: 1600, cacheWriteTokens: 0 },
      ],
      cacheAdvice: 'Each call sends the conversation again: about 1,500 tokens repeat.',
    });
    await panel.page.getByRole('tab', { name: 'Conversation' }).click();
    const view = panel.page.locator('.turns');
    const turns = view.locator('details.turn');
    assert.equal(await turns.count(), 7, 'six turns sent and the answer');
    const open = await turns.evaluateAll((nodes) => nodes.map((n) => (n as unknown as { open: boolean }).open));
    assert.deepEqual(open, [false, false, false, false, true, true, true], 'the last three open, the older folded');
    assert.match(await turns.last().innerText(), /this answer[\s\S]*thinking[\s\S]*signature/);
    const text = await panel.page.locator('#app').innerText();
    assert.match(text, /this request carried all 6 messages/);
    assert.match(text, /dropped the thinking block at messages\.1\.content\.0 \(prefix binding mismatch\)/);
    assert.match(await panel.page.locator('[data-testid="input-growth"]').innerText(), /1\s+2\s+1,500[\s\S]*2\s+6\s+3,200\s+1,600 \(50%\)/);
    assert.match(text, /about 1,500 tokens repeat/);
  });

  it('says how many messages the request carried in plain words, one or many', async () => {
    for (const [count, words] of [[1, /carried the 1 message below,/], [2, /carried all 2 messages below,/], [12, /carried all 12 messages below,/]] as const) {
      const shown = record({ message: message([{ type: 'text', text: 'Hi.' }]) });
      shown.effectiveRequest = { ...shown.effectiveRequest, messages: Array.from({ length: count }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` })) };
      await panel.post({ type: 'callFinished', record: shown });
      await panel.page.getByRole('tab', { name: 'Conversation' }).click();
      const note = await panel.page.locator('#app').innerText();
      assert.match(note, words, `${count} message(s)`);
      assert.doesNotMatch(note, /all 1 message/);
    }
  });

  it('puts the input growth in words: what the bars mean, and each bar\'s figures for a reader that cannot see it', async () => {
    const shown = record({ message: message([{ type: 'text', text: 'Hi.' }]) });
    await panel.post({ type: 'callFinished', record: shown });
    const calls = [
      { callId: 'a', inputTokens: 1500, cacheReadTokens: 0 },
      { callId: 'b', inputTokens: 3000, cacheReadTokens: 1500 },
      { callId: shown.id, inputTokens: 4000, cacheReadTokens: 3000 },
    ].map((c, i) => ({ ...c, startedAt: '', model: 'claude-sonnet-5-5', messages: 1 + 2 * i, cacheWriteTokens: 0 }));
    await panel.post({ type: 'conversationCalls', callId: shown.id, calls });
    await panel.page.getByRole('tab', { name: 'Conversation' }).click();
    const table = panel.page.locator('[data-testid="input-growth"]');
    assert.match(await table.locator('caption').innerText(), /Each bar is a call's input; its part in a second colour was read from the cache/);
    const bars = [];
    for (const bar of await table.getByRole('img').all()) {
      bars.push([await bar.getAttribute('aria-label'), await bar.getAttribute('title')]);
    }
    assert.deepEqual(bars, [
      ['1,500 input tokens, none read from the cache', '1,500 input tokens, none read from the cache'],
      ['3,000 input tokens, 50% read from the cache', '3,000 input tokens, 50% read from the cache'],
      ['4,000 input tokens, 75% read from the cache', '4,000 input tokens, 75% read from the cache'],
    ]);
    // The numeric columns' headers are marked as such, to sit over their right-aligned figures.
    const numericHeads = await table.locator('th.num').allInnerTexts();
    assert.deepEqual(numericHeads.map((h) => h.trim()), ['input tokens', 'read from cache', 'written to cache']);
  });
});

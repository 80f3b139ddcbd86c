// The conversation core: the assistant turn as input, and the next turns per stop_reason. conversationFile.test.ts
// has the edits of the file (format-preserving appends, forks) and the thinking-binding checks. Files are generated
// in classes (indentation, line ends, comments, trailing commas, one-line lists, empty lists), not picked as a
// handful of cases.
import * as assert from 'node:assert/strict';
import { assistantTurnOf } from '../../src/core/conversation/assistantTurn';
import { nextTurns, type NextTurns } from '../../src/core/conversation/nextTurns';
import type { JsonObject } from '../../src/shared/callRecord';
import { continuationOf } from '../../src/shared/continuation';
import { seededRng } from '../../src/standIn/random';
import { allBlocksContent } from '../../src/standIn/scenarios';
import { message, record } from '../support/conversationRecords';

/** Fields the API takes as input, per block type (SDK 1.12's *BlockParam), written out apart from the code under test. */
const ACCEPTED: Record<string, string[]> = {
  text: ['type', 'text', 'citations', 'cache_control'],
  thinking: ['type', 'thinking', 'signature'],
  redacted_thinking: ['type', 'data'],
  tool_use: ['type', 'id', 'name', 'input', 'caller', 'toolset_name', 'cache_control'],
  server_tool_use: ['type', 'id', 'name', 'input', 'caller', 'cache_control'],
  web_search_tool_result: ['type', 'tool_use_id', 'content', 'caller', 'cache_control'],
  web_fetch_tool_result: ['type', 'tool_use_id', 'content', 'caller', 'cache_control'],
  code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  bash_code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  text_editor_code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  tool_search_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  container_upload: ['type', 'file_id', 'cache_control'],
};

describe('conversation: the assistant turn as input', () => {
  const { content } = allBlocksContent(seededRng(7));
  const blocks = content as unknown as JsonObject[];

  it('keeps every block type in order, with only fields the API accepts, values byte for byte', () => {
    const turn = assistantTurnOf(message(blocks, 'end_turn'));
    assert.equal(turn.role, 'assistant');
    assert.deepEqual(Object.keys(turn), ['role', 'content']);
    const out = turn.content as JsonObject[];
    assert.equal(out.length, blocks.length);
    out.forEach((block, i) => {
      const original = blocks[i];
      assert.equal(block.type, original.type);
      const accepted = ACCEPTED[String(block.type)];
      if (!accepted) {
        assert.deepEqual(block, original, `a block type this version does not know (${String(block.type)}) is kept whole`);
        return;
      }
      for (const key of Object.keys(block)) {
        assert.ok(accepted.includes(key), `${String(block.type)}.${key} is accepted on input`);
      }
      for (const key of Object.keys(original).filter((k) => accepted.includes(k) && k !== 'citations')) {
        assert.equal(JSON.stringify(block[key]), JSON.stringify(original[key]), `${String(block.type)}.${key} is kept exactly`);
      }
      if (Array.isArray(original.citations)) {
        const citations = block.citations as JsonObject[];
        assert.equal(citations.length, original.citations.length);
        citations.forEach((c, j) => {
          assert.ok(!('file_id' in c), 'a citation\'s file_id is not accepted on input');
          const { file_id: _dropped, ...rest } = (original.citations as JsonObject[])[j];
          assert.deepEqual(c, rest);
        });
      }
    });
    const types = new Set(out.map((b) => b.type));
    for (const type of ['thinking', 'redacted_thinking', 'tool_use', 'server_tool_use', 'web_search_tool_result', 'container_upload', 'text']) {
      assert.ok(types.has(type), `the fixture has ${type}`);
    }
  });

  it('keeps a thinking signature and redacted data exactly, through JSON text and back', () => {
    const signature = 'EqQBCkgIARABGAIiQ+/=\u00e9"\\' + 'x'.repeat(300);
    const data = 'RWQ=+/' + 'y'.repeat(500);
    const turn = assistantTurnOf(message([{ type: 'thinking', thinking: 'line 1\nline "2"', signature }, { type: 'redacted_thinking', data }, { type: 'text', text: 'ok', citations: null }], 'end_turn'));
    const again = JSON.parse(JSON.stringify(turn)) as JsonObject;
    assert.deepEqual(again.content, [{ type: 'thinking', thinking: 'line 1\nline "2"', signature }, { type: 'redacted_thinking', data }, { type: 'text', text: 'ok', citations: null }]);
  });
});

describe('conversation: what follows each stop_reason', () => {
  const text = [{ type: 'text', text: 'Hello there. ' }];
  const kinds = (msg: JsonObject, request?: JsonObject) => continuationOf({ ...record(msg, request) });

  it('a whole answer gets a reply; tool_use gets tool results; pause_turn resumes; max_tokens continues', () => {
    for (const stop of ['end_turn', 'stop_sequence']) {
      assert.equal((kinds(message(text, stop)) as { kind: string }).kind, 'reply');
    }
    assert.equal((kinds(message([{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }], 'tool_use')) as { kind: string }).kind, 'toolResults');
    assert.equal((kinds(message(text, 'pause_turn')) as { kind: string }).kind, 'resume');
    assert.equal((kinds(message(text, 'max_tokens')) as { kind: string }).kind, 'continueAnswer');
  });

  it('refuses, with the reason, what cannot be continued', () => {
    const cases: [JsonObject, JsonObject | undefined, RegExp][] = [
      [message(text, 'refusal'), undefined, /refused.*cannot be continued/],
      [message(text, 'max_tokens'), { model: 'm', messages: [], thinking: { type: 'enabled', budget_tokens: 2000 } }, /with thinking on.*no prefilled assistant turn/],
      [message(text, 'max_tokens'), { model: 'm', messages: [], thinking: { type: 'adaptive' } }, /thinking/],
      [message([{ type: 'tool_use', id: 't', name: 'f', input: {} }], 'max_tokens'), undefined, /cut before any text|inside a tool call/],
      [message(text, 'model_context_window_exceeded'), undefined, /context window is full/],
      [message(text, 'some_future_reason'), undefined, /not known/],
      [message([], 'end_turn'), undefined, /empty/],
    ];
    for (const [msg, request, reason] of cases) {
      const c = kinds(msg, request);
      assert.equal(c.ok, false);
      assert.match((c as { reason: string }).reason, reason);
    }
    const failed = continuationOf({ message: message(text, 'end_turn'), effectiveRequest: {}, incomplete: true });
    assert.equal(failed.ok, false);
    assert.equal(continuationOf({ effectiveRequest: {}, error: { kind: 'api', message: 'x' } }).ok, false);
  });

  it('after tool_use: one tool_result per tool_use id, in order, with a placeholder slot each', () => {
    const msg = message([{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} }, { type: 'tool_use', id: 'toolu_b', name: 'get_time', input: {} }], 'tool_use');
    const next = nextTurns(record(msg), { next: '' }) as NextTurns;
    assert.equal(next.turns.length, 2);
    const user = next.turns[1];
    assert.deepEqual((user.turn.content as JsonObject[]).map((b) => [b.type, b.tool_use_id]), [['tool_result', 'toolu_a'], ['tool_result', 'toolu_b']]);
    assert.deepEqual(user.slots.map((s) => s.kind), ['toolResult', 'toolResult']);
    const withText = nextTurns(record(msg), { next: 'and the time?' }) as NextTurns;
    assert.deepEqual((withText.turns[1].turn.content as JsonObject[]).map((b) => b.type), ['tool_result', 'tool_result', 'text']);
  });

  it('a continued answer is the last turn, without trailing whitespace, and asks to send again', () => {
    const next = nextTurns(record(message([{ type: 'text', text: 'The cut answer goes on  \n' }], 'max_tokens')), { next: 'ignored' }) as NextTurns;
    assert.equal(next.sendAgain, true);
    assert.equal(next.turns.length, 1);
    assert.deepEqual(next.turns[0].turn, { role: 'assistant', content: [{ type: 'text', text: 'The cut answer goes on' }] });
    const paused = nextTurns(record(message(text, 'pause_turn')), { next: 'ignored' }) as NextTurns;
    assert.equal(paused.sendAgain, true);
    assert.equal(paused.turns.length, 1);
  });
});

// The conversation core: the assistant turn as input, the next turns per stop_reason, format-preserving appends,
// forks, and the thinking-binding checks. Files are generated in classes (indentation, line ends, comments, trailing
// commas, one-line lists, empty lists), not picked as a handful of cases.
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { assistantTurnOf } from '../../src/core/conversation/assistantTurn';
import { appendTurns, layoutOf, setMaxTokens } from '../../src/core/conversation/fileEdits';
import { forkAt, messageIndexAt } from '../../src/core/conversation/fork';
import { nextTurns, type NextTurns } from '../../src/core/conversation/nextTurns';
import { thinkingOriginsOf } from '../../src/core/conversation/conversationChecks';
import { diagnoseRequest } from '../../src/core/diagnostics';
import { parseRequestFile } from '../../src/core/requestFile';
import type { JsonObject } from '../../src/shared/callRecord';
import { continuationOf } from '../../src/shared/continuation';
import { seededRng } from '../../src/standIn/random';
import { allBlocksContent } from '../../src/standIn/scenarios';

const context = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };

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

function message(content: JsonObject[], stop_reason: string, extra: JsonObject = {}): JsonObject {
  return { id: 'msg_01x', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content, stop_reason, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 }, ...extra };
}

const record = (msg: JsonObject, request: JsonObject = { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] }) => ({ message: msg, effectiveRequest: request });

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

/** A random request file of one class: indentation, line end, comments, trailing comma, layout of the list. */
function randomFile(rng: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(rng() * items.length)];
  const unit = pick(['  ', '   ', '    ', '\t', ' ', '     ']);
  const eol = pick(['\n', '\r\n']);
  const count = pick([0, 1, 2, 3]);
  const comment = () => pick(['', ' // a comment', ' /* block */', ' // ünïcödé, "quotes" ]}']);
  const turns: string[] = [];
  for (let i = 0; i < count; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    turns.push(pick([
      `{ "role": "${role}", "content": "turn ${i}" }`,
      `{${eol}${unit}${unit}${unit}"role": "${role}",${eol}${unit}${unit}${unit}"content": [ { "type": "text", "text": "turn ${i}" } ]${eol}${unit}${unit}}`,
    ]));
  }
  const oneLine = rng() < 0.3;
  const trailing = count > 0 && rng() < 0.3 ? ',' : '';
  const list = oneLine
    ? `[${turns.join(', ')}${trailing}]${comment()}`
    : `[${comment()}${eol}${turns.map((t) => `${unit}${unit}${t}`).join(`,${comment()}${eol}`)}${trailing}${comment()}${eol}${pick(['', `${unit}${unit}// the end of the turns${eol}`])}${unit}]`;
  return `${pick(['', `// a request file${eol}`])}{${eol}${unit}"model": "claude-sonnet-5-5",${comment()}${eol}${unit}"messages": ${list}${eol}}${pick(['', eol])}`;
}

describe('conversation: appending turns keeps the file', () => {
  const msg = message([{ type: 'thinking', thinking: 'hmm', signature: 'c2lnbmF0dXJl' }, { type: 'text', text: 'Answer with "quotes" and \\ and\nlines' }, { type: 'tool_use', id: 'toolu_z', name: 'f', input: { a: [1, { b: null }] } }], 'tool_use');

  it('in 300 random files: the old text is untouched, the turns parse back exactly, slots point at their strings', () => {
    const rng = seededRng(20261130);
    for (let n = 0; n < 300; n++) {
      const text = randomFile(rng);
      const before = parse(text, [], { allowTrailingComma: true }) as JsonObject;
      assert.ok(Array.isArray(before.messages), text);
      const next = nextTurns(record(msg), { next: rng() < 0.5 ? '' : 'Next "question"\n?' }) as NextTurns;
      const result = appendTurns(text, next.turns);
      assert.ok(result.ok, text);
      if (!result.ok) continue;
      // Only an insertion, or a same-line comment written back unchanged: the text around it is the old text.
      const replaced = text.slice(result.edit.offset, result.edit.offset + result.edit.length);
      assert.ok(replaced === '' || /^\s*\/\/[^\n\r]*$/.test(replaced), `only a line comment is replaced: ${JSON.stringify(replaced)}`);
      assert.ok(result.edit.content.includes(replaced));
      assert.equal(result.text.slice(0, result.edit.offset) + replaced + result.text.slice(result.edit.offset + result.edit.content.length), text);
      const parsed = parseRequestFile(result.text);
      assert.ok(parsed.ok, `${JSON.stringify(text)}\n->\n${result.text}\n${parsed.ok ? '' : JSON.stringify(parsed.problems)}`);
      if (!parsed.ok) continue;
      const after = parsed.body.messages as JsonObject[];
      assert.deepEqual(after, [...(before.messages as JsonObject[]), ...next.turns.map((t) => t.turn)]);
      assert.equal(result.firstTurnIndex, (before.messages as unknown[]).length);
      // Each slot is exactly its string's JSON text.
      assert.equal(result.slots.length, next.turns.reduce((sum, t) => sum + t.slots.length, 0));
      for (const slot of result.slots) {
        assert.equal(result.text[slot.offset - 1], '"');
        assert.equal(result.text[slot.offset + slot.length], '"');
      }
      // New lines use the file's line end only.
      const layout = layoutOf(text);
      if (layout.eol === '\r\n') {
        assert.ok(!/(?<!\r)\n/.test(result.edit.content), 'CRLF file gets CRLF');
      }
    }
  });

  it('indents new turns like the turns before them (odd indentation kept)', () => {
    const text = '{\n   "messages": [\n         { "role": "user", "content": "hi" } // trailing\n      // end comment\n   ]\n}\n';
    const next = nextTurns(record(message([{ type: 'text', text: 'yo' }], 'end_turn')), { next: '' }) as NextTurns;
    const result = appendTurns(text, next.turns);
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.equal(result.text, '{\n   "messages": [\n         { "role": "user", "content": "hi" }, // trailing\n         {\n            "role": "assistant",\n            "content": [\n               {\n                  "type": "text",\n                  "text": "yo"\n               }\n            ]\n         },\n         { "role": "user", "content": "" }\n      // end comment\n   ]\n}\n');
    assert.deepEqual(result.slots.map((s) => [s.kind, s.length, result.text.slice(s.offset - 10, s.offset)]), [['text', 0, '"content":']].map(([k, l]) => [k, l, ' "content": "'.slice(-10)]));
  });

  it('names the problem when there is nothing to append to', () => {
    for (const text of ['{"model": "m"}', '[1]', '{"messages": "hi"}', 'not json']) {
      const result = appendTurns(text, []);
      assert.equal(result.ok, false);
      assert.match((result as { reason: string }).reason, /messages|JSON object/);
    }
  });

  it('raises max_tokens in place, or adds it, keeping the rest', () => {
    const text = '{\n  // keep me\n  "max_tokens": 256, // the limit\n  "messages": []\n}';
    const raised = setMaxTokens(text, 512);
    assert.ok(raised.ok);
    assert.equal(raised.ok && raised.text, text.replace('256', '512'));
    const added = setMaxTokens('{\n  // keep me\n  "messages": []\n}', 2048);
    assert.ok(added.ok && /"max_tokens": 2048/.test(added.text) && added.text.includes('// keep me'));
  });
});

describe('conversation: fork', () => {
  const text = '// head\n{\n  "model": "m",\n  "messages": [\n    { "role": "user", "content": "one" }, // 1\n    { "role": "assistant", "content": "two" },\n    // between\n    { "role": "user", "content": "three" }\n  ] // after\n}\n';

  it('keeps the turns up to the message and everything else of the file', () => {
    for (let i = 0; i < 3; i++) {
      const fork = forkAt(text, i);
      assert.ok(fork.ok);
      if (!fork.ok) continue;
      const body = parse(fork.text) as { messages: JsonObject[]; model: string };
      assert.deepEqual(body.messages.map((m) => m.content), ['one', 'two', 'three'].slice(0, i + 1));
      assert.ok(fork.text.startsWith('// head\n{\n  "model": "m",') && fork.text.endsWith('  ] // after\n}\n'));
    }
    assert.equal(forkAt(text, 3).ok, false);
    assert.equal(forkAt(text, -1).ok, false);
  });

  it('finds the message under the cursor', () => {
    assert.equal(messageIndexAt(text, text.indexOf('"two"')), 1);
    assert.equal(messageIndexAt(text, text.indexOf('"three"')), 2);
    assert.equal(messageIndexAt(text, text.indexOf('"model"')), undefined);
  });
});

describe('conversation: diagnostics of thinking blocks and placeholders', () => {
  const request = { model: 'claude-fable-5-1', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, system: 'Be brief.', messages: [{ role: 'user', content: 'What is 2+2?' }] };
  const answer = message([{ type: 'thinking', thinking: 'Add them.', signature: 'c2ln' }, { type: 'redacted_thinking', data: 'ZGF0YQ==' }, { type: 'text', text: '4' }], 'end_turn', { model: 'claude-fable-5-1' });
  const origins = thinkingOriginsOf({ effectiveRequest: request, message: answer });
  const continued = (edit: (body: JsonObject) => void = () => undefined) => {
    const body = JSON.parse(JSON.stringify(request)) as JsonObject;
    (body.messages as JsonObject[]).push(assistantTurnOf(answer), { role: 'user', content: 'And 3+3?' });
    edit(body);
    return JSON.stringify(body, null, 2);
  };
  const codes = (text: string) => diagnoseRequest(text, { ...context, thinkingOrigins: origins }).filter((d) => d.code === 'thinking-binding').map((d) => d.message);

  it('is silent on a conversation continued as it was', () => {
    assert.deepEqual(codes(continued()), []);
  });

  it('warns on each block no longer bound, saying why', () => {
    const cases: [(body: JsonObject) => void, RegExp][] = [
      [(b) => ((b.messages as JsonObject[])[0].content = 'What is 2+3?'), /messages\[0\] was edited/],
      [(b) => (b.system = 'Be long.'), /system prompt changed/],
      [(b) => (b.tools = [{ name: 't', input_schema: { type: 'object' } }]), /tools changed/],
      [(b) => (b.model = 'claude-mythos-5-1'), /made by claude-fable-5-1.*now asks claude-mythos-5-1/],
      [(b) => (b.messages as JsonObject[]).unshift({ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }), /made after 1 message/],
    ];
    for (const [edit, reason] of cases) {
      const found = codes(continued(edit));
      assert.equal(found.length, 2, `both blocks: ${found.join(' | ')}`);
      for (const m of found) assert.match(m, reason);
    }
    const edited = codes(continued((b) => (((b.messages as JsonObject[])[1].content as JsonObject[])[0].thinking = 'Changed.')));
    assert.ok(edited.some((m) => /was edited: the API refuses a thinking block/.test(m)));
  });

  it('without this session\'s calls: a block without its signature, or in a user turn', () => {
    const text = JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'thinking', thinking: 'x', signature: 's' }] }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }, { type: 'redacted_thinking' }, { type: 'text', text: 'a' }] }, { role: 'user', content: 'b' }] });
    const found = diagnoseRequest(text, context).filter((d) => d.code === 'thinking-binding');
    assert.equal(found.length, 3);
    assert.match(found[0].message, /in a user turn/);
    assert.match(found[1].message, /no signature/);
    assert.match(found[2].message, /no data/);
  });

  it('warns while a tool_result still holds the placeholder', () => {
    const msg = message([{ type: 'tool_use', id: 'toolu_q', name: 'lookup', input: {} }], 'tool_use');
    const next = nextTurns(record(msg), { next: '' }) as NextTurns;
    const result = appendTurns('{"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "q"}]}', next.turns);
    assert.ok(result.ok);
    if (!result.ok) return;
    const found = diagnoseRequest(result.text, context);
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['tool-result-placeholder', 'warning']]);
    assert.equal(result.text.slice(found[0].offset, found[0].offset + found[0].length), '"TODO: the result of lookup"');
  });
});

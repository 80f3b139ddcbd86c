// The conversation core on request files: format-preserving appends, forks, and the thinking-binding checks.
// Files are generated in classes (indentation, line ends, comments, trailing commas, one-line lists, empty lists),
// not picked as a handful of cases. conversation.test.ts has the assistant turn and what follows each stop_reason.
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { assistantTurnOf } from '../../src/core/conversation/assistantTurn';
import { appendTurns, layoutOf, setMaxTokens } from '../../src/core/conversation/fileEdits';
import { forkAt, messageIndexAt, messageSummaries } from '../../src/core/conversation/fork';
import { nextTurns, type NextTurns } from '../../src/core/conversation/nextTurns';
import { thinkingOriginsOf } from '../../src/core/conversation/conversationChecks';
import { diagnoseRequest } from '../../src/core/requestFiles/diagnostics';
import { parseRequestFile } from '../../src/core/requestFiles/requestFile';
import type { JsonObject } from '../../src/shared/callRecord';
import { seededRng } from '../../src/standIn/random';
import { context, message, record } from '../support/conversationRecords';

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

  it('names each message by its role and first words, to choose one from a list', () => {
    const long = 'word '.repeat(40);
    const file = JSON.stringify({
      messages: [
        { role: 'user', content: '  several\n\nlines   of   text ' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 't' }, { type: 'text', text: long }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x' }, { type: 'image', source: {} }] },
        { content: 7 },
      ],
    });
    const summaries = messageSummaries(file, 24);
    assert.deepEqual(summaries, [
      { index: 0, role: 'user', words: 'several lines of text' },
      { index: 1, role: 'assistant', words: 'word word word word wor…' },
      { index: 2, role: 'user', words: '(tool_result, image)' },
      { index: 3, role: '?', words: '' },
    ]);
    assert.deepEqual(messageSummaries(text).map((m) => m.words), ['one', 'two', 'three'], 'comments between messages are no message');
    assert.deepEqual(messageSummaries('{"model": "m"}'), []);
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

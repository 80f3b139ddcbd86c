import * as assert from 'node:assert/strict';
import { formatProblem, parseRequestFile } from '../../src/core/requestFile';

function problems(text: string) {
  const result = parseRequestFile(text);
  assert.equal(result.ok, false, 'expected the file to be refused');
  return result.ok ? [] : result.problems;
}

describe('request file', () => {
  it('reads JSON with comments and trailing commas, keeping every field', () => {
    const result = parseRequestFile(`{
      // which model
      "model": "claude-haiku-5-5",
      /* block comment */
      "messages": [{"role": "user", "content": "Hi"},],
      "future_field": {"x": 1},
    }`);
    assert.ok(result.ok);
    assert.deepEqual(result.body, {
      model: 'claude-haiku-5-5',
      messages: [{ role: 'user', content: 'Hi' }],
      future_field: { x: 1 },
    });
  });

  it('names the line and column of a syntax error', () => {
    const [first] = problems('{\n  "messages": [\n    {"role": "user" "content": "x"}\n  ]\n}');
    assert.equal(first.line, 3);
    assert.equal(first.column, 21);
    assert.match(first.message, /comma was expected/);
    assert.equal(formatProblem(first, 'a.claude.json'), 'a.claude.json:3:21: invalid JSON: a comma was expected');
  });

  it('refuses an unterminated string at its position', () => {
    const [first] = problems('{"messages": [{"role": "user", "content": "never closed}]}');
    assert.equal(first.line, 1);
    assert.match(first.message, /string is not closed/);
  });

  it('refuses an empty file', () => {
    assert.match(problems('   ')[0].message, /empty/);
  });

  it('refuses a body that is not an object', () => {
    assert.match(problems('[1, 2]')[0].message, /must be a JSON object.*not an array/);
  });

  it('says when messages is missing', () => {
    const [first] = problems('{"model": "claude-sonnet-5-5"}');
    assert.equal(first.field, 'messages');
    assert.match(first.message, /`messages` is missing/);
  });

  it('says when messages is empty', () => {
    assert.match(problems('{"messages": []}')[0].message, /`messages` is empty/);
  });

  it('names the field of a wrong type, at its position', () => {
    const text = '{\n  "max_tokens": "many",\n  "messages": [{"role": "user", "content": "x"}]\n}';
    const [first] = problems(text);
    assert.equal(first.field, 'max_tokens');
    assert.equal(first.line, 2);
    assert.equal(first.column, 17);
    assert.match(first.message, /`max_tokens` must be a whole number, not a string/);
  });

  it('checks each message and content block', () => {
    const found = problems('{"messages": [{"content": "x"}, {"role": 3, "content": "x"}, {"role": "user", "content": 5}, {"role": "user", "content": [{"text": "no type"}]}, "text"]}');
    assert.deepEqual(
      found.map((p) => p.field),
      ['messages[0].role', 'messages[1].role', 'messages[2].content', 'messages[3].content[0].type', 'messages[4]'],
    );
    assert.match(found[1].message, /must be a string \("user" or "assistant"\), not a number/);
  });

  it('refuses a negative or fractional max_tokens and non-string stop sequences', () => {
    const found = problems('{"max_tokens": 1.5, "stop_sequences": ["ok", 7], "stream": "yes", "messages": [{"role": "user", "content": "x"}]}');
    assert.deepEqual(found.map((p) => p.field), ['max_tokens', 'stream', 'stop_sequences[1]']);
  });

  it('accepts max_tokens 0 (cache pre-warming) and fields it does not know', () => {
    const result = parseRequestFile('{"max_tokens": 0, "speed": "fast", "messages": [{"role": "user", "content": "x"}]}');
    assert.ok(result.ok);
  });
});

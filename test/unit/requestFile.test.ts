import * as assert from 'node:assert/strict';
import { formatProblem, MAX_NESTING, parseRequestFile, RequestFileProblem } from '../../src/core/requestFiles/requestFile';
import { exactNumberText, expectedPosition, inexactNumberText, Json, printRequest, PrintOptions, randomRequest, seededRng } from './requestFileCases';

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
    // In the order they are in the file.
    assert.deepEqual(found.map((p) => p.field), ['max_tokens', 'stop_sequences[1]', 'stream']);
  });

  it('accepts max_tokens 0 (cache pre-warming) and fields it does not know', () => {
    const result = parseRequestFile('{"max_tokens": 0, "speed": "fast", "messages": [{"role": "user", "content": "x"}]}');
    assert.ok(result.ok);
  });
});

/** The problem of a code at an offset, with the line and column an editor would show there. */
function assertProblemAt(found: RequestFileProblem[], code: RequestFileProblem['code'], text: string, offset: number, context: string): RequestFileProblem {
  const problem = found.find((p) => p.code === code && p.offset === offset);
  assert.ok(problem, `${context}: expected a ${code} problem at offset ${offset}, got ${JSON.stringify(found.map((p) => [p.code, p.offset, p.message]))}`);
  assert.deepEqual({ line: problem.line, column: problem.column }, expectedPosition(text, offset), context);
  return problem;
}

const EOLS: PrintOptions['eol'][] = ['\n', '\r\n', '\r'];

describe('request file: what is sent is what was checked', () => {
  it('reads random valid files in every layout, keeping every value exactly', () => {
    const rng = seededRng(81);
    for (let i = 0; i < 300; i++) {
      const request = randomRequest(rng);
      const eol = EOLS[i % 3];
      const printed = printRequest(request, rng, { eol, comments: i % 2 === 0 });
      const text = i % 5 === 0 ? `\uFEFF${printed.text}` : printed.text;
      const result = parseRequestFile(text);
      assert.ok(result.ok, `case ${i}: ${JSON.stringify(!result.ok && result.problems)}`);
      assert.equal(JSON.stringify(result.body), JSON.stringify(request), `case ${i}: the body is the request as written`);
    }
  });

  it('refuses a duplicate key at any depth, at the second key, naming where the first is', () => {
    const rng = seededRng(82);
    for (let i = 0; i < 300; i++) {
      const request = randomRequest(rng);
      const probe = printRequest(request, rng, { eol: '\n', comments: false });
      const object = Math.floor(rng() * probe.objects);
      const printed = printRequest(request, seededRng(i), { eol: EOLS[i % 3], comments: i % 2 === 1, duplicateIn: { object, value: '"again"' } });
      const text = i % 4 === 0 ? `\uFEFF${printed.text}` : printed.text;
      const offset = printed.mark! + (text === printed.text ? 0 : 1);
      const result = parseRequestFile(text);
      assert.equal(result.ok, false, `case ${i}: a duplicate key is an error`);
      const problem = assertProblemAt(result.ok ? [] : result.problems, 'duplicate-key', text, offset, `case ${i}`);
      const key = JSON.parse(text.slice(offset, text.indexOf('":', offset) + 1)) as string;
      assert.match(problem.message, new RegExp(`^duplicate key ${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it is already at line \\d+, column \\d+;`));
      // --no-check lets the API have its say on duplicates.
      assert.ok(parseRequestFile(text, { check: false }).ok, `case ${i}: --no-check sends it`);
    }
  });

  it('points at the first key of a duplicate pair with the right line and column', () => {
    const text = '{\r\n  "messages": [{"role": "user", "content": "checked"}],\r\n  "messages": [{"role": "user", "content": "sent"}]\r\n}';
    const [problem] = problems(text);
    assert.equal(formatProblem(problem, 'f.claude.json'), 'f.claude.json:3:3: duplicate key "messages": it is already at line 2, column 3; JSON readers disagree on which one counts (the last would be sent): keep one');
    assert.equal(problem.field, 'messages');
  });

  it('refuses every number a double cannot hold, at its position; accepts every one it can, as written', () => {
    const rng = seededRng(83);
    for (let i = 0; i < 400; i++) {
      const request = randomRequest(rng);
      const probe = printRequest(request, rng, { eol: '\n', comments: false });
      // Not the first number, max_tokens: a fraction there is a shape error as well.
      const number = 1 + Math.floor(rng() * (probe.numbers - 1));
      const bad = inexactNumberText(rng);
      const printed = printRequest(request, seededRng(i), { eol: EOLS[i % 3], comments: i % 2 === 0, numberAs: { number, text: bad } });
      for (const check of [true, false]) {
        const result = parseRequestFile(printed.text, { check });
        assert.equal(result.ok, false, `case ${i}: ${bad} is refused (check: ${check})`);
        const problem = assertProblemAt(result.ok ? [] : result.problems, 'inexact-number', printed.text, printed.mark!, `case ${i} ${bad}`);
        assert.ok(problem.message.startsWith(`this number cannot be sent exactly: ${bad} would go out as `), problem.message);
      }
      const good = exactNumberText(rng);
      const fine = printRequest(request, seededRng(i), { eol: EOLS[i % 3], comments: false, numberAs: { number, text: good } });
      const result = parseRequestFile(fine.text);
      assert.ok(result.ok, `case ${i}: ${good} goes out exactly: ${JSON.stringify(!result.ok && result.problems)}`);
    }
  });

  it('says why a number would change', () => {
    const message = (n: string) => problems(`{"messages": [{"role": "user", "content": "x"}], "metadata": {"n": ${n}}}`)[0].message;
    assert.match(message('9007199254740993'), /9007199254740993 would go out as 9007199254740992 \(whole numbers above 2\^53 lose digits/);
    assert.match(message('1e400'), /1e400 would go out as null \(it is beyond the largest number/);
    assert.match(message('-0'), /-0 would go out as 0 \(JSON from JavaScript has no negative zero\)/);
    assert.match(message('1e-400'), /1e-400 would go out as 0 \(it is too small/);
  });

  it('refuses nesting deeper than the limit at the bracket that goes too deep, without running out of stack', () => {
    const rng = seededRng(84);
    for (let i = 0; i < 40; i++) {
      const levels = i < 5 ? [MAX_NESTING, MAX_NESTING + 1, 100_000, 1_000_000, 5000][i] : MAX_NESTING + Math.floor(rng() ** 3 * 50_000);
      const eol = EOLS[i % 3];
      const prefix = `{${eol}  "messages": [{"role": "user", "content": "deep"}],${eol}  "extra": `;
      let body = '';
      const opens: number[] = [];
      for (let d = 0; d < levels - 1; d++) {
        opens.push(prefix.length + body.length);
        body += rng() < 0.5 ? '[' : `{"k${d % 7}":${d % 50 === 0 ? eol : ''}`;
      }
      const closed = i % 2 === 0;
      let tail = '1';
      if (closed) {
        for (let d = levels - 2; d >= 0; d--) {
          tail += body[opens[d] - prefix.length] === '[' ? ']' : '}';
        }
        tail += `${eol}}`;
      }
      const text = prefix + body + tail;
      const depth = levels; // the root object is one level
      const result = parseRequestFile(text);
      if (depth <= MAX_NESTING && closed) {
        assert.ok(result.ok, `case ${i}: ${depth} levels are fine`);
        assert.ok(JSON.stringify(result.body).length > 0);
        continue;
      }
      if (depth <= MAX_NESTING) {
        assert.equal(result.ok, false);
        continue;
      }
      assert.equal(result.ok, false, `case ${i}: ${depth} levels`);
      const problem = assertProblemAt(result.ok ? [] : result.problems, 'too-deep', text, opens[MAX_NESTING - 1], `case ${i}`);
      assert.match(problem.message, /^nesting too deep: more than 256 levels of \[ and \{/);
    }
  });

  it('accepts a UTF-8 byte order mark, with positions as the editor shows them', () => {
    const text = '\uFEFF{"messages": [{"role": "user", "content": "x"}], "stream": "yes"}';
    const [problem] = problems(text);
    assert.deepEqual([problem.line, problem.column], [1, 60]);
    assert.ok(parseRequestFile('\uFEFF{"messages": [{"role": "user", "content": "x"}]}').ok);
  });

  it('gives the right line and column with LF, CRLF and CR-only line ends alike', () => {
    const rng = seededRng(85);
    for (let i = 0; i < 200; i++) {
      const request = randomRequest(rng);
      const probe = printRequest(request, rng, { eol: '\n', comments: false });
      const number = Math.floor(rng() * probe.numbers);
      const seen = new Set<string>();
      for (const eol of EOLS) {
        // A syntax error planted where a number was: the same place on every line end.
        const printed = printRequest(request, seededRng(i), { eol, comments: true, numberAs: { number, text: '+1' } });
        const result = parseRequestFile(printed.text);
        assert.equal(result.ok, false);
        const [first] = result.ok ? [] : result.problems;
        assert.deepEqual({ line: first.line, column: first.column }, expectedPosition(printed.text, printed.mark!), `case ${i} ${JSON.stringify(eol)}`);
        seen.add(`${first.line}:${first.column}`);
      }
      assert.equal(seen.size, 1, `case ${i}: the same position whatever the line ends`);
    }
  });

  it('names UTF-16 text that reached it as UTF-8 (NUL between the letters)', () => {
    const rng = seededRng(86);
    for (let i = 0; i < 60; i++) {
      const { text } = printRequest(randomRequest(rng), rng, { eol: EOLS[i % 3], comments: i % 2 === 0 });
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      for (const [bytes, name] of [[le, 'UTF-16 LE'], [be, 'UTF-16 BE']] as const) {
        const found = problems(bytes.toString('utf8'));
        assert.equal(found.length, 1);
        assert.equal(found[0].message, `the file is ${name}: save it as UTF-8`);
        assert.equal(found[0].code, 'encoding');
      }
    }
  });
});

export type { Json };

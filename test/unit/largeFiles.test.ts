// Big request files stay cheap to check: one stray character in a 5 MB string, a bad escape deep in a long string,
// thousands of messages with the same mistake. The time, the number of problems and where each is placed are what a
// user sees in the Problems panel and on the CLI's stderr. The files are drawn at random (seed in the title) from
// classes: text with any line ends, a string on one line or many, the fault anywhere in it.
import * as assert from 'node:assert/strict';
import { checkRequest, MAX_DIAGNOSTICS } from '../../src/core/requestFiles/diagnostics';
import { parseRequestFile } from '../../src/core/requestFiles/requestFile';
import { MAX_SYNTAX_ERRORS } from '../../src/core/requestFiles/syntaxErrors';
import { between, type Rng } from '../../src/standIn/random';
import { expectedPosition, seededRng } from './requestFileCases';

const CONTEXT = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };
const SEED = Number(process.env.LARGE_FILES_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MB = 1024 * 1024;

/** Prose of about `size` characters, with words, punctuation and (when `eol` is given) escaped line breaks. */
function prose(rng: Rng, size: number): string {
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet,', 'consectetur', 'adipiscing', 'elit.', 'é', '日本語', '😀', '{x}', '[1]'];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = words[between(rng, 0, words.length - 1)] + (rng() < 0.05 ? '\\n' : ' ');
    parts.push(word);
    length += word.length;
  }
  return parts.join('');
}

/** A request whose one user message is `content`, laid out with `eol`, and where the content starts. */
function requestAround(content: string, eol: string): { text: string; contentStart: number } {
  const head = `{${eol}  // a big one${eol}  "model": "claude-haiku-5-5",${eol}  "max_tokens": 64,${eol}  "messages": [${eol}    {"role": "user", "content": "`;
  return { text: `${head}${content}"}${eol}  ]${eol}}${eol}`, contentStart: head.length };
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe(`large request files (seed ${SEED}; LARGE_FILES_SEED replays)`, function () {
  this.timeout(60_000);
  const rng = seededRng(SEED);
  const eols = ['\n', '\r\n', '\r'];

  it('a stray quote typed into a 5 MB string: diagnostics in under 1 s, the first at the quote, then a capped few and "and more"', () => {
    // Warm the parser once, as an editor that has checked the file before the keystroke has.
    checkRequest(requestAround('warm up', '\n').text, CONTEXT);
    for (let round = 0; round < 3; round++) {
      const eol = eols[between(rng, 0, eols.length - 1)];
      const content = prose(rng, 5 * MB);
      const { text: clean, contentStart } = requestAround(content, eol);
      // Anywhere in the string, after a character that is not a backslash (there the quote would be escaped).
      let at = contentStart + between(rng, 1, content.length - 2);
      while (clean[at - 1] === '\\') {
        at++;
      }
      const text = clean.slice(0, at) + '"' + clean.slice(at);
      const { value, ms } = timed(() => checkRequest(text, CONTEXT));
      const context = `round ${round}, eol ${JSON.stringify(eol)}, quote at ${at}`;
      assert.ok(ms < 1000, `${context}: took ${Math.round(ms)} ms`);
      const errors = value.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length >= 1, context);
      assert.ok(errors.length <= MAX_SYNTAX_ERRORS + 1, `${context}: ${errors.length} errors`);
      // The first error is right after the quote that closed the string early: not at the string's start.
      assert.ok(errors[0].offset > at && errors[0].offset <= at + 40, `${context}: first error at ${errors[0].offset}`);
      if (errors.length === MAX_SYNTAX_ERRORS + 1) {
        assert.match(errors[MAX_SYNTAX_ERRORS].message, /^invalid JSON: and more syntax errors after this one, not listed/, context);
      }
      const parsed = parseRequestFile(text);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) {
        const first = parsed.problems[0];
        assert.deepEqual({ line: first.line, column: first.column }, expectedPosition(text, first.offset), context);
      }
      // Taking the quote out again: clean, as fast.
      const back = timed(() => checkRequest(clean, CONTEXT));
      assert.ok(back.ms < 1000, `${context}: clean check took ${Math.round(back.ms)} ms`);
      assert.deepEqual(back.value.diagnostics.filter((d) => d.severity === 'error'), [], context);
    }
  });

  it('a bad escape, a broken \\u escape or a raw control character deep in a long string is placed at that character', () => {
    const faults: { text: string; message: RegExp; length: number }[] = [
      { text: '\\q', message: /invalid escape character/, length: 2 },
      { text: '\\u12G4', message: /invalid unicode escape/, length: 6 },
      { text: '\u0007', message: /invalid character in a string/, length: 1 },
    ];
    for (let round = 0; round < 9; round++) {
      const fault = faults[round % faults.length];
      const eol = eols[between(rng, 0, eols.length - 1)];
      const content = prose(rng, between(rng, 1000, 400_000));
      const { text: clean, contentStart } = requestAround(content, eol);
      let at = contentStart + between(rng, 0, content.length - 1);
      while (clean[at - 1] === '\\') {
        at++;
      }
      const text = clean.slice(0, at) + fault.text + clean.slice(at);
      const parsed = parseRequestFile(text);
      const context = `round ${round}, ${JSON.stringify(fault.text)} at ${at}`;
      assert.equal(parsed.ok, false, context);
      if (parsed.ok) {
        continue;
      }
      assert.equal(parsed.problems.length, 1, context);
      const [problem] = parsed.problems;
      assert.match(problem.message, fault.message, context);
      assert.equal(problem.offset, at, context);
      assert.equal(problem.length, fault.length, context);
      assert.deepEqual({ line: problem.line, column: problem.column }, expectedPosition(text, at), context);
    }
  });

  it('thousands of messages with the same mistake: the first 200, then one entry that counts the rest', () => {
    for (let round = 0; round < 3; round++) {
      const count = between(rng, MAX_DIAGNOSTICS + 1, 20_000);
      const messages = Array.from({ length: count }, (_, i) => `{"role": "${i % 2 ? 'assistant' : 'user'}", "content": ""}`);
      // The last assistant turn's empty content is a warning (a prefill), every other one an error.
      const text = `{"model": "claude-haiku-5-5", "max_tokens": 9, "messages": [\n${messages.join(',\n')}\n]}`;
      const { value, ms } = timed(() => checkRequest(text, CONTEXT));
      const context = `${count} messages`;
      assert.ok(ms < 2000, `${context}: ${Math.round(ms)} ms`);
      assert.equal(value.diagnostics.length, MAX_DIAGNOSTICS + 1, context);
      const last = value.diagnostics[MAX_DIAGNOSTICS];
      assert.equal(last.message, `and ${(count - MAX_DIAGNOSTICS).toLocaleString('en-US')} more problems after this one, not listed`, context);
      assert.equal(last.severity, 'error', context);
    }
  });

  it('a valid 5 MB file (one long string, or thousands of messages) is checked in under 1 s, and its body is the file', () => {
    checkRequest(requestAround('warm up', '\n').text, CONTEXT);
    const long = requestAround(prose(rng, 5 * MB), '\n').text;
    const turns = Array.from({ length: 20_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: prose(rng, 200) }));
    turns.push({ role: 'user', content: 'and now?' });
    const many = JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 64, messages: turns }, null, 1);
    for (const [name, text] of [['one long string', long], ['20,000 messages', many]]) {
      const { value, ms } = timed(() => checkRequest(text, CONTEXT));
      assert.ok(ms < 1000, `${name}: ${Math.round(ms)} ms`);
      assert.deepEqual(value.diagnostics.filter((d) => d.severity === 'error'), [], name);
      assert.deepEqual(value.body, JSON.parse(text.replace(/^\s*\/\/.*$/m, '')), name);
    }
  });

  it('nesting too deep is still found at its bracket, shallow or thousands of levels deep', () => {
    for (const depth of [257, 300, 5_000, 100_000]) {
      const text = `{"messages": [{"role": "user", "content": "x"}], "extra": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const parsed = parseRequestFile(text);
      assert.equal(parsed.ok, false, `depth ${depth}`);
      if (!parsed.ok) {
        assert.equal(parsed.problems[0].code, 'too-deep', `depth ${depth}`);
        // The 256th "[" of "extra" is the 257th level (the object is the first).
        assert.equal(parsed.problems[0].offset, text.indexOf('[', text.indexOf('"extra"')) + 255, `depth ${depth}`);
      }
    }
  });
});

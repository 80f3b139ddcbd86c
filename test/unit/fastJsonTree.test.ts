// The fast parse of well-formed request files gives exactly jsonc-parser's tree, and gives up (leaving the errors to
// jsonc-parser) on anything else; what it hands over for the errors' parse (the text without the long strings it
// read) makes jsonc-parser report exactly the errors of the real text, mapped back; the bracket depth is the
// scanner's. Files are drawn at random (seed in the title): requests of every shape and layout, long strings with
// escapes, then one character typed or removed anywhere, the way an edit breaks a file.
import * as assert from 'node:assert/strict';
import { createScanner, type Node, type ParseError, parseTree, SyntaxKind } from 'jsonc-parser';
import { firstTooDeep } from '../../src/core/requestFiles/bracketDepth';
import { compactStrings, fastParseTree } from '../../src/core/requestFiles/fastJsonTree';
import { between, type Rng } from '../../src/standIn/random';
import { printRequest, randomRequest, seededRng } from './requestFileCases';

const SEED = Number(process.env.FAST_JSON_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OPTIONS = { allowTrailingComma: true, disallowComments: false };

/** A tree as plain data, each node's parent named by its offset and type (the tree is cyclic through parents). */
function plain(node: Node | undefined): unknown {
  if (!node) {
    return undefined;
  }
  const { parent, children, ...rest } = node;
  return { ...rest, parent: parent ? `${parent.type}@${parent.offset}` : undefined, children: children?.map(plain) };
}

/** The scanner's answer, as the check had it before: the first bracket deeper than `max`. */
function scannerTooDeep(text: string, max: number): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > max) {
        return scanner.getTokenOffset();
      }
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Text with what breaks parsers: escapes of every kind, unicode, brackets and quotes inside strings. */
function longString(rng: Rng, size: number): string {
  const pieces = ['lorem ', 'ipsum ', '\\"q\\" ', '\\\\', '\\n', '\\t', '\\/', '\\u00e9', '\\uD83D\\uDE00', '{x} ', '[1] ', '日本語', '😀', '// not a comment ', ': , '];
  const out: string[] = [];
  let length = 0;
  while (length < size) {
    const piece = pieces[between(rng, 0, pieces.length - 1)];
    out.push(piece);
    length += piece.length;
  }
  return out.join('');
}

function validText(rng: Rng): string {
  const kind = between(rng, 0, 3);
  if (kind === 0) {
    const long = () => longString(rng, between(rng, 10, 20_000));
    return `{"model": "m", "messages": [{"role": "user", "content": "${long()}"}, {"role": "assistant", "content": "${long()}"}],}\n`;
  }
  if (kind === 1) {
    const depth = between(rng, 1, 300);
    return `${'['.repeat(depth)}${between(rng, 0, 1) ? '"x"' : '1e5'}${']'.repeat(depth)}`;
  }
  const eol = (['\n', '\r\n', '\r'] as const)[between(rng, 0, 2)];
  return printRequest(randomRequest(rng), rng, { eol, comments: kind === 3 }).text;
}

/** One character typed or removed somewhere: what a keystroke does to a file. */
function edited(rng: Rng, text: string): string {
  const at = between(rng, 0, text.length);
  if (rng() < 0.3) {
    return text.slice(0, at) + text.slice(at + 1);
  }
  const typed = ['"', '\\', '{', '}', '[', ']', ',', ':', '/', '*', '\n', '\r', '\t', '\u0001', 'x', '0', '-', '.', 'e', '\u00a0', ' '];
  return text.slice(0, at) + typed[between(rng, 0, typed.length - 1)] + text.slice(at);
}

describe(`fast parse of request files (seed ${SEED}; FAST_JSON_SEED replays)`, () => {
  const rng = seededRng(SEED);

  it('a well-formed file of any shape, layout and escapes: the same tree as jsonc-parser, without falling back', () => {
    for (let i = 0; i < 300; i++) {
      const text = validText(rng);
      const errors: ParseError[] = [];
      const expected = parseTree(text, errors, OPTIONS);
      const fast = fastParseTree(text);
      // Comments hold non-breaking spaces (the printer's block comments), outside them only plain white space.
      assert.equal(errors.length, 0, `case ${i} is valid`);
      assert.ok(fast.ok, `case ${i}: the fast parse fell back on a valid file: ${JSON.stringify(text.slice(0, 200))}`);
      assert.deepEqual(plain(fast.root), plain(expected), `case ${i}`);
    }
  });

  it('after a character typed or removed anywhere: the same tree when it parses; when not, the same errors and depth from the compacted text, mapped back', () => {
    let fellBack = 0;
    let masked = 0;
    for (let i = 0; i < 600; i++) {
      const text = edited(rng, validText(rng));
      const errors: ParseError[] = [];
      const expected = parseTree(text, errors, OPTIONS);
      const fast = fastParseTree(text);
      if (fast.ok) {
        assert.equal(errors.length, 0, `case ${i}: the fast parse accepted what jsonc-parser refuses: ${JSON.stringify(text.slice(0, 300))}`);
        assert.deepEqual(plain(fast.root), plain(expected), `case ${i}`);
        continue;
      }
      fellBack++;
      const scanned = compactStrings(text, fast.strings);
      masked += scanned.text === text ? 0 : 1;
      const compactErrors: ParseError[] = [];
      parseTree(scanned.text, compactErrors, OPTIONS);
      const placed = compactErrors.map((e) => ({ ...e, offset: scanned.toOriginal(e.offset), length: scanned.toOriginal(e.offset + e.length) - scanned.toOriginal(e.offset) }));
      assert.deepEqual(placed, errors, `case ${i}: ${JSON.stringify(text.slice(0, 300))}`);
      const max = between(rng, 1, 40);
      const deep = firstTooDeep(scanned.text, max);
      assert.equal(deep === undefined ? undefined : scanned.toOriginal(deep), scannerTooDeep(text, max), `case ${i} (depth ${max})`);
    }
    assert.ok(fellBack > 100, `most edits break the file (${fellBack} of 600)`);
    assert.ok(masked > 10, `long strings before the fault were taken out in ${masked} cases`);
  });

  it('the depth of brackets is the scanner\'s, in broken text too (strings cut by line breaks, comments, escapes)', () => {
    for (let i = 0; i < 400; i++) {
      let text = validText(rng);
      for (let k = between(rng, 0, 3); k > 0; k--) {
        text = edited(rng, text);
      }
      const max = between(rng, 1, 40);
      assert.equal(firstTooDeep(text, max), scannerTooDeep(text, max), `case ${i} (max ${max}): ${JSON.stringify(text.slice(0, 300))}`);
    }
  });
});

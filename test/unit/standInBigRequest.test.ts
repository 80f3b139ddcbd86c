// A big request to the stand-in: its answer quotes the start of the message and counts its characters as before,
// without spreading 5 MB into an array of characters (the stand-in took over half a second, on a quiet machine, to
// answer a 5 MB request before); its seed still tells requests apart.
import * as assert from 'node:assert/strict';
import { characterCount, quote } from '../../src/standIn/conversation';
import { hashSeed } from '../../src/standIn/random';
import { startStandIn, type StandIn } from '../../src/standIn/server';

/** Text of every kind of code unit: ASCII, BMP, surrogate pairs, and lone surrogates of both halves. */
function mixed(length: number, seed: number): string {
  const pieces = ['a', ' ', 'é', '字', '😀', '👍🏽', '\ud800', '\udc00', '\ud83d'];
  let out = '';
  let state = seed;
  while (out.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += pieces[state % pieces.length];
  }
  return out;
}

describe('stand-in: a big request', function () {
  this.timeout(60_000);

  it('counts and quotes characters as [...text] does, whatever the surrogates', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = mixed(seed % 50, seed);
      const chars = [...text];
      assert.equal(characterCount(text), chars.length, JSON.stringify(text));
      for (const max of [0, 1, 3, 10, 49]) {
        const expected = chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
        assert.equal(quote(text, max), expected, `${JSON.stringify(text)} at ${max}`);
      }
    }
  });

  it('gives the same text the same seed, and a different one another, long or short', () => {
    const long = 'many words '.repeat(600_000);
    assert.equal(hashSeed(long), hashSeed(`${long}`));
    assert.notEqual(hashSeed(long), hashSeed(`${long}!`), 'a longer text');
    assert.notEqual(hashSeed(long), hashSeed(`X${long.slice(1)}`), 'a change at the start');
    assert.notEqual(hashSeed(long), hashSeed(`${long.slice(0, -1)}X`), 'a change at the end');
    assert.notEqual(hashSeed('abc'), hashSeed('abd'));
  });

  describe('over HTTP', () => {
    let standIn: StandIn;
    before(async () => {
      standIn = await startStandIn({});
    });
    after(() => standIn?.close());

    it('answers a 5 MB message quoting its start and counting all of it', async () => {
      const text = `MARK_START 😀 ${'a long document of many words '.repeat(175_000)}the end`;
      const response = await fetch(`${standIn.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'stand-in-not-a-real-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 100, messages: [{ role: 'user', content: text }] }),
      });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { content: Array<{ type: string; text?: string }> };
      const said = answer.content.find((block) => block.type === 'text')?.text ?? '';
      assert.match(said, /You said: "MARK_START 😀 a long document/);
      assert.ok(said.includes(`(${[...text].length} characters in all)`), said.slice(0, 400));
    });
  });
});

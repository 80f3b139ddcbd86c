// The markdown segmenter (pure, no browser): where it cuts, that cuts never split a block, and that streaming
// the text in any pieces gives the same segments as splitting it whole.
import * as assert from 'node:assert/strict';
import { MarkdownSegmenter, type Segment } from '../../src/webview/markdown/segmenter';

function texts(segments: Segment[]): string[] {
  return segments.map((segment) => segment.text);
}

function streamed(text: string, size: number): Segment[] {
  const segmenter = new MarkdownSegmenter();
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i += size) {
    out.push(...segmenter.push(text.slice(i, i + size)));
  }
  out.push(...segmenter.end());
  return out;
}

describe('webview: markdown segmenter', () => {
  it('cuts between paragraphs, keeping every character', () => {
    const text = 'One.\n\nTwo\nstill two.\n\n\nThree.';
    assert.deepEqual(texts(MarkdownSegmenter.split(text)), ['One.\n\n', 'Two\nstill two.\n\n\n', 'Three.']);
  });

  it('never cuts inside a code fence, even at blank lines', () => {
    const text = 'Intro\n\n```py\na = 1\n\n\nb = 2\n```\n\nAfter';
    const segments = MarkdownSegmenter.split(text);
    assert.deepEqual(texts(segments), ['Intro\n\n', '```py\na = 1\n\n\nb = 2\n```\n', '\nAfter']);
    assert.deepEqual(segments[1].fence, { info: 'py', contentStart: 6, contentEnd: 20, closed: true });
  });

  it('treats a longer closing fence and tildes right, and ignores a shorter one', () => {
    const text = '~~~~\n~~~\nstill code\n\n~~~~~\n\nafter';
    assert.deepEqual(texts(MarkdownSegmenter.split(text)), ['~~~~\n~~~\nstill code\n\n~~~~~\n', '\nafter']);
  });

  it('does not cut before an indented line (list continuation, indented code)', () => {
    const text = '- item\n\n    code in the item\n\n  more of the item\n\nNext';
    assert.deepEqual(texts(MarkdownSegmenter.split(text)), ['- item\n\n    code in the item\n\n  more of the item\n\n', 'Next']);
  });

  it('keeps a fence inside a list item whole', () => {
    const text = '1. step\n\n   ```\n   x\n\n   y\n   ```\n\n2. next';
    assert.deepEqual(texts(MarkdownSegmenter.split(text)), ['1. step\n\n   ```\n   x\n\n   y\n   ```\n\n', '2. next']);
  });

  it('cuts a long tight list before an item, marked as continuing', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `- item number ${i}\n`).join('');
    const segments = MarkdownSegmenter.split(items);
    assert.ok(segments.length > 3);
    assert.equal(texts(segments).join(''), items);
    assert.ok(segments.slice(1).every((segment) => segment.continues && segment.text.startsWith('- item')));
    assert.ok(segments.every((segment) => segment.text.length < 9 * 1024));
  });

  it('does not cut a table or a setext heading when forced', () => {
    const limits = { softChars: 10, hardChars: 20, lineChars: 1000 };
    const table = '| a | b |\n|---|---|\n' + '| 1 | 2 |\n'.repeat(10);
    assert.deepEqual(texts(MarkdownSegmenter.split(table, limits)), [table]);
    const setext = 'A heading that is long\n===\n';
    assert.deepEqual(texts(MarkdownSegmenter.split(setext, limits)), [setext]);
  });

  it('cuts an endless line at whitespace', () => {
    const line = 'word '.repeat(40_000);
    const segments = MarkdownSegmenter.split(line);
    assert.ok(segments.length >= 3);
    assert.equal(texts(segments).join(''), line);
    assert.ok(segments.every((segment) => segment.text.length <= 64 * 1024));
  });

  it('gives the same segments streamed in any pieces as split whole', () => {
    const text = [
      '# Title\n\nPara one.\n\n',
      '```js\nconst a = 1;\n\nconst b = 2;\n```\n\n',
      '- a\n- b\n\n  continued\n\n',
      '> quote\n\nText with `code`.\n',
      Array.from({ length: 500 }, (_, i) => `${i + 1}. item\n`).join(''),
    ].join('');
    const whole = texts(MarkdownSegmenter.split(text));
    assert.equal(whole.join(''), text);
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const pieces = streamed(text, size);
      assert.equal(texts(pieces).join(''), text, `pieces of ${size}`);
      // Streaming may finish a paragraph a little earlier, but never cuts where splitting whole does not.
      const cutsWhole = new Set(whole.map((_, i) => whole.slice(0, i + 1).join('').length));
      let at = 0;
      for (const segment of pieces) {
        at += segment.text.length;
        assert.ok(cutsWhole.has(at), `cut at ${at} with pieces of ${size} is a cut of the whole text`);
      }
    }
  });

  it('exposes an open fence in the tail, so its code can be appended', () => {
    const segmenter = new MarkdownSegmenter();
    assert.deepEqual(texts(segmenter.push('Text\n\n```python\nprint(1)\n')), ['Text\n\n']);
    assert.deepEqual(segmenter.tailFence, { info: 'python', contentStart: 10 });
    assert.equal(segmenter.tail.slice(10), 'print(1)\n');
    assert.deepEqual(texts(segmenter.push('```\nafter')), ['```python\nprint(1)\n```\n']);
    assert.equal(segmenter.tailFence, undefined);
    assert.equal(segmenter.tail, 'after');
  });

  it('finishes a paragraph as soon as the next one begins', () => {
    const segmenter = new MarkdownSegmenter();
    assert.deepEqual(texts(segmenter.push('Para one.\n\nP')), ['Para one.\n\n']);
    assert.equal(segmenter.tail, 'P');
  });
});

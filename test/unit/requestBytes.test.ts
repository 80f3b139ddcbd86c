import * as assert from 'node:assert/strict';
import { decodeRequestBytes, MAX_REQUEST_BYTES, wideEncoding } from '../../src/core/requestFiles/requestBytes';
import { printRequest, randomRequest, seededRng } from './requestFileCases';

/** UTF-32 LE bytes of a text. */
function utf32le(text: string): Buffer {
  const points = Array.from(text, (c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => out.writeUInt32LE(p, i * 4));
  return out;
}

describe('request file bytes', () => {
  const rng = seededRng(91);
  const texts = Array.from({ length: 60 }, (_, i) => printRequest(randomRequest(rng), rng, { eol: (['\n', '\r\n', '\r'] as const)[i % 3], comments: i % 2 === 0 }).text);

  it('decodes UTF-8, with or without a byte order mark, to the same text', () => {
    for (const text of texts) {
      const plain = decodeRequestBytes(Buffer.from(text));
      const marked = decodeRequestBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      assert.deepEqual(plain, { ok: true, text });
      assert.deepEqual(marked, { ok: true, text });
    }
  });

  it('names UTF-16 and UTF-32, LE and BE, with or without a byte order mark', () => {
    for (const text of texts) {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      const le32 = utf32le(text);
      const be32 = Buffer.from(le32).swap32();
      const cases: [Buffer, string][] = [
        [le, 'UTF-16 LE'],
        [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'UTF-16 LE'],
        [be, 'UTF-16 BE'],
        [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'UTF-16 BE'],
        [le32, 'UTF-32 LE'],
        [Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), le32]), 'UTF-32 LE'],
        [be32, 'UTF-32 BE'],
        [Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), be32]), 'UTF-32 BE'],
      ];
      for (const [bytes, name] of cases) {
        assert.equal(wideEncoding(bytes), name);
        assert.deepEqual(decodeRequestBytes(bytes), { ok: false, message: `the file is ${name}: save it as UTF-8` });
      }
    }
  });

  it('refuses binary data and invalid UTF-8 at the line and column of the first bad byte', () => {
    for (const [i, text] of texts.entries()) {
      const cut = Math.floor(text.length / 2);
      const before = text.slice(0, cut);
      const lines = before.split(/\r\n|\r|\n/);
      const where = { line: lines.length, column: lines[lines.length - 1].length + 1 };
      // A lone continuation byte, a truncated sequence, an overlong form, a surrogate, a byte that never occurs.
      const bad = [[0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]][i % 5];
      const invalid = Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(text.slice(cut))]);
      assert.deepEqual(decodeRequestBytes(invalid), { ok: false, message: 'invalid UTF-8: a request file must be saved as UTF-8 text', ...where });
      const binary = Buffer.concat([Buffer.from(before), Buffer.from([0, 1, 2, 3]), Buffer.from(text.slice(cut))]);
      assert.deepEqual(decodeRequestBytes(binary), { ok: false, message: 'the file holds NUL bytes: it is binary data, not a UTF-8 JSON request file', ...where });
    }
  });

  it('refuses more than 32 MB', () => {
    const result = decodeRequestBytes(Buffer.alloc(MAX_REQUEST_BYTES + 1, 0x20));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /larger than 32 MB/);
    assert.equal(decodeRequestBytes(Buffer.alloc(MAX_REQUEST_BYTES, 0x20)).ok, true);
  });
});

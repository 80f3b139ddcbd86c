// Turns the bytes of a request file into its text, or names why they are not a UTF-8 JSON file: UTF-16 and UTF-32
// (with or without a byte order mark), binary data, invalid UTF-8, or more than the API would ever accept.

/** The Messages API refuses requests above 32 MB; a bigger file could never be sent. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export type DecodedRequest =
  | { ok: true; text: string }
  | { ok: false; message: string; /** 1-based, when the problem is at a place in the file. */ line?: number; column?: number };

/** "UTF-16 LE" etc. when the bytes look like UTF-16 or UTF-32 text, from a byte order mark or the pattern of NUL bytes. */
export function wideEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) {
    return 'UTF-32 LE';
  }
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) {
    return 'UTF-32 BE';
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return 'UTF-16 LE';
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return 'UTF-16 BE';
  }
  // Without a mark: JSON's punctuation and keys are ASCII, so UTF-16 text has a NUL in many odd (LE) or even (BE)
  // bytes and none on the other side; UTF-32 has NULs in its two high bytes of every character below U+10000.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) - (Math.min(bytes.length, 4096) % 4));
  if (sample.length < 4) {
    return undefined;
  }
  const zeros = [0, 0, 0, 0];
  sample.forEach((b, i) => {
    if (b === 0) {
      zeros[i % 4]++;
    }
  });
  const quarter = sample.length / 4;
  // (The low byte is 0 for a few characters, such as U+1F600.)
  if (zeros[3] === quarter && zeros[2] >= quarter * 0.75 && zeros[0] <= quarter / 10) {
    return 'UTF-32 LE';
  }
  if (zeros[0] === quarter && zeros[1] >= quarter * 0.75 && zeros[3] <= quarter / 10) {
    return 'UTF-32 BE';
  }
  const even = zeros[0] + zeros[2];
  const odd = zeros[1] + zeros[3];
  const half = sample.length / 2;
  // A few NULs on the other side are characters such as U+4E00, whose low byte is 0.
  if (odd >= half * 0.3 && even <= odd / 10) {
    return 'UTF-16 LE';
  }
  if (even >= half * 0.3 && odd <= even / 10) {
    return 'UTF-16 BE';
  }
  return undefined;
}

/** Line and column (1-based, columns in UTF-16 code units like an editor's) of a byte offset in valid UTF-8 before it. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('utf8');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].replace(/^\uFEFF/, '').length + 1 };
}

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) {
        return i;
      }
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The text of a request file from its bytes. A UTF-8 byte order mark is accepted and dropped (editors do not count
 * it as a column either); anything that is not UTF-8 text is refused by name, never decoded into a wrong request.
 */
export function decodeRequestBytes(bytes: Uint8Array): DecodedRequest {
  if (bytes.length > MAX_REQUEST_BYTES) {
    return { ok: false, message: `it is larger than 32 MB (${bytes.length} bytes), the most the API accepts in one request` };
  }
  const wide = wideEncoding(bytes);
  if (wide) {
    return { ok: false, message: `the file is ${wide}: save it as UTF-8` };
  }
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidUtf8(bytes);
  if (nul !== -1 && (invalid === -1 || nul < invalid)) {
    return { ok: false, message: 'the file holds NUL bytes: it is binary data, not a UTF-8 JSON request file', ...bytePosition(bytes, nul) };
  }
  if (invalid !== -1) {
    return { ok: false, message: 'invalid UTF-8: a request file must be saved as UTF-8 text', ...bytePosition(bytes, invalid) };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
}

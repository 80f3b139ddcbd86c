// Random request files for the request-file tests: a valid request of random shape and depth, printed with the line
// ends, comments and layout a user might have, with one planted fault whose offset the printer records. The tests
// compute the expected line and column from that offset on their own, so a wrong position cannot agree by chance.
import { between, Rng, seededRng } from '../../src/standIn/random';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export { seededRng };
export type { Rng };

const WORDS = ['alpha', 'beta', 'gamma', 'naïve', 'café', '日本語', 'emoji 😀', 'quote " inside', 'back\\slash', 'tab\tin', 'line\nbreak', 'a/b', ''];
const KEYS = ['type', 'name', 'description', 'items', 'properties', 'value', 'x', 'enum', 'default', 'nested', 'ключ', '键'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** A number that a double holds exactly, as String() prints it. */
function exactNumber(rng: Rng): number {
  switch (between(rng, 0, 3)) {
    case 0:
      return between(rng, -1000, 100000);
    case 1:
      return Math.round(rng() * 1e6) / 100;
    case 2:
      return (rng() - 0.5) * 10 ** between(rng, -20, 300);
    default:
      return between(rng, 0, 2 ** 30) * 2 ** 23; // up to 2^53
  }
}

function randomValue(rng: Rng, depth: number): Json {
  const kind = depth <= 0 ? between(rng, 0, 3) : between(rng, 0, 5);
  switch (kind) {
    case 0:
      return pick(rng, WORDS);
    case 1:
      return exactNumber(rng);
    case 2:
      return pick(rng, [true, false, null]);
    case 3:
      return `${pick(rng, WORDS)} ${between(rng, 0, 99)}`;
    case 4:
      return Array.from({ length: between(rng, 0, 3) }, () => randomValue(rng, depth - 1));
    default:
      return randomObject(rng, depth - 1);
  }
}

function randomObject(rng: Rng, depth: number): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const count = between(rng, 1, 4);
  for (let i = 0; i < count; i++) {
    out[`${pick(rng, KEYS)}${i}`] = randomValue(rng, depth);
  }
  return out;
}

/** A request the checks accept: the fields everyone uses, and random depth in metadata and a tool's schema. */
export function randomRequest(rng: Rng): { [key: string]: Json } {
  const turns = between(rng, 1, 3) * 2 - 1;
  return {
    model: pick(rng, ['claude-sonnet-5-5', 'claude-haiku-5-5']),
    max_tokens: between(rng, 1, 4096),
    messages: Array.from({ length: turns }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: rng() < 0.5 ? `${pick(rng, WORDS)} turn ${i}` : [{ type: 'text', text: `turn ${i} ${pick(rng, WORDS)}` }],
    })),
    metadata: { user_id: `u-${between(rng, 0, 999)}` },
    tools: [{ name: 'lookup', description: pick(rng, WORDS), input_schema: { type: 'object', maxProperties: between(rng, 1, 99), properties: randomObject(rng, between(rng, 0, 12)) } }],
    extra_field: randomValue(rng, between(rng, 0, 8)),
  };
}

export interface PrintOptions {
  eol: '\n' | '\r\n' | '\r';
  /** Write `// comments` and block comments between values. */
  comments: boolean;
  /** Plant a second copy of a key in the n-th object (in document order), with this value text. */
  duplicateIn?: { object: number; value: string };
  /** Write the n-th number as this text instead. */
  numberAs?: { number: number; text: string };
}

export interface Printed {
  text: string;
  /** Offset of the planted fault: the duplicate key's quote, or the replaced number. */
  mark?: number;
  objects: number;
  numbers: number;
}

/** Prints JSON with comments the way a person might lay it out, planting at most one fault. */
export function printRequest(value: Json, rng: Rng, options: PrintOptions): Printed {
  let text = '';
  let mark: number | undefined;
  let objects = 0;
  let numbers = 0;
  const newline = (depth: number) => {
    if (options.comments && rng() < 0.15) {
      text += rng() < 0.5 ? ` // note ${pick(rng, WORDS).replace(/\n/g, ' ')}` : ' /* a\u00a0block */';
    }
    text += options.eol + '  '.repeat(depth);
  };
  const write = (node: Json, depth: number): void => {
    if (typeof node === 'number') {
      if (options.numberAs && numbers === options.numberAs.number) {
        mark = text.length;
        text += options.numberAs.text;
      } else {
        text += rng() < 0.2 && Number.isInteger(node) && Math.abs(node) < 1e15 ? `${node}.0` : String(node);
      }
      numbers++;
    } else if (Array.isArray(node)) {
      text += '[';
      node.forEach((item, i) => {
        newline(depth + 1);
        write(item, depth + 1);
        if (i < node.length - 1 || (options.comments && rng() < 0.2)) {
          text += ',';
        }
      });
      newline(depth);
      text += ']';
    } else if (node !== null && typeof node === 'object') {
      const index = objects++;
      const keys = Object.keys(node);
      text += '{';
      keys.forEach((key, i) => {
        newline(depth + 1);
        text += `${JSON.stringify(key)}: `;
        write(node[key], depth + 1);
        if (i < keys.length - 1) {
          text += ',';
        }
      });
      if (options.duplicateIn?.object === index && keys.length > 0) {
        text += ',';
        newline(depth + 1);
        mark = text.length;
        text += `${JSON.stringify(pick(rng, keys))}: ${options.duplicateIn.value}`;
      }
      newline(depth);
      text += '}';
    } else {
      text += JSON.stringify(node);
    }
  };
  write(value, 0);
  text += options.eol;
  return { text, mark, objects, numbers };
}

/** Line and column of an offset, computed the plain way: split the text before it on every kind of line end. */
export function expectedPosition(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Numbers no double holds: each class is inexact by construction, not by asking the code under test. */
export function inexactNumberText(rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => between(rng, 0, 9)).join('');
  const nonZero = () => String(between(rng, 1, 9));
  const sign = rng() < 0.3 ? '-' : '';
  switch (between(rng, 0, 4)) {
    case 0: // an odd integer between 2^53 and 2^63: doubles are even there
      return `${sign}${(2n ** 53n + BigInt(between(rng, 0, 2 ** 30)) * 2n ** BigInt(between(rng, 0, 9)) * 2n + 1n).toString()}`;
    case 1: // 20 to 40 significant digits ending in a non-zero digit: a double prints at most 17
      return `${sign}${nonZero()}${digits(between(rng, 18, 38))}${nonZero()}`;
    case 2: // beyond the largest double
      return `${sign}${nonZero()}${rng() < 0.5 ? `.${digits(3)}` : ''}e${rng() < 0.5 ? '+' : ''}${between(rng, 309, 100000)}`;
    case 3: // below the smallest double
      return `${sign}${nonZero()}.${digits(2)}E-${between(rng, 330, 100000)}`;
    default: // negative zero, however it is written
      return pick(rng, ['-0', '-0.0', '-0e5', '-0.000E-3', '-0E+0']);
  }
}

/** Numbers a double holds exactly, written the many ways JSON allows. */
export function exactNumberText(rng: Rng): string {
  const value = exactNumber(rng);
  const plain = String(value);
  switch (between(rng, 0, 3)) {
    case 0:
      return plain;
    case 1:
      return value.toExponential().replace('e+', rng() < 0.5 ? 'E+' : 'e');
    case 2:
      return plain.includes('e') ? plain : `${plain}${plain.includes('.') ? '' : '.'}000`;
    default:
      return Number.isInteger(value) && Math.abs(value) < 1e20 ? `${BigInt(value)}` : plain;
  }
}

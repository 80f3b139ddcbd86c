// A fast path for the parse of a request file that is valid JSON with comments: the same tree as jsonc-parser's
// parseTree (same nodes, offsets, lengths, values), about ten times sooner on big strings. jsonc-parser builds each
// string's value one escape at a time (a 5 MB string with an escape every few dozen characters is hundreds of
// thousands of concatenations and most of the check's time, in garbage collection); here a string's end is found by the
// engine's search for its closing quote and its value made by the engine (JSON.parse of the literal, or a slice without escapes).
// It knows only well-formed text: at the first thing it does not expect it gives up and says where, and the caller
// parses with jsonc-parser, which reports the errors. What it read before giving up is not wasted: the long strings
// it checked are handed back, so that jsonc-parser can skip their content (compactStrings).
import { type Node, parseTree } from 'jsonc-parser';

export type FastParse =
  | { ok: true; root: Node }
  /** `strings`: [start, end) of the string literals read whole before giving up, quotes included, long ones only. */
  | { ok: false; strings: [number, number][] };

/** Shorter strings are not worth masking: jsonc-parser reads them quickly enough. */
const MASK_FROM = 1024;

/** A raw control character (U+0000 to U+001F), which a string may not hold. */
const CONTROL = /[\u0000-\u001f]/;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class GiveUp extends Error {}

/** jsonc-parser's Node, writable while it is built. */
interface Built {
  type: Node['type'];
  offset: number;
  length: number;
  parent?: Built;
  children?: Built[];
  value?: unknown;
  colonOffset?: number;
}

export function fastParseTree(text: string): FastParse {
  const strings: [number, number][] = [];
  let pos = 0;
  const len = text.length;
  const giveUp = (): never => {
    throw new GiveUp();
  };

  /** Skips white space and comments as jsonc-parser's scanner does, but only the plain kinds of white space. */
  const skip = (): void => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        pos++;
      } else if (c === 47 /* / */) {
        const next = text.charCodeAt(pos + 1);
        if (next === 47) {
          pos += 2;
          while (pos < len && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) {
            pos++;
          }
        } else if (next === 42 /* * */) {
          const end = text.indexOf('*/', pos + 2);
          if (end === -1) {
            giveUp();
          }
          pos = end + 2;
        } else {
          giveUp();
        }
      } else {
        return;
      }
    }
  };

  /** The string literal at `pos` (its opening quote): its value; `pos` is left after the closing quote. */
  const string = (): string => {
    const start = pos;
    // The closing quote: the next one not escaped (after an even number of backslashes). Found by the engine's
    // search, not by a loop here: a 5 MB string is a few milliseconds.
    let end = start;
    for (;;) {
      end = text.indexOf('"', end + 1);
      if (end === -1) {
        return giveUp();
      }
      let before = end - 1;
      while (text.charCodeAt(before) === 92 /* \ */) {
        before--;
      }
      if ((end - 1 - before) % 2 === 0) {
        break;
      }
    }
    pos = end + 1;
    let value = text.slice(start + 1, end);
    if (!value.includes('\\')) {
      // Raw control characters (a line break among them) are errors in a string.
      if (CONTROL.test(value)) {
        return giveUp();
      }
    } else {
      try {
        // The engine checks what the scanner would refuse (\q, \u12, raw control characters) and decodes.
        value = JSON.parse(text.slice(start, pos)) as string;
      } catch {
        return giveUp();
      }
    }
    if (pos - start >= MASK_FROM) {
      strings.push([start, pos]);
    }
    return value;
  };

  const literal = (parent: Built): Built => {
    const offset = pos;
    const c = text.charCodeAt(pos);
    if (c === 34) {
      const value = string();
      return { type: 'string', offset, length: pos - offset, parent, value };
    }
    const word = (w: string, value: boolean | null): Built => {
      if (!text.startsWith(w, pos)) {
        giveUp();
      }
      pos += w.length;
      return { type: value === null ? 'null' : 'boolean', offset, length: w.length, parent, value };
    };
    if (c === 116 /* t */) {
      return word('true', true);
    }
    if (c === 102 /* f */) {
      return word('false', false);
    }
    if (c === 110 /* n */) {
      return word('null', null);
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) {
      return giveUp();
    }
    pos += match[0].length;
    return { type: 'number', offset, length: match[0].length, parent, value: Number(match[0]) };
  };

  /** A value at `pos`; arrays and objects on an explicit stack: no depth overflows it (the caller limits depth). */
  const value = (parent: Built): Built => {
    const c = text.charCodeAt(pos);
    if (c !== 123 /* { */ && c !== 91 /* [ */) {
      return literal(parent);
    }
    const top: Built = { type: c === 123 ? 'object' : 'array', offset: pos, length: -1, parent, children: [] };
    pos++;
    // Each open container, innermost last; `first` whether its next child would be its first.
    const open: { node: Built; first: boolean }[] = [{ node: top, first: true }];
    while (open.length > 0) {
      const frame = open[open.length - 1];
      const container = frame.node;
      skip();
      const close = container.type === 'object' ? 125 /* } */ : 93; /* ] */
      let c2 = text.charCodeAt(pos);
      if (!frame.first && c2 !== close) {
        if (c2 !== 44 /* , */) {
          giveUp();
        }
        pos++;
        skip();
        c2 = text.charCodeAt(pos);
      }
      // A trailing comma is allowed, as the editor's parse allows it.
      if (c2 === close) {
        pos++;
        container.length = pos - container.offset;
        open.pop();
        const holder = container.parent;
        if (holder?.type === 'property') {
          holder.length = pos - holder.offset;
        }
        continue;
      }
      frame.first = false;
      let into = container;
      if (container.type === 'object') {
        if (c2 !== 34) {
          giveUp();
        }
        const property: Built = { type: 'property', offset: pos, length: -1, parent: container, children: [] };
        const keyOffset = pos;
        const name = string();
        property.children!.push({ type: 'string', value: name, offset: keyOffset, length: pos - keyOffset, parent: property });
        skip();
        if (text.charCodeAt(pos) !== 58 /* : */) {
          giveUp();
        }
        property.colonOffset = pos;
        pos++;
        skip();
        container.children!.push(property);
        into = property;
        c2 = text.charCodeAt(pos);
      }
      if (c2 === 123 || c2 === 91) {
        const child: Built = { type: c2 === 123 ? 'object' : 'array', offset: pos, length: -1, parent: into, children: [] };
        into.children!.push(child);
        pos++;
        open.push({ node: child, first: true });
      } else {
        const child = literal(into);
        into.children!.push(child);
        if (into.type === 'property') {
          into.length = pos - into.offset;
        }
      }
    }
    return top;
  };

  try {
    skip();
    if (pos >= len) {
      return { ok: false, strings };
    }
    const root = value(undefined as unknown as Built);
    delete root.parent;
    skip();
    return pos < len ? { ok: false, strings } : { ok: true, root: root as Node };
  } catch (error) {
    if (error instanceof GiveUp) {
      return { ok: false, strings };
    }
    throw error;
  }
}

/**
 * The tree of a request file as the editor's features read it (CodeLenses, fork): jsonc-parser's tree, quickly when
 * the file is well-formed, with jsonc-parser's own recovery when it is not.
 */
export function lenientTree(text: string): Node | undefined {
  const fast = fastParseTree(text);
  return fast.ok ? fast.root : parseTree(text, [], { allowTrailingComma: true });
}

/** A text shortened for a second parse, and where each of its offsets is in the text it was made from. */
export interface Compacted {
  text: string;
  toOriginal(offset: number): number;
}

/**
 * The text with the content of each of `strings` (valid string literals read before the first error) taken out,
 * their quotes left: jsonc-parser reads the same tokens up to that error and the same after it, without reading
 * megabytes of string again. Offsets in it map back with `toOriginal`.
 */
export function compactStrings(text: string, strings: readonly [number, number][]): Compacted {
  if (strings.length === 0) {
    return { text, toOriginal: (offset) => offset };
  }
  const parts: string[] = [];
  /** For each string, where its closing quote is in the compact text, and how much was taken out up to it. */
  const closing: number[] = [];
  const removed: number[] = [];
  let at = 0;
  let total = 0;
  for (const [start, end] of strings) {
    parts.push(text.slice(at, start + 1));
    total += end - start - 2;
    closing.push(end - 1 - total);
    removed.push(total);
    at = end - 1;
  }
  parts.push(text.slice(at));
  return {
    text: parts.join(''),
    toOriginal(offset: number): number {
      // The last string whose closing quote is at or before the offset: everything taken out up to it is before.
      let low = 0;
      let high = closing.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (closing[mid] <= offset) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return offset + (low === 0 ? 0 : removed[low - 1]);
    },
  };
}

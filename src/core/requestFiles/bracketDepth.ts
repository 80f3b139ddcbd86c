// How deep the brackets of a request file nest, read as jsonc-parser's scanner reads the text (brackets inside
// strings and comments do not count; a string ends at its closing quote or at a line break) but one character at a
// time: a broken 5 MB file full of brackets in its text is read in milliseconds, not in the scanner's seconds.

/** The offset of the first `[` or `{` nested deeper than `max`, or undefined. */
export function firstTooDeep(source: string, max: number): number | undefined {
  const len = source.length;
  let depth = 0;
  let i = 0;
  while (i < len) {
    const c = source.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) {
        return i;
      }
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (c === 34 /* " */) {
      i = stringEnd(source, i + 1);
    } else if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      i += 2;
      while (i < len && !isLineBreak(source.charCodeAt(i))) {
        i++;
      }
    } else if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? len : end + 2;
    } else {
      i++;
    }
  }
  return undefined;
}

/** Where the string whose content starts at `i` ends (after its closing quote, or at the line break that cuts it). */
function stringEnd(source: string, i: number): number {
  const len = source.length;
  while (i < len) {
    const c = source.charCodeAt(i);
    if (c === 34) {
      return i + 1;
    }
    if (isLineBreak(c)) {
      return i;
    }
    // An escape takes the next character whatever it is (a quote or a line break too), as the scanner does.
    i += c === 92 /* \ */ ? 2 : 1;
  }
  return len;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

// String literals for each language, one string however long, with every character that a reader could not see,
// that an editor or terminal might act on, or that the language reads specially written as an escape: controls (C0,
// DEL, C1), format characters (bidi overrides, zero-width space, BOM, soft hyphen), line and paragraph separators
// (U+2028 ends a line in older JavaScript), lone surrogates, private-use and unassigned code points. Letters, emoji
// and right-to-left text stay as they are, so the text reads as written. An escape never splits a character: the
// text is walked by code point, and a surrogate pair is one.

/** Invisible or acting characters, written as escapes. ZWJ and ZWNJ are kept: they join emoji and Persian words. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u;
const JOINERS = new Set([0x200c, 0x200d]);

export function isHidden(char: string): boolean {
  return HIDDEN.test(char) && !JOINERS.has(char.codePointAt(0)!);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/**
 * A string literal quoted with `quote`: the quote, backslash and line ends escaped, visible text as is, a hidden
 * character as \xNN or \uNNNN, and one beyond the BMP as `astral` writes it (the one way the languages differ).
 */
function quoted(text: string, quote: string, astral: (code: number) => string): string {
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out +=
      char === quote ? `\\${quote}`
      : char === '\\' ? '\\\\'
      : char === '\n' ? '\\n'
      : char === '\r' ? '\\r'
      : char === '\t' ? '\\t'
      : !isHidden(char) ? char
      : code < 0x100 ? `\\x${hex(code, 2)}`
      : code < 0x10000 ? `\\u${hex(code, 4)}`
      : astral(code);
  }
  return `${out}${quote}`;
}

/** A Python str literal in double quotes (\xNN, \uNNNN, \UNNNNNNNN; a lone surrogate is a valid str in Python). */
export function pythonString(text: string): string {
  return quoted(text, '"', (code) => `\\U${hex(code, 8)}`);
}

/** A Python bytes literal, for a header value with Latin-1 bytes (httpx encodes str header values as ASCII). */
export function pythonBytes(latin1: string): string {
  let out = 'b"';
  for (const char of latin1) {
    const code = char.charCodeAt(0) & 0xff;
    out += char === '"' ? '\\"' : char === '\\' ? '\\\\' : code >= 0x20 && code < 0x7f ? char : `\\x${hex(code, 2)}`;
  }
  return `${out}"`;
}

/** A TypeScript string literal in single quotes (\xNN, \uNNNN, \u{N…}). */
export function typescriptString(text: string): string {
  return quoted(text, "'", (code) => `\\u{${code.toString(16)}}`);
}

/**
 * A PowerShell single-quoted string: nothing expands inside; the only escape is a doubled quote, and PowerShell
 * takes the typographic single quotes (U+2018 to U+201B) for quotes too, so those are doubled as well.
 */
export function powershellString(text: string): string {
  return `'${text.replace(/['\u2018-\u201b]/g, (q) => q + q)}'`;
}

/**
 * A JSON string whose characters outside `keep` are \u escapes (a character above U+FFFF as its surrogate pair):
 * the same JSON value, in as few kinds of character as a shell with awkward quoting needs.
 */
export function jsonString(text: string, keep: (char: string) => boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    out +=
      char === '"' && keep(char) ? '\\"'
      : char === '\\' && keep(char) ? '\\\\'
      : keep(char) && !isHidden(char) && !/[\ud800-\udfff]/.test(char) ? char
      : `\\u${hex(text.charCodeAt(i), 4)}`;
  }
  return `${out}"`;
}

/** A JSON string as JSON.stringify writes it, with hidden characters and lone surrogates escaped too. */
export function readableJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    out +=
      char === '"' ? '\\"'
      : char === '\\' ? '\\\\'
      : char === '\n' ? '\\n'
      : char === '\r' ? '\\r'
      : char === '\t' ? '\\t'
      : !isHidden(char) ? char
      : Array.from({ length: char.length }, (_, i) => `\\u${hex(char.charCodeAt(i), 4)}`).join('');
  }
  return `${out}"`;
}

// Shell words that bash and zsh read back byte for byte, in a script or pasted into an interactive prompt.
//  - Visible text goes in single quotes: nothing expands there, not $, `, \ or ! (history expansion respects them).
//  - Every other byte (controls, DEL, C1, format and separator characters, invalid UTF-8) is written as a 3-digit
//    octal escape inside $'…', which both shells read the same way in every locale; a paste never carries a raw
//    control character that a line editor would act on. A $'…' holds only escapes, never ' or !, so history
//    expansion cannot misread where it ends.
//  - A secret is written as "$VARIABLE", for the user's shell to fill in.

/** A piece of a word: text (UTF-8 on the wire), Latin-1 text (one byte a character), or a variable's value. */
export type Piece = { text: string } | { latin1: string } | { variable: string };

/** Characters written as escapes even though they are valid: invisible or reordering, or not characters at all. */
const NEEDS_ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u;

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/** The UTF-8 bytes of one code point as the wire has them (a lone surrogate becomes U+FFFD, as TextEncoder does). */
function utf8(char: string): Buffer {
  return Buffer.from(char, 'utf8');
}

/** True for a character that may stand as itself in a quoted word. */
function isVisible(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x80) {
    return code >= 0x20 && code < 0x7f;
  }
  return !NEEDS_ESCAPE.test(char);
}

/** One shell word for the pieces, concatenated: 'text'$'\001'"$VARIABLE"… */
export function shellWord(pieces: Piece[]): string {
  let out = '';
  let quoted = '';
  let escaped = '';
  const closeQuoted = () => {
    if (quoted) {
      out += `'${quoted}'`;
      quoted = '';
    }
  };
  const closeEscaped = () => {
    if (escaped) {
      out += `$'${escaped}'`;
      escaped = '';
    }
  };
  for (const piece of pieces) {
    if ('variable' in piece) {
      closeQuoted();
      closeEscaped();
      out += `"$${piece.variable}"`;
      continue;
    }
    const latin1 = 'latin1' in piece;
    for (const char of latin1 ? piece.latin1 : piece.text) {
      const ascii = char.length === 1 && char.charCodeAt(0) < 0x80;
      if (char === "'") {
        closeQuoted();
        closeEscaped();
        out += `\\'`;
      } else if ((latin1 ? ascii : true) && isVisible(char)) {
        closeEscaped();
        quoted += char;
      } else {
        closeQuoted();
        const bytes = latin1 ? [char.charCodeAt(0) & 0xff] : [...utf8(char)];
        escaped += bytes.map(octal).join('');
      }
    }
  }
  closeQuoted();
  closeEscaped();
  return out === '' ? "''" : out;
}

/** A word of plain text (UTF-8). */
export function shellQuote(text: string): string {
  return shellWord([{ text }]);
}

/**
 * A printf command whose output is the pieces' bytes, exactly: no argument of an external program, so any size
 * goes (printf is built into bash and zsh), and NUL bytes too. The format is single-quoted, with `%` and `\` doubled,
 * invisible bytes as octal escapes, and each variable as a %s argument.
 */
export function printfCommand(pieces: Piece[]): string {
  let format = '';
  const variables: string[] = [];
  for (const piece of pieces) {
    if ('variable' in piece) {
      format += '%s';
      variables.push(piece.variable);
      continue;
    }
    const latin1 = 'latin1' in piece;
    for (const char of latin1 ? piece.latin1 : piece.text) {
      const ascii = char.length === 1 && char.charCodeAt(0) < 0x80;
      if (char === '%') {
        format += '%%';
      } else if (char === '\\') {
        format += '\\\\';
      } else if (format === '' && char === '-') {
        // A format starting with - would be read as an option.
        format += octal(0x2d);
      } else if ((latin1 ? ascii : true) && isVisible(char)) {
        format += char;
      } else {
        const bytes = latin1 ? [char.charCodeAt(0) & 0xff] : [...utf8(char)];
        format += bytes.map(octal).join('');
      }
    }
  }
  return ['printf', shellWord([{ text: format }]), ...variables.map((v) => `"$${v}"`)].join(' ');
}

/** The number of bytes the pieces stand for, counting each variable's value as given. */
export function byteLength(pieces: Piece[], valueOf: (variable: string) => string): number {
  let n = 0;
  for (const piece of pieces) {
    n += 'variable' in piece ? Buffer.byteLength(valueOf(piece.variable)) : 'latin1' in piece ? piece.latin1.length : Buffer.byteLength(piece.text);
  }
  return n;
}

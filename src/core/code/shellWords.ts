// Shell words that bash and zsh read back byte for byte, in a script or pasted into an interactive prompt.
//  - Visible text goes in single quotes: nothing expands there, not $, `, \ or ! (history expansion respects them).
//  - Every other byte (controls, DEL, C1, format and separator characters, invalid UTF-8) is written as a 3-digit
//    octal escape inside $'…', which both shells read the same way in every locale; a paste never carries a raw
//    control character that a line editor would act on. A $'…' holds only escapes, never ' or !, so history
//    expansion cannot misread where it ends.
//  - A secret is written as "$VARIABLE", for the user's shell to fill in.

/** A piece of a word: text (UTF-8 on the wire), Latin-1 text (one byte a character), or a variable's value. */
export type Piece = { text: string } | { latin1: string } | { variable: string };

/**
 * Runs of what is written as escapes: controls (C0, DEL, C1), invisible or reordering format characters, line and
 * paragraph separators, lone surrogates, private use and unassigned code points. In Latin-1 text (header values,
 * one byte a character) every byte outside visible ASCII.
 */
const UTF8_ESCAPED = /(')|([\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]+)/gu;
const LATIN1_ESCAPED = /(')|([^\x20-\x7e']+)/g;
const OCTAL = Array.from({ length: 256 }, (_, byte) => `\\${byte.toString(8).padStart(3, '0')}`);

/** The bytes of an escaped run, as the wire has them (a lone surrogate becomes U+FFFD, as TextEncoder does). */
function escapedBytes(run: string, latin1: boolean): string {
  const bytes = latin1 ? Array.from(run, (char) => char.charCodeAt(0) & 0xff) : [...Buffer.from(run, 'utf8')];
  return bytes.map((byte) => OCTAL[byte]).join('');
}

type Part = { visible: string } | { escaped: string } | { quote: true } | { variable: string };

/** Splits pieces into visible text, escaped bytes, single quotes and variables. */
function parts(pieces: Piece[]): Part[] {
  const out: Part[] = [];
  for (const piece of pieces) {
    if ('variable' in piece) {
      out.push(piece);
      continue;
    }
    const latin1 = 'latin1' in piece;
    const text = latin1 ? piece.latin1 : piece.text;
    const pattern = latin1 ? LATIN1_ESCAPED : UTF8_ESCAPED;
    pattern.lastIndex = 0;
    let at = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m.index > at) {
        out.push({ visible: text.slice(at, m.index) });
      }
      out.push(m[1] ? { quote: true } : { escaped: escapedBytes(m[2], latin1) });
      at = m.index + m[0].length;
    }
    if (at < text.length) {
      out.push({ visible: text.slice(at) });
    }
  }
  return out;
}

/** One shell word for the pieces, concatenated: 'text'\''s'$'\001'"$VARIABLE"… */
export function shellWord(pieces: Piece[]): string {
  let out = '';
  for (const part of parts(pieces)) {
    out +=
      'visible' in part
        ? `'${part.visible}'`
        : 'escaped' in part
          ? `$'${part.escaped}'`
          : 'quote' in part
            ? `\\'`
            : `"$${part.variable}"`;
  }
  return out === '' ? "''" : out;
}

/** A word of plain text (UTF-8). */
export function shellQuote(text: string): string {
  return shellWord([{ text }]);
}

/** Where a here-document's lines are cut; `tr -d` joins them again. Short lines paste well into any terminal. */
const HERE_DOCUMENT_WIDTH = 500;

/**
 * A command whose output is the pieces' bytes, exactly, of any size: the shell's built-in printf (no argument of an
 * external program, so no size limit), its format read from a quoted here-document, in lines that `tr -d '\n'`
 * joins again. The format has `%` and `\` doubled, every byte that is not visible ASCII as an octal escape (an
 * interactive bash in the C locale drops a multibyte character that starts a here-document line), `!` and `^` too
 * (an interactive shell's history expansion may read here-document lines), and each variable as a %s argument. So
 * the here-document is plain ASCII with no newline of its own, and never holds its delimiter, which is chosen to
 * occur nowhere in it.
 */
export function printfCommand(pieces: Piece[]): string {
  let format = '';
  const variables: string[] = [];
  for (const part of parts(pieces)) {
    if ('visible' in part) {
      format += part.visible.replace(/[%\\!^]|[^\x00-\x7f]/gu, (c) =>
        c === '%' || c === '\\' ? c + c : c.length === 1 && c.charCodeAt(0) < 0x80 ? OCTAL[c.charCodeAt(0)] : escapedBytes(c, false),
      );
    } else if ('escaped' in part) {
      format += part.escaped;
    } else if ('quote' in part) {
      format += "'";
    } else {
      format += '%s';
      variables.push(part.variable);
    }
  }
  if (format.startsWith('-')) {
    // A format starting with - would be read as an option.
    format = OCTAL[0x2d] + format.slice(1);
  }
  let delimiter = 'CLAUDE_BODY';
  for (let n = 1; format.includes(delimiter); n++) {
    delimiter = `CLAUDE_BODY_${n}`;
  }
  const lines: string[] = [];
  for (let at = 0; at < format.length; ) {
    let end = Math.min(at + HERE_DOCUMENT_WIDTH, format.length);
    const code = format.charCodeAt(end - 1);
    if (end < format.length && code >= 0xd800 && code <= 0xdbff) {
      end--; // never between the two halves of a surrogate pair (an emoji): each would become U+FFFD
    }
    lines.push(format.slice(at, end));
    at = end;
  }
  const args = variables.map((v) => ` "$${v}"`).join('');
  return [`printf "$(tr -d '\\n' <<'${delimiter}'`, ...lines, delimiter, `)"${args}`].join('\n');
}

/** The number of bytes the pieces stand for, counting each variable's value as given. */
export function byteLength(pieces: Piece[], valueOf: (variable: string) => string): number {
  let n = 0;
  for (const piece of pieces) {
    n += 'variable' in piece ? Buffer.byteLength(valueOf(piece.variable)) : 'latin1' in piece ? piece.latin1.length : Buffer.byteLength(piece.text);
  }
  return n;
}

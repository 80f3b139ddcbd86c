// Syntax errors of a request file, kept few and put where they are. One stray quote in a long string can make the
// rest of the file hundreds of thousands of errors that all follow from the first: the parse stops after the first
// few, and one more entry says that more follow. (Counting them would mean parsing the rest of the file as the
// junk it has become: most of the time of a broken 20 MB file, for a number that tells the user nothing.) The parser reports a bad escape or
// a control character inside a string at the string's start; it is moved to the character itself.
import { ParseErrorCode, type ParseError } from 'jsonc-parser';

/** Syntax errors shown before "and N more": after the first few, each follows from the one before. */
export const MAX_SYNTAX_ERRORS = 10;

/** Thrown out of the parser when the errors are enough: the rest of the file is not parsed. */
export class EnoughErrors extends Error {}

/**
 * An errors array for jsonc-parser's parseTree, which only ever pushes to it: it keeps the first `limit`, and at the
 * next one stops the parse by throwing {@link EnoughErrors}.
 */
export class CappedErrors extends Array<ParseError> {
  /** Every error pushed. */
  total = 0;

  constructor(private readonly limit: number = MAX_SYNTAX_ERRORS) {
    super();
  }

  // Array methods that make new arrays (map, filter) construct this class with a length: plain arrays then.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  override push(...errors: ParseError[]): number {
    for (const error of errors) {
      this.total++;
      if (this.length >= this.limit) {
        throw new EnoughErrors();
      }
      super.push(error);
    }
    return this.length;
  }

  /** Whether the parse stopped with more errors to come. */
  get more(): boolean {
    return this.total > this.length;
  }
}

/**
 * Where a string's error really is: the first bad escape (`\q`, `\u12`) or raw control character after the opening
 * quote at `offset`, with the length to underline; the string's start when none is found.
 */
export function placeInString(text: string, error: ParseError): { offset: number; length: number } {
  const wanted = error.error;
  if (wanted !== ParseErrorCode.InvalidEscapeCharacter && wanted !== ParseErrorCode.InvalidUnicode && wanted !== ParseErrorCode.InvalidCharacter) {
    return { offset: error.offset, length: error.length };
  }
  const end = Math.min(text.length, error.offset + error.length);
  for (let i = error.offset + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (next === 117 /* u */) {
        const hex = /^[0-9a-fA-F]{4}/.test(text.slice(i + 2, i + 6));
        if (!hex && wanted === ParseErrorCode.InvalidUnicode) {
          return { offset: i, length: Math.min(6, end - i) };
        }
      } else if (!'"\\/bfnrt'.includes(text[i + 1] ?? '') && wanted === ParseErrorCode.InvalidEscapeCharacter) {
        return { offset: i, length: 2 };
      }
      i++;
    } else if (c < 0x20 && wanted === ParseErrorCode.InvalidCharacter) {
      return { offset: i, length: 1 };
    }
  }
  return { offset: error.offset, length: error.length };
}

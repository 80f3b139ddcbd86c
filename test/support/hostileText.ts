// The hostile corpus of the curl tests, shared with the code-export tests: text that breaks naive quoting in any
// shell or language (quotes, substitutions, escapes, control characters, emoji, right-to-left, lone surrogates).

/** Text that breaks naive quoting: quotes, substitutions, escapes, control characters, emoji, right-to-left. */
export const HOSTILE = [
  `single ' quote and '' two`,
  `double " quote and \\" escaped`,
  'command $(echo pwned) and `echo pwned` and ${HOME} and $HOME',
  'backslashes \\ \\\\ \\n \\t and a trailing one \\',
  'real newline\nand\r\ncarriage returns\tand tabs',
  'history !! and !$ and !-1, globs * ? [a-z] ~ and ; | & > < #',
  'emoji 🧪🔥👩‍👩‍👧 and a lone surrogate-safe sequence',
  'right-to-left: مرحبا بالعالم שלום עולם \u202Eevil\u202C',
  "zsh specials: =(cmd) ^x %1 'EOF' <<EOF",
].join('\n');

/** Pieces of text that break naive quoting, here-documents, printf formats or history expansion. */
export const HOSTILE_BITS = [
  `'`, `''`, `"`, `\\`, `\\\\`, '\\n', '\\x41', '\\101', '\\0', '\\c', '$', '$(echo pwned)', '`echo pwned`', '${HOME}', '$HOME',
  '$ANTHROPIC_API_KEY', '"$ANTHROPIC_API_KEY"', "$'\\n'", '!', '!!', '!$', '!-1', '^x^y', '%s', '%d', '%%', '%n', '%b',
  '-n', '-e', '--', '@/etc/passwd', '#', ';', '|', '&', '>', '<', '*', '?', '[a-z]', '{a,b}', '~', '=(cmd)', '<<EOF',
  "<<'EOF'", 'EOF', 'CLAUDE_BODY', "CLAUDE_BODY_0'", '\nCLAUDE_BODY_1\n', '\nEOF\n', 'printf', 'curl', '\n', '\r\n', '\r',
  '\t', ' ', '  ',
];
export const CONTROL = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\x7f', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))];
export const UNICODE = [
  'é', 'ß', 'ÿ', '\u00a0', 'Ω', 'Ж', '中文', '日本語', '한국어', 'مرحبا', 'שלום', '\u202eevil\u202c', '\u2066x\u2069', '\u200b', '\u200d',
  '\u2028', '\u2029', '\ufeff', '\ufffd', '🧪', '🔥', '👩‍👩‍👧', '𝔘𝔫𝔦', '\u{10ffff}', '\u{e000}', '\ud800', '\udfff', 'e\u0301',
];

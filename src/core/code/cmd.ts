// The request as curl for Windows cmd (curl.exe, shipped with Windows 10 and later), to paste at a cmd prompt.
// cmd's quoting cannot hold every character, so nothing is left to it:
//  - each argument is quoted for curl's own command-line parser ("…", \" inside), then every character cmd acts on
//    (^ & | < > ( ) " % !) is escaped with ^, so cmd never enters a quoted stretch and passes it all through;
//  - the body is re-written as JSON whose strings keep only letters, digits, space and safe punctuation: the rest
//    (quotes, backslashes, %, !, non-ASCII, controls) are \u escapes, the same JSON value with no code page or
//    quoting in play;
//  - secrets are %VARIABLE%, which cmd expands;
//  - a body too long for cmd's 8191-character line is written to a file from base64 lines, with certutil.
// Not run here (there is no cmd on this machine): its quoting is unit-tested.
import type { Redactor } from '../secrets/redact';
import type { HeaderPart, RequestParts } from './requestParts';
import type { JsonNode } from './jsonTree';
import { jsonString } from './literals';

/** What cmd acts on outside quotes; each is written after a ^. */
const CMD_SPECIAL = /[\^&|<>()"%!]/g;
/** Characters the body's JSON strings keep as they are. */
const SAFE = /^[A-Za-z0-9 .,:;_\-+/=@#?*~'$`{}[\]]$/;
/** cmd reads at most 8191 characters a line; the body goes to a file well before that. */
const LINE_LIMIT = 7000;
const BASE64_LINE = 76;

/** An argument as curl.exe's parser reads it back: quoted, \" for a quote, backslashes before a quote doubled. */
export function argvQuote(text: string): string {
  return `"${text.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/** Text as cmd passes it on unchanged: every character it acts on behind a ^. */
export function cmdEscape(text: string): string {
  return text.replace(CMD_SPECIAL, '^$&');
}

/** One argument for cmd and curl.exe. */
export function cmdWord(text: string): string {
  return cmdEscape(argvQuote(text));
}

/** A header argument: its text escaped, a secret as %VARIABLE% (expanded by cmd, inside curl's quotes). */
function headerWord(header: HeaderPart): string {
  if (!header.secret) {
    return cmdWord(`${header.name}: ${header.value}`);
  }
  // The variable's name is letters, digits and _ only: nothing in it for argvQuote or cmd to act on.
  const marker = '\u0000';
  return cmdEscape(argvQuote(`${header.name}: ${header.secret.prefix ?? ''}${marker}`)).replace(marker, `%${header.secret.variable}%`);
}

export interface CmdSnippet {
  text: string;
  /** The body was written through a file: secrets in it are masked (the file cannot read the environment). */
  bodyMasked: boolean;
}

export function cmdSnippet(parts: RequestParts, secrets: Redactor): CmdSnippet {
  const keep = (char: string) => SAFE.test(char);
  const string = (value: string): string => {
    let out = '';
    for (const piece of parts.pieces(value)) {
      out += 'variable' in piece ? `%${piece.variable}%` : jsonString(piece.text, keep).slice(1, -1);
    }
    return `"${out}"`;
  };
  const args = [cmdWord(parts.url)];
  if (/[[\]{}]/.test(parts.url)) {
    args.push('--globoff');
  }
  if (parts.method !== (parts.bodyText === '' ? 'GET' : 'POST')) {
    args.push(`-X ${cmdWord(parts.method)}`);
  }
  if (parts.streamed) {
    args.push('--no-buffer');
  }
  args.push(...parts.headers.map((h) => `-H ${headerWord(h)}`));
  const intro = [
    'REM curl for Windows cmd (curl.exe, Windows 10 and later): paste it at a cmd prompt.',
    "REM Not run by Claude Inspector's own tests (there is no cmd where they run); its quoting is unit-tested.",
  ];
  if (!parts.body) {
    return { text: [...intro, `curl.exe ${args.join(' ^\n  ')}`, ''].join('\n'), bodyMasked: false };
  }
  // One line, no layout: cmd would take a line break for the end of the command. The JSON escapes every %, so the
  // only % left are those of %VARIABLE%.
  const json = compactJson(parts.body, string);
  const inlineArgument = `--data-binary ${cmdEscape(argvQuote(json.replace(/%/g, '\u0000'))).replace(/\u0000/g, '%')}`;
  if (inlineArgument.length + args.join(' ').length < LINE_LIMIT) {
    return {
      text: [
        ...intro,
        "REM The body's quotes, backslashes, % and ! and its non-ASCII characters are JSON \\u escapes: the same JSON.",
        `curl.exe ${[...args, inlineArgument].join(' ^\n  ')}`,
        '',
      ].join('\n'),
      bodyMasked: false,
    };
  }
  const bytes = Buffer.from(secrets.redact(parts.bodyText), 'utf8');
  const base64 = bytes.toString('base64');
  const echo: string[] = [];
  for (let at = 0; at < base64.length; at += BASE64_LINE) {
    echo.push(`>>claude-body.b64 echo ${base64.slice(at, at + BASE64_LINE)}`);
  }
  return {
    text: [
      ...intro,
      'REM The body is too long for one cmd line: it is written to claude-body.json (from base64, with certutil) first.',
      'del /q claude-body.b64 2>nul',
      ...echo,
      'certutil -f -decode claude-body.b64 claude-body.json >nul',
      `curl.exe ${[...args, '--data-binary @claude-body.json'].join(' ^\n  ')}`,
      'del /q claude-body.b64 claude-body.json',
      '',
    ].join('\n'),
    bodyMasked: secrets.redact(parts.bodyText) !== parts.bodyText,
  };
}

/** The body as JSON on one line, each string and key written by `string`. */
function compactJson(node: JsonNode, string: (text: string) => string): string {
  switch (node.kind) {
    case 'object':
      return `{${node.entries.map(([k, v]) => `${string(k)}:${compactJson(v, string)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map((v) => compactJson(v, string)).join(',')}]`;
    case 'string':
      return string(node.value);
    case 'number':
      return node.text;
    case 'literal':
      return String(node.value);
  }
}

// An equivalent curl command for a captured request: same method, URL, meaningful headers and byte-identical body,
// that bash and zsh run the same whether it is pasted into a prompt or run from a script (see shellWords.ts).
//  - Secret headers are read from shell variables, never written: the key from "$ANTHROPIC_API_KEY", a bearer token
//    from "$ANTHROPIC_AUTH_TOKEN", any other from "$CLAUDE_HEADER_<NAME>" (x-gateway-token: CLAUDE_HEADER_X_GATEWAY_TOKEN).
//    Which headers those are is said by the request's `masked`, never guessed from the text of a value, so a value
//    that reads "$ANTHROPIC_API_KEY" is sent as those 18 characters.
//  - A body above 100 KiB (or one holding a NUL byte) cannot be one argument (the kernel's limit is 128 KiB): it is
//    written by the shell's built-in printf, its format read from a here-document, into curl's standard input
//    (`printf "$(tr -d '\n' <<'CLAUDE_BODY' …)" | curl … --data-binary @-`, see shellWords.ts).
import type { CapturedRequest, MaskedHeader } from '../../shared/callRecord';
import { HeaderValueError, headerNameProblem, headerValueProblem } from '../capture/headerValues';
import { redactor, Redactor } from '../secrets/redact';
import { headerVariable, isSecretHeaderName, secretHeaderParts } from '../secrets/secretHeaders';
import { byteLength, Piece, printfCommand, shellWord } from './shellWords';

export { shellQuote } from './shellWords';

/** Bodies up to this many bytes are one argument; larger ones go through standard input. */
export const INLINE_BODY_LIMIT = 100 * 1024;

/**
 * Headers left out of curl: the SDK's telemetry (x-stainless-*, user-agent) means nothing to the API, and
 * content-length, host, connection and accept-encoding are curl's own business.
 */
export function isOmittedFromCurl(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('x-stainless-') ||
    lower === 'user-agent' ||
    lower === 'content-length' ||
    lower === 'host' ||
    lower === 'connection' ||
    lower === 'accept-encoding'
  );
}

export interface CurlOptions {
  /** Adds --no-buffer so that a streamed answer prints as it arrives. */
  streamed?: boolean;
  /** The secrets to keep out of the command; those of this process by default. */
  redactor?: Redactor;
}

/** The -H argument of one header; throws HeaderValueError for a header curl could not send exactly. */
function headerArgument(name: string, value: string, masked: MaskedHeader | undefined): string {
  const problem = headerNameProblem(name) ?? (masked ? undefined : headerValueProblem(name, value));
  if (problem) {
    throw new HeaderValueError(name, problem);
  }
  if (masked) {
    return shellWord([{ latin1: `${name}: ${masked.prefix ?? ''}` }, { variable: masked.variable }]);
  }
  // "name:" with nothing after it would make curl drop the header; "name;" sends it empty.
  return shellWord([{ latin1: value === '' ? `${name};` : `${name}: ${value}` }]);
}

/**
 * A text as pieces: text, and each known secret as the variable that holds it; text shaped like a secret is masked
 * (`bodyMasked`). The code snippets (core/code/) split each string of the body the same way.
 */
export function bodyPieces(body: string, secrets: Redactor): { pieces: Piece[]; bodyMasked: boolean } {
  let bodyMasked = false;
  const pieces = splice(body, secrets).map((piece) => {
    if (!('text' in piece)) {
      return piece;
    }
    const text = secrets.redact(piece.text);
    bodyMasked ||= text !== piece.text;
    return { text };
  });
  return { pieces, bodyMasked };
}

function splice(body: string, secrets: Redactor): Piece[] {
  const known = secrets.variables().sort((a, b) => b.value.length - a.value.length);
  let pieces: Piece[] = [{ text: body }];
  for (const { value, variable } of known) {
    pieces = pieces.flatMap((piece) => {
      if (!('text' in piece) || !piece.text.includes(value)) {
        return [piece];
      }
      const parts = piece.text.split(value);
      return parts.flatMap((text, i) => (i === 0 ? [{ text }] : [{ variable: variable! }, { text }])).filter((p) => !('text' in p) || p.text !== '');
    });
  }
  return pieces;
}

/** Said wherever a curl is shown whose body had text masked by shape: it does not send what the request did. */
export const CURL_BODY_MASKED_NOTE =
  'The body holds text shaped like a secret (an sk-ant- key, or the user:password@ of a URL), masked in this curl: it sends those characters masked, not the bytes the request sent.';

export function toCurl(request: CapturedRequest, options: CurlOptions = {}): string {
  return curlOf(request, options).command;
}

/**
 * The curl, and whether its body differs from the request's: text shaped like a secret (not a secret in play, which
 * the curl reads from its variable) is masked in the body too, and the command then sends other bytes.
 */
export function curlOf(request: CapturedRequest, options: CurlOptions = {}): { command: string; bodyMasked: boolean } {
  const secrets = options.redactor ?? redactor();
  // Each piece of text is redacted before it is quoted: a secret is found as it is, not as the shell writes it.
  const lines: string[] = [`curl ${shellWord([{ text: secrets.redact(request.url) }])}`];
  if (/[[\]{}]/.test(request.url)) {
    // Brackets (an IPv6 host) and braces are curl's URL globbing otherwise.
    lines.push('--globoff');
  }
  const method = request.method.toUpperCase();
  if (method !== (request.body === '' ? 'GET' : 'POST')) {
    lines.push(`-X ${shellWord([{ text: method }])}`);
  }
  if (options.streamed) {
    lines.push('--no-buffer');
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (isOmittedFromCurl(name)) {
      continue;
    }
    let masked = request.masked?.[name];
    if (!masked && isSecretHeaderName(name)) {
      // A secret header the record did not mark (a record from elsewhere): its value is never written.
      const { prefix, variable } = secretHeaderParts(name, value);
      masked = { prefix, variable };
    } else if (!masked && secrets.redact(value) !== value) {
      masked = { variable: headerVariable(name) };
    }
    lines.push(`-H ${headerArgument(name, value, masked)}`);
  }
  let command: string;
  let bodyMasked = false;
  if (request.body === '') {
    command = lines.join(' \\\n  ');
  } else {
    const body = bodyPieces(request.body, secrets);
    const pieces = body.pieces;
    bodyMasked = body.bodyMasked;
    const values = new Map(secrets.variables().map((s) => [s.variable!, s.value]));
    const size = byteLength(pieces, (variable) => values.get(variable) ?? '');
    if (size <= INLINE_BODY_LIMIT && !request.body.includes('\0')) {
      // --data-binary would read a file for a body starting with @; --data-raw never does.
      const first = pieces[0];
      const flag = 'variable' in first || ('text' in first && first.text.startsWith('@')) ? '--data-raw' : '--data-binary';
      lines.push(`${flag} ${shellWord(pieces)}`);
      command = lines.join(' \\\n  ');
    } else {
      lines.push('--data-binary @-');
      command = `${printfCommand(pieces)} |\n${lines.join(' \\\n  ')}`;
    }
  }
  return { command, bodyMasked };
}

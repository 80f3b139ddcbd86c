// A header goes on the wire as bytes: the value may hold tabs, visible ASCII and Latin-1 (one byte each), nothing
// else. Node's fetch refuses the rest with an error that names no header ("Cannot convert argument to a ByteString"),
// and curl would send something else, so both `send` and `curl` refuse such a value first, naming the header.
import { isSecretHeaderName } from '../secrets/secretHeaders';

/** A header that cannot be sent as written. The message names the header, never a secret value. */
export class HeaderValueError extends Error {
  constructor(
    readonly header: string,
    readonly problem: string,
    readonly source?: string,
  ) {
    super(`header "${header}"${source ? ` (from ${source})` : ''} cannot be sent as written: ${problem}`);
    this.name = 'HeaderValueError';
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a header name cannot be sent, or undefined when it can. */
export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : 'the name is not a valid header name (letters, digits and !#$%&\'*+.^_`|~- only)';
}

/** Why a header value cannot be sent byte for byte, or undefined when it can. Secret values are not quoted. */
export function headerValueProblem(name: string, value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    if (code === 9 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff)) {
      continue;
    }
    const where = `at character ${i + 1}`;
    if (code === 10 || code === 13) {
      return `its value contains a line break (${code === 10 ? 'LF' : 'CR'}) ${where}`;
    }
    if (code === 0) {
      return `its value contains a NUL character ${where}`;
    }
    if (code < 0x20 || code === 0x7f) {
      return `its value contains the control character ${codePoint(code)} ${where}`;
    }
    const shown = isSecretHeaderName(name) ? '' : ` "${String.fromCodePoint(code)}"`;
    return `its value contains the character${shown} ${codePoint(code)} ${where}, which is not Latin-1: header values are single bytes (encode it, e.g. percent-encoding)`;
  }
  return undefined;
}

/** Throws a HeaderValueError for the first header that cannot be sent exactly. */
export function checkHeaders(headers: Iterable<[string, string]>, source?: string): void {
  for (const [name, value] of headers) {
    const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
    if (problem) {
      throw new HeaderValueError(name, problem, source);
    }
  }
}

/** The headers of ANTHROPIC_CUSTOM_HEADERS, read as the SDK reads them: one "name: value" a line, trimmed. */
export function customHeaders(env: NodeJS.ProcessEnv = process.env): [string, string][] {
  const text = env.ANTHROPIC_CUSTOM_HEADERS?.trim();
  if (!text) {
    return [];
  }
  const headers: [string, string][] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon >= 0) {
      headers.push([line.substring(0, colon).trim(), line.substring(colon + 1).trim()]);
    }
  }
  return headers;
}

/** Refuses ANTHROPIC_CUSTOM_HEADERS when one of its headers cannot be sent exactly, before anything is sent. */
export function checkCustomHeaders(env: NodeJS.ProcessEnv = process.env): void {
  checkHeaders(customHeaders(env), 'ANTHROPIC_CUSTOM_HEADERS');
}

// An equivalent curl command for a captured request: same method, URL, meaningful headers and byte-identical body.
// Quoting is POSIX single quotes, which bash and zsh both take literally (no $, `, \ or ! expansion inside).
import type { CapturedRequest } from './callRecord';
import { KEY_PLACEHOLDER } from './redact';

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

/** Quotes a string for bash and zsh: single quotes, with each ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Quotes a value in which the key placeholder must become a variable reference that the shell expands. */
function quoteWithKey(text: string): string {
  return text
    .split(KEY_PLACEHOLDER)
    .map((piece) => (piece === '' ? '' : shellQuote(piece)))
    .join('"$ANTHROPIC_API_KEY"');
}

export interface CurlOptions {
  /** Adds --no-buffer so that a streamed answer prints as it arrives. */
  streamed?: boolean;
}

export function toCurl(request: CapturedRequest, options: CurlOptions = {}): string {
  const lines: string[] = [`curl ${shellQuote(request.url)}`];
  const method = request.method.toUpperCase();
  if (method !== (request.body === '' ? 'GET' : 'POST')) {
    lines.push(`-X ${shellQuote(method)}`);
  }
  if (options.streamed) {
    lines.push('--no-buffer');
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (isOmittedFromCurl(name)) {
      continue;
    }
    lines.push(`-H ${quoteWithKey(`${name}: ${value}`)}`);
  }
  if (request.body !== '') {
    // --data-binary would read a file for a body starting with @; --data-raw never does.
    const flag = request.body.startsWith('@') ? '--data-raw' : '--data-binary';
    lines.push(`${flag} ${shellQuote(request.body)}`);
  }
  return lines.join(' \\\n  ');
}

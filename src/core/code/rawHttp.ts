// The request as raw HTTP/1.1, as it went: request line, Host, the meaningful headers in wire order, content-length,
// and the body byte for byte. Secrets are $VARIABLE placeholders in the headers and in the body alike (this text is
// read, or sent once they are put in), and content-length counts the secrets' values: with them in, it is exact.
import type { Redactor } from '../secrets/redact';
import type { RequestParts } from './requestParts';

/** Text of the body a reader could take for a placeholder: $NAME or ${NAME} of a secret's variable, even run on. */
const LITERAL_PLACEHOLDER = /\$\{?(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_HEADER_[A-Z0-9_]+)\}?/g;

export interface RawHttpSnippet {
  text: string;
  /** The body holds a secret, written as its $VARIABLE: these are not yet the bytes to send. */
  bodyHasVariables: boolean;
  /** Text of the body that reads like a $VARIABLE but is the request's own text, to be left as it is. */
  literalPlaceholders: string[];
}

export function rawHttpSnippet(parts: RequestParts, secrets: Redactor): RawHttpSnippet {
  const values = new Map(secrets.variables().map((s) => [s.variable!, s.value]));
  const pieces = parts.bodyText === '' ? [] : parts.pieces(parts.bodyText);
  // ${NAME} when the text after it could be read as more of the name ("$ANTHROPIC_API_KEY_2"), as a shell would.
  const body = pieces
    .map((p, i) => {
      if ('text' in p) {
        return p.text;
      }
      const after = pieces[i + 1];
      return after && 'text' in after && /^\w/.test(after.text) ? `\${${p.variable}}` : `$${p.variable}`;
    })
    .join('');
  const length = pieces.reduce((n, p) => n + Buffer.byteLength('text' in p ? p.text : (values.get(p.variable) ?? '')), 0);
  const lines = [
    `${parts.method} ${parts.path} HTTP/1.1`,
    `host: ${parts.host}`,
    ...parts.headers.map((h) => `${h.name}: ${h.value}`),
    ...(parts.bodyText === '' ? [] : [`content-length: ${length}`]),
  ];
  const literal = new Set(pieces.flatMap((p) => ('text' in p ? (p.text.match(LITERAL_PLACEHOLDER) ?? []) : [])));
  return { text: `${lines.join('\r\n')}\r\n\r\n${body}`, bodyHasVariables: pieces.some((p) => 'variable' in p), literalPlaceholders: [...literal] };
}

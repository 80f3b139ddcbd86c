// The request as raw HTTP/1.1, as it went: request line, Host, the meaningful headers in wire order (secrets as
// $VARIABLE placeholders: this text is read, not run), content-length, and the body byte for byte (secrets masked).
import type { Redactor } from '../redact';
import type { RequestParts } from './requestParts';

export function rawHttpSnippet(parts: RequestParts, secrets: Redactor): string {
  const body = secrets.redact(parts.bodyText);
  const lines = [
    `${parts.method} ${parts.path} HTTP/1.1`,
    `host: ${parts.host}`,
    ...parts.headers.map((h) => `${h.name}: ${h.value}`),
    ...(parts.bodyText === '' ? [] : [`content-length: ${Buffer.byteLength(parts.bodyText)}`]),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

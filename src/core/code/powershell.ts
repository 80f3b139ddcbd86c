// The request as PowerShell: Invoke-RestMethod with the headers in an ordered table (secrets from $env:), the body
// as pretty JSON in a single-quoted here-string (nothing expands in it), sent as UTF-8 bytes so that Windows
// PowerShell 5.1 and PowerShell 7 send the same bytes. Not run here (no PowerShell on this machine): its quoting is
// unit-tested.
import type { RequestParts } from './requestParts';
import { layout, type LiteralSyntax } from './layout';
import { powershellString, readableJsonString } from './literals';

/** Marks where a secret goes in the body's JSON text: never in it otherwise (NUL and SOH are always escaped). */
const OPEN = '\u0000';
const CLOSE = '\u0001';

export function powershellSnippet(parts: RequestParts): string {
  const string = (value: string): string => {
    let out = '';
    let afterVariable = false;
    for (const piece of parts.pieces(value)) {
      if ('variable' in piece) {
        out += `${OPEN}${piece.variable}${CLOSE}`;
        afterVariable = true;
        continue;
      }
      let text = readableJsonString(piece.text).slice(1, -1);
      // A here-string line starting with '@ would end it: the text after a secret never starts with a quote.
      if (afterVariable && text.startsWith("'")) {
        text = `\\u0027${text.slice(1)}`;
      }
      out += text;
      afterVariable = false;
    }
    return `"${out}"`;
  };
  const syntax: LiteralSyntax = {
    string,
    key: string,
    number: (text) => text,
    literal: (value) => String(value),
    indent: '  ',
    openInline: '{',
    closeInline: '}',
    trailingComma: false,
  };
  const contentType = parts.headers.find((h) => h.name === 'content-type' && !h.secret)?.value ?? 'application/json';
  const headerLines = parts.headers
    .filter((h) => h.name !== 'content-type')
    .map((h) => {
      const value = h.secret ? `${h.secret.prefix ? `${powershellString(h.secret.prefix)} + ` : ''}$env:${h.secret.variable}` : powershellString(h.value);
      return `    ${powershellString(h.name)} = ${value}`;
    });
  const lines = [
    `# PowerShell (Invoke-RestMethod): the request as it went out, ${parts.method} ${parts.url}.`,
    '# Not run by Claude Inspector\'s own tests (there is no PowerShell where they run); its quoting is unit-tested.',
    `$headers = [ordered]@{`,
    ...headerLines,
    '}',
  ];
  let bodyArgument = '';
  if (parts.body) {
    const json = layout(parts.body, syntax, 0);
    // Split at the secrets: each stretch of text is its own here-string, each secret the variable's JSON-escaped text.
    const chunks = json.split(OPEN);
    const expression: string[] = [];
    chunks.forEach((chunk, i) => {
      let text = chunk;
      if (i > 0) {
        const end = chunk.indexOf(CLOSE);
        expression.push(`(ConvertTo-Json $env:${chunk.slice(0, end)}).Trim('"')`);
        text = chunk.slice(end + 1);
      }
      if (text !== '') {
        expression.push(`@'\n${text}\n'@`);
      }
    });
    lines.push(`$body = ${expression.join(' + ')}`);
    bodyArgument = ` -ContentType ${powershellString(contentType)} -Body ([System.Text.Encoding]::UTF8.GetBytes($body))`;
  }
  lines.push(
    ...(parts.streamed ? ['# The answer is a stream of server-sent events: Invoke-RestMethod returns it whole, once it ends.'] : []),
    `$response = Invoke-RestMethod -Method ${parts.method.charAt(0)}${parts.method.slice(1).toLowerCase()} -Uri ${powershellString(parts.url)} -Headers $headers${bodyArgument}`,
    parts.streamed ? '$response' : '$response | ConvertTo-Json -Depth 100',
    '',
  );
  return lines.join('\n');
}

// The request as Python with the `anthropic` SDK: the client (base URL, timeout and retries when not the SDK's
// defaults; the key from ANTHROPIC_API_KEY), then messages.create, or messages.stream with its text_stream and
// get_final_message() for a streamed call, the body as keyword arguments with Python literals, fields the SDK does
// not know in extra_body, other headers in extra_headers, anthropic-beta as betas on client.beta.messages.
import type { HeaderPart, RequestParts, TextPiece } from './requestParts';
import { layout, type LiteralSyntax } from './layout';
import { pythonBytes, pythonString } from './literals';
import { commentText, sdkCall, versionComment, type SdkCallOptions } from './sdkCall';

/** Python expressions for text, headers and body, with `usesEnv` set once os.environ is read. */
export class PythonWriter {
  usesEnv = false;

  constructor(private readonly parts: RequestParts) {}

  pieces(pieces: TextPiece[]): string {
    if (pieces.length === 0) {
      return '""';
    }
    return pieces
      .map((p) => {
        if ('text' in p) {
          return pythonString(p.text);
        }
        this.usesEnv = true;
        return `os.environ[${pythonString(p.variable)}]`;
      })
      .join(' + ');
  }

  readonly syntax: LiteralSyntax = {
    string: (value) => this.pieces(this.parts.pieces(value)),
    key: (name) => this.pieces(this.parts.pieces(name)),
    number: (text) => text,
    literal: (value) => (value === true ? 'True' : value === false ? 'False' : 'None'),
    indent: '    ',
    openInline: '{',
    closeInline: '}',
    trailingComma: true,
  };

  /** A header's value: its environment variable for a secret, bytes for Latin-1 (httpx sends str values as ASCII). */
  headerValue(header: HeaderPart): string {
    if (header.secret) {
      return this.pieces([...(header.secret.prefix ? [{ text: header.secret.prefix }] : []), { variable: header.secret.variable }]);
    }
    return /^[\x20-\x7e\t]*$/.test(header.value) ? pythonString(header.value) : pythonBytes(header.value);
  }

  /** A dict of headers, one a line, at `level`. */
  headers(headers: HeaderPart[], level: number): string {
    const pad = this.syntax.indent.repeat(level);
    const lines = headers.map((h) => `${pad}${this.syntax.indent}${pythonString(h.name)}: ${this.headerValue(h)},`);
    return `{\n${lines.join('\n')}\n${pad}}`;
  }
}

export function pythonSnippet(parts: RequestParts, options: SdkCallOptions = {}): string {
  const call = sdkCall(parts, options);
  const w = new PythonWriter(parts);
  const indent = w.syntax.indent;
  const args: string[] = [];
  const unknown = call.fields.filter((f) => !f.known);
  for (const field of call.fields) {
    if (!field.known || (call.streamed && field.name === 'stream')) {
      continue; // stream() sends "stream": true itself, and takes no stream argument
    }
    args.push(`${indent}${field.name}=${layout(field.value, w.syntax, 1, field.name.length + 1)},`);
  }
  if (call.betas) {
    args.push(`${indent}betas=[${call.betas.map(pythonString).join(', ')}],`);
  }
  if (unknown.length > 0) {
    const extra = { kind: 'object' as const, entries: unknown.map((f): [string, typeof f.value] => [f.name, f.value]) };
    const names = unknown.map((f) => commentText(f.name, parts, pythonString));
    args.push(`${indent}# ${names.join(', ')}: not in the SDK's types yet, sent as they are`);
    args.push(`${indent}extra_body=${layout(extra, w.syntax, 1, 'extra_body='.length)},`);
  }
  if (call.headers.length > 0) {
    args.push(`${indent}extra_headers=${w.headers(call.headers, 1)},`);
  }
  if (call.callTimeoutSeconds !== undefined) {
    args.push(`${indent}# Given, or the SDK refuses a call this long that does not stream (it asks for streaming).`);
    args.push(`${indent}timeout=${call.callTimeoutSeconds},`);
  }
  const clientArgs = [
    ...(call.baseUrl !== undefined ? [`base_url=${pythonString(call.baseUrl)}`] : []),
    ...(call.timeoutSeconds !== undefined ? [`timeout=${call.timeoutSeconds}`] : []),
    ...(call.maxRetries !== undefined ? [`max_retries=${call.maxRetries}`] : []),
  ];
  const client =
    clientArgs.length === 0
      ? 'client = anthropic.Anthropic()  # the key from ANTHROPIC_API_KEY'
      : `# The key from ANTHROPIC_API_KEY.\nclient = anthropic.Anthropic(\n${clientArgs.map((a) => `${indent}${a},`).join('\n')}\n)`;
  const messages = call.betas ? 'client.beta.messages' : 'client.messages';
  const callText = call.streamed
    ? [
        `with ${messages}.stream(`,
        ...args,
        ') as stream:',
        `${indent}for text in stream.text_stream:`,
        `${indent}${indent}print(text, end="", flush=True)`,
        `${indent}print()`,
        `${indent}message = stream.get_final_message()`,
        'print(message.stop_reason, message.usage)',
      ]
    : [`message = ${messages}.create(`, ...args, ')', 'print(message.content)'];
  return [
    `# ${versionComment(call, `The Python SDK, ${call.line.python},`, parts, pythonString)}`,
    ...(w.usesEnv ? ['import os', ''] : []),
    'import anthropic',
    '',
    client,
    '',
    ...callText,
    '',
  ].join('\n');
}

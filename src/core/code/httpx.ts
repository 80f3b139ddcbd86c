// The request as Python without the SDK, with httpx: every meaningful header as sent (secrets from the
// environment), the body as a Python dict, POSTed as JSON; a streamed call reads the server-sent events line by line.
import type { RequestParts } from './requestParts';
import { someText } from './jsonTree';
import { layout } from './layout';
import { pythonString } from './literals';
import { PythonWriter } from './python';

function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}

export function httpxSnippet(parts: RequestParts, options: { timeoutSeconds?: number } = {}): string {
  const w = new PythonWriter(parts);
  const headers = w.headers(parts.headers, 0);
  const body = parts.body ? layout(parts.body, w.syntax, 0, 'body = '.length) : undefined;
  // httpx's json= may encode with ensure_ascii=False (newer versions), which cannot encode a lone surrogate: then
  // the body is encoded here, with JSON's \u escapes, as the request had it.
  const surrogate = parts.body !== undefined && someText(parts.body, hasLoneSurrogate);
  const payload = body === undefined ? '' : surrogate ? ', content=json.dumps(body).encode("utf-8")' : ', json=body';
  const timeout = options.timeoutSeconds ?? parts.timeoutSeconds ?? 600;
  const request = `${pythonString(parts.method)}, ${pythonString(parts.url)}, headers=headers${payload}, timeout=${timeout}`;
  const call = parts.streamed
    ? [
        `with httpx.stream(${request}) as response:`,
        '    for line in response.iter_lines():',
        '        print(line)',
      ]
    : [`response = httpx.request(${request})`, 'print(response.status_code)', 'print(response.text)'];
  const imports = [...(surrogate ? ['import json'] : []), ...(w.usesEnv ? ['import os'] : [])];
  return [
    `# Python without the SDK (httpx): the request as it went out, ${parts.method} ${parts.url}.`,
    ...imports,
    ...(imports.length > 0 ? [''] : []),
    'import httpx',
    '',
    `headers = ${headers}`,
    ...(body !== undefined ? [`body = ${body}`] : []),
    '',
    ...call,
    '',
  ].join('\n');
}

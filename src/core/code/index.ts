// A captured request (what Send put on the wire, or the dry-run capture of a file not sent yet) as code in each
// language the Code view, Copy as Code… and the CLI's `code` offer. The key is never written: the SDKs read it from
// ANTHROPIC_API_KEY themselves, the others from the environment; other secrets by the variables the curl uses.
import type { CapturedRequest } from '../../shared/callRecord';
import type { CodeLanguage } from '../../shared/codeLanguages';
import { CURL_BODY_MASKED_NOTE, curlOf } from './curl';
import { redactor, type Redactor } from '../secrets/redact';
import { cmdSnippet } from './cmd';
import { httpxSnippet } from './httpx';
import { powershellSnippet } from './powershell';
import { pythonSnippet } from './python';
import { rawHttpSnippet } from './rawHttp';
import { requestParts } from './requestParts';
import { typescriptSnippet } from './typescript';

export interface CodeOptions {
  /** The secrets to keep out of the code; those of this process by default. */
  redactor?: Redactor;
  /** The client's retries (the captured request does not say): set on the SDK client when not its default. */
  maxRetries?: number;
}

export interface CodeSnippet {
  text: string;
  /** Said beside the snippet: it does not send exactly what the request did, and why. */
  note?: string;
}

/** Said for raw HTTP whose body held a secret: written as its $VARIABLE, as in the headers. */
export const HTTP_BODY_MASKED_NOTE =
  'The body holds a secret, written as its $VARIABLE (or ${VARIABLE}) as in the headers: put the values in before sending these bytes (content-length counts the values).';

/** Said when text shaped like a secret was masked in the body: the snippet sends those characters masked. */
export const CODE_BODY_MASKED_NOTE =
  'The body holds text shaped like a secret (an sk-ant- key, or the user:password@ of a URL), masked in this code: it sends those characters masked, not the bytes the request sent.';

export function codeSnippet(request: CapturedRequest, language: CodeLanguage, options: CodeOptions = {}): CodeSnippet {
  const secrets = options.redactor ?? redactor();
  const parts = requestParts(request, secrets);
  if (language === 'curl') {
    const curl = curlOf(request, { streamed: parts.streamed, redactor: secrets });
    return curl.bodyMasked ? { text: `${curl.command}\n`, note: CURL_BODY_MASKED_NOTE } : { text: `${curl.command}\n` };
  }
  let text: string;
  let masked = false;
  let note = CODE_BODY_MASKED_NOTE;
  switch (language) {
    case 'cmd': {
      const cmd = cmdSnippet(parts, secrets);
      text = cmd.text;
      masked = cmd.bodyMasked;
      break;
    }
    case 'powershell':
      text = powershellSnippet(parts);
      break;
    case 'python':
      text = pythonSnippet(parts, { maxRetries: options.maxRetries });
      break;
    case 'typescript':
      text = typescriptSnippet(parts, { maxRetries: options.maxRetries });
      break;
    case 'python-httpx':
      text = httpxSnippet(parts);
      break;
    case 'http': {
      const http = rawHttpSnippet(parts, secrets);
      text = http.text;
      masked = http.bodyHasVariables;
      note = [
        HTTP_BODY_MASKED_NOTE,
        ...(http.literalPlaceholders.length > 0 ? [`The body also holds the text ${http.literalPlaceholders.join(', ')} itself, which is no secret: leave it as it is.`] : []),
        ...(parts.masked ? [CODE_BODY_MASKED_NOTE] : []),
      ].join(' ');
      break;
    }
  }
  return parts.masked || masked ? { text, note: masked ? note : CODE_BODY_MASKED_NOTE } : { text };
}

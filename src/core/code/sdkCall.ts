// The request as an SDK call: which SDK line sends its anthropic-version, which headers the SDK sends by itself
// (so the snippet leaves them out), which become `betas`, which stay extra headers, and which body fields the SDK's
// types know (the rest go through extra_body in Python and a cast in TypeScript). Shared by python.ts and
// typescript.ts so that both say the same thing about one request.
import type { JsonNode } from './jsonTree';
import type { HeaderPart, RequestParts } from './requestParts';
import { KEY_VARIABLE } from '../secrets/redact';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_SECONDS } from '../../shared/defaults';
import { KNOWN_BETA_FIELDS, KNOWN_FIELDS, newestSdkLine, sdkLineOf, type SdkLine } from './sdkFacts';

export interface SdkCallOptions {
  /** The client's retries; set on the client when not the SDK's default (2). */
  maxRetries?: number;
}

export interface SdkCall {
  line: SdkLine;
  /** The request's anthropic-version, when no SDK line sends it (then it goes as an extra header). */
  unknownVersion?: string;
  /** From anthropic-beta: the call goes to client.beta.messages. */
  betas?: string[];
  headers: HeaderPart[];
  /** Body fields in the request's order, each marked known to the SDK's types or not. */
  fields: { name: string; value: JsonNode; known: boolean }[];
  streamed: boolean;
  baseUrl?: string;
  timeoutSeconds?: number;
  /**
   * A timeout for the call itself: both SDKs refuse a non-streamed call whose max_tokens could take more than ten
   * minutes ("Streaming is required") unless a timeout is given; the request went with the default, so it is given.
   */
  callTimeoutSeconds?: number;
  maxRetries?: number;
}

/** The SDKs' own limit: a non-streamed call is refused when max_tokens at 128,000 an hour could take over 10 minutes. */
const NONSTREAMING_MAX_TOKENS = (10 * 128_000) / 60;

/** The betas of an anthropic-beta value, when the SDK's `betas` would send exactly that value (joined by ","). */
function betasOf(value: string): string[] | undefined {
  const betas = value.split(',');
  return betas.every((b) => b !== '' && b.trim() === b) ? betas : undefined;
}

export function sdkCall(parts: RequestParts, options: SdkCallOptions = {}): SdkCall {
  const version = parts.headers.find((h) => h.name === 'anthropic-version' && !h.secret)?.value;
  const known = sdkLineOf(version);
  const line = known ?? newestSdkLine();
  const headers: HeaderPart[] = [];
  let betas: string[] | undefined;
  // The TypeScript SDK takes `betas` out of the beta call's body (into the header): a body that has a field of that
  // name keeps it only on client.messages, with anthropic-beta as a header.
  const bodyHasBetas = parts.body?.kind === 'object' && parts.body.entries.some(([name]) => name === 'betas');
  for (const header of parts.headers) {
    const { name, value, secret } = header;
    if ((name === 'accept' || name === 'content-type') && value === 'application/json') {
      continue; // the SDK sends these itself
    }
    if (name === 'anthropic-version' && known) {
      continue;
    }
    if (name === line.keyHeader && secret?.variable === KEY_VARIABLE && (secret.prefix ?? '') === (name === 'authorization' ? 'Bearer ' : '')) {
      continue; // the key, which the SDK reads from ANTHROPIC_API_KEY and sends in this header
    }
    if (name === 'anthropic-beta' && !secret && !bodyHasBetas && betas === undefined && betasOf(value)) {
      betas = betasOf(value);
      continue;
    }
    headers.push(header);
  }
  if (parts.body?.kind !== 'object') {
    throw new Error('the body is not a JSON object: only a Messages API request can be written as SDK code');
  }
  const fieldNames = betas ? KNOWN_BETA_FIELDS : KNOWN_FIELDS;
  const fields = parts.body.entries.map(([name, value]) => ({ name, value, known: fieldNames.has(name) }));
  const timeoutSeconds = parts.timeoutSeconds !== undefined && parts.timeoutSeconds !== DEFAULT_TIMEOUT_SECONDS ? parts.timeoutSeconds : undefined;
  const maxTokens = fields.find((f) => f.name === 'max_tokens')?.value;
  const refusedWithoutTimeout =
    !parts.streamed && timeoutSeconds === undefined && maxTokens?.kind === 'number' && Number(maxTokens.text) > NONSTREAMING_MAX_TOKENS;
  return {
    line,
    ...(known || version === undefined ? {} : { unknownVersion: version }),
    ...(betas ? { betas } : {}),
    headers,
    fields,
    streamed: parts.streamed,
    ...(parts.defaultBaseUrl ? {} : { baseUrl: parts.baseUrl }),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(refusedWithoutTimeout ? { callTimeoutSeconds: parts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS } : {}),
    ...(options.maxRetries !== undefined && options.maxRetries !== DEFAULT_MAX_RETRIES ? { maxRetries: options.maxRetries } : {}),
  };
}

/** Printable ASCII without the comment's own quotes: text a comment may hold as it is. */
const PLAIN = /^[\w.:/@+-]{1,40}$/;

/**
 * Text from the request (a field's name, a header's value) as a comment may show it: plain text as it is, anything
 * else as the language's string literal, so that no character of it (a newline, U+2028, a control) can end the
 * comment and turn the rest into code; cut after 40 characters; a secret in it is never shown.
 */
export function commentText(text: string, parts: RequestParts, quote: (text: string) => string): string {
  if (parts.pieces(text).some((p) => 'variable' in p) || parts.pieces(text).some((p) => 'text' in p && p.text !== text)) {
    return '(text holding a secret)';
  }
  if (PLAIN.test(text)) {
    return text;
  }
  const chars = Array.from(text);
  return chars.length > 40 ? `${quote(chars.slice(0, 40).join(''))}…` : quote(text);
}

/** The first comment: the SDK line that sends the same anthropic-version as the request. */
export function versionComment(call: SdkCall, sdk: string, parts: RequestParts, quote: (text: string) => string): string {
  if (call.unknownVersion !== undefined) {
    const sent = commentText(call.unknownVersion, parts, quote);
    return `${sdk} sends anthropic-version ${call.line.version}; this request sent ${sent}, which no SDK line is known to send, so the snippet sets it as a header.`;
  }
  return `${sdk} sends anthropic-version ${call.line.version}, as this request did.`;
}

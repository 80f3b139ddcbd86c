// A captured request taken apart for code: where it goes, its meaningful headers (secret ones as the environment
// variable that holds their value, the names the curl uses), its body as an ordered tree, and how each string of
// the body is split around the secrets in play. Every language's writer reads this, so they all agree with the curl.
import type { CapturedRequest, MaskedHeader } from '../../shared/callRecord';
import { bodyPieces, isOmittedFromCurl } from './curl';
import { HeaderValueError, headerNameProblem, headerValueProblem } from '../capture/headerValues';
import { redactor, type Redactor } from '../secrets/redact';
import { headerVariable, isSecretHeaderName, secretHeaderParts } from '../secrets/secretHeaders';
import type { Piece } from './shellWords';
import { parseJsonTree, type JsonNode } from './jsonTree';

/** The API's own base URL: a snippet for it sets none (the SDKs default to it). */
export const API_BASE_URL = 'https://api.anthropic.com';
const MESSAGES_PATH = '/v1/messages';

export interface HeaderPart {
  name: string;
  /** The value as sent; for a secret header, its mask ("Bearer $ANTHROPIC_API_KEY"), never the secret. */
  value: string;
  /** A secret header: written as `prefix` then the environment variable's value. */
  secret?: MaskedHeader;
}

/** Text and environment variables, as a string of the body is written: no secret is ever inline. */
export type TextPiece = { text: string } | { variable: string };

export interface RequestParts {
  method: string;
  /** The whole URL, redacted. */
  url: string;
  /** The base URL (the URL without /v1/messages). */
  baseUrl: string;
  /** True when the base URL is the API's own. */
  defaultBaseUrl: boolean;
  /** The path and query, for raw HTTP. */
  path: string;
  /** host[:port], for raw HTTP. */
  host: string;
  /** Headers that mean something to the API, in wire order (telemetry, user-agent and the transport's own left out). */
  headers: HeaderPart[];
  /** The body as sent, byte for byte. */
  bodyText: string;
  body: JsonNode | undefined;
  /** The body asks for a stream ("stream": true). */
  streamed: boolean;
  /** The timeout the SDK said it used (x-stainless-timeout), in seconds. */
  timeoutSeconds?: number;
  /** A string of the body as pieces; text shaped like a secret is masked, and `masked` then says so. */
  pieces(text: string): TextPiece[];
  /** True once `pieces` masked text shaped like a secret: the snippet does not send the request's bytes. */
  readonly masked: boolean;
}

function secretOf(name: string, value: string, masked: MaskedHeader | undefined, secrets: Redactor): MaskedHeader | undefined {
  if (masked) {
    return masked;
  }
  if (isSecretHeaderName(name)) {
    const { prefix, variable } = secretHeaderParts(name, value);
    return prefix ? { prefix, variable } : { variable };
  }
  return secrets.redact(value) !== value ? { variable: headerVariable(name) } : undefined;
}

export function requestParts(request: CapturedRequest, secrets: Redactor = redactor()): RequestParts {
  const url = secrets.redact(request.url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the request has no usable URL');
  }
  const path = parsed.pathname + parsed.search;
  if (!parsed.pathname.endsWith(MESSAGES_PATH)) {
    throw new Error(`only Messages API calls (POST …${MESSAGES_PATH}) can be written as code`);
  }
  const baseUrl = url.slice(0, url.length - MESSAGES_PATH.length - parsed.search.length - parsed.hash.length).replace(/\/$/, '');
  const headers: HeaderPart[] = [];
  for (const [rawName, value] of Object.entries(request.headers)) {
    const name = rawName.toLowerCase();
    if (isOmittedFromCurl(name)) {
      continue;
    }
    const secret = secretOf(name, value, request.masked?.[name], secrets);
    const problem = headerNameProblem(name) ?? (secret ? undefined : headerValueProblem(name, value));
    if (problem) {
      throw new HeaderValueError(name, problem);
    }
    headers.push(secret ? { name, value: `${secret.prefix ?? ''}$${secret.variable}`, secret } : { name, value });
  }
  const body = request.body === '' ? undefined : parseJsonTree(request.body);
  const streamed = body?.kind === 'object' && body.entries.some(([k, v]) => k === 'stream' && v.kind === 'literal' && v.value === true);
  const timeout = Number(request.headers['x-stainless-timeout']);
  let masked = false;
  return {
    method: request.method.toUpperCase(),
    url,
    baseUrl,
    defaultBaseUrl: baseUrl === API_BASE_URL,
    path,
    host: parsed.host,
    headers,
    bodyText: request.body,
    body,
    streamed,
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutSeconds: timeout } : {}),
    pieces(text: string): TextPiece[] {
      const split = bodyPieces(text, secrets);
      masked ||= split.bodyMasked;
      return split.pieces.filter((p): p is TextPiece => !('latin1' in p));
    },
    get masked() {
      return masked;
    },
  };
}

/** The header's value as pieces (its prefix, then its variable), for languages that build it from the environment. */
export function headerPieces(header: HeaderPart): Piece[] {
  return header.secret ? [...(header.secret.prefix ? [{ text: header.secret.prefix }] : []), { variable: header.secret.variable }] : [{ latin1: header.value }];
}

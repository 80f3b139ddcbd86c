// Turns whatever the SDK threw into a CallError a person can act on: the API's type, message and request-id, or the
// URL and low-level cause of a network failure. The key is scrubbed from every text.
import { anthropicSdk } from './sdk';
import type { CallError, CapturedResponse } from '../shared/callRecord';
import { hint } from '../shared/hints';
import { redactKey } from './secrets/redact';
import { secondsText } from './capture/retry';
import { describeNetworkCause, findCause, mediaType, preview, WireFault } from './capture/wireFault';

/** What each API error type means for the person who sent the request, and what to try. */
export const ERROR_HINTS: Record<string, string> = {
  invalid_request_error: 'The request body has a problem the API named above; fix the field and send again.',
  authentication_error: 'The API key is missing, wrong or revoked.',
  billing_error: 'The account has a billing problem: check Plans & Billing in the Claude Console.',
  permission_error: 'The API key has no permission for this resource or model.',
  not_found_error: 'The URL or a resource in the request (a model id, a file) was not found.',
  conflict_error: 'A conflicting request is in progress; try again shortly.',
  request_too_large: 'The request is over the 32 MB limit: shrink the documents or images.',
  rate_limit_error: 'Rate limited: wait for the time in retry-after, or lower the request rate.',
  api_error: 'An unexpected error inside the API; try again.',
  timeout_error: 'The API timed out answering; try again, or stream long requests.',
  overloaded_error: 'The API is overloaded right now; try again in a moment.',
};

function errorBody(error: unknown): { type?: string; message?: string; request_id?: string } {
  const body = error as { error?: { type?: unknown; message?: unknown }; request_id?: unknown } | undefined;
  const inner = body?.error;
  return {
    type: typeof inner?.type === 'string' ? inner.type : undefined,
    message: typeof inner?.message === 'string' ? inner.message : undefined,
    request_id: typeof body?.request_id === 'string' ? body.request_id : undefined,
  };
}

export interface ErrorContext {
  apiKey?: string;
  /** Where the request went, for network errors. */
  url?: string;
  timeoutMs?: number;
  /** The HTTP status of a stream that later carried an `error` event. */
  streamStatus?: number;
  /** True when content had already arrived. */
  hadContent?: boolean;
  /** The fault the capture described, in case the SDK threw its own error in its place. */
  fault?: WireFault;
  /** The last response, for an error body that is not the API's JSON. */
  response?: CapturedResponse;
}

export function toCallError(error: unknown, context: ErrorContext): CallError {
  const scrub = (text: string) => redactKey(text, context.apiKey);
  if (error instanceof anthropicSdk().APIUserAbortError) {
    return { kind: 'cancelled', message: 'Cancelled: the request was aborted before the answer was complete.' };
  }
  const fault = findCause(error, WireFault) ??
    (error instanceof anthropicSdk().APIConnectionError ? context.fault : undefined);
  if (fault) {
    const detail = fault.detail;
    return {
      ...detail,
      message: scrub(detail.message),
      ...(detail.cause ? { cause: scrub(detail.cause) } : {}),
      url: context.url,
      hint: detail.hint && detail.midStream && context.hadContent && !/kept|shown/.test(detail.hint)
        ? `${detail.hint} What arrived is shown, marked incomplete.`
        : detail.hint,
    };
  }
  if (error instanceof anthropicSdk().APIConnectionTimeoutError) {
    const within = context.timeoutMs !== undefined ? ` within ${secondsText(context.timeoutMs)}` : '';
    return {
      kind: 'timeout',
      message: scrub(`No answer from ${context.url ?? 'the server'}${within}.`),
      url: context.url,
      ...hint('no-answer'),
    };
  }
  if (error instanceof anthropicSdk().APIConnectionError) {
    const cause = scrub(describeNetworkCause(error.cause ?? error));
    return {
      kind: 'network',
      message: scrub(`Could not reach ${context.url ?? 'the server'}: ${cause}`),
      url: context.url,
      cause,
      ...networkHint(cause),
    };
  }
  if (error instanceof anthropicSdk().APIError) {
    const body = errorBody(error.error);
    const type = body.type ?? error.type ?? undefined;
    const requestId = error.requestID ?? body.request_id ?? undefined;
    const midStream = error.status === undefined;
    const message = body.message ?? (error.status ? notApiError(error.status, context.response) : error.message);
    return {
      kind: 'api',
      status: error.status ?? context.streamStatus,
      type,
      message: scrub(message),
      requestId,
      midStream: midStream || undefined,
      hint: midStream && context.hadContent
        ? 'The stream broke off: what arrived before the error is shown, marked incomplete.'
        : (type && ERROR_HINTS[type]) || undefined,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'client', message: scrub(message) };
}

/**
 * An error answer that is not the API's JSON, described by what it is: "502 Bad Gateway, text/html: probably a
 * proxy, not the API: `<html>…`". Never "no error body": the content type and the first bytes say who answered.
 */
function notApiError(status: number, response: CapturedResponse | undefined): string {
  const statusText = response?.statusText ? ` ${response.statusText}` : '';
  const body = response?.body ?? '';
  if (body === '') {
    return `${status}${statusText}, with an empty body (not the API's JSON error)`;
  }
  const type = response ? mediaType(response.headers) : 'no content-type';
  const who = type === 'text/html' ? 'probably a proxy or gateway, not the API' : "not the API's JSON error";
  return `${status}${statusText}, ${type}: ${who}: ${preview(body)}`;
}

function networkHint(cause: string): Pick<CallError, 'hint' | 'hintCode'> {
  if (cause.startsWith('ECONNREFUSED')) {
    return hint('nothing-listening');
  }
  if (cause.startsWith('ENOTFOUND') || cause.startsWith('EAI_AGAIN')) {
    return { hint: 'The host name does not resolve: check the base URL and your network or proxy.' };
  }
  if (cause.startsWith('ECONNRESET') || cause.includes('socket')) {
    return { hint: 'The connection was cut: a proxy or the server closed it. Try again.' };
  }
  return { hint: 'Check the base URL and your network.' };
}

/** One line for a notification or a terminal: "529 overloaded_error: Overloaded (request-id req_…)". */
export function summarizeError(error: CallError): string {
  // A message that already starts with its status ("502 Bad Gateway, …", "HTTP 200, but …") is not prefixed again.
  const saysStatus = error.status !== undefined && (error.message.startsWith(`${error.status} `) || error.message.startsWith(`HTTP ${error.status}`));
  // A 200 whose body then failed (a stall, a reset) is not an HTTP error: its status would only mislead here.
  const status = error.kind === 'api' || (error.status ?? 0) >= 300 ? error.status : undefined;
  const head = saysStatus ? '' : [status, error.type].filter((part) => part !== undefined && part !== '').join(' ');
  const id = error.requestId ? ` (request-id ${error.requestId})` : '';
  return `${head ? `${head}: ` : ''}${error.message}${id}`;
}

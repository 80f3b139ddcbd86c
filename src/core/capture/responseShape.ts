// What a successful answer must look like before it is believed: a Message for send, a token count for
// count_tokens, a page with `data` for models. A 200 from a captive portal, a proxy or a misconfigured server is an
// error that shows what came instead.
import type { FaultDetail } from './wireFault';
import { mediaType, preview } from './wireFault';

export type Expected = 'a Message' | 'a Message stream' | 'a token count' | 'a page of models';

/** "HTTP 200, but the body is text/html, not a Message: `<html>…`" */
export function notExpected(response: Response, text: string, expected: Expected, why?: string): FaultDetail {
  const what = text === '' ? 'empty' : mediaType(response.headers);
  const shown = text === '' ? '' : `: ${preview(text)}`;
  return {
    kind: 'unexpected-response',
    status: response.status,
    requestId: response.headers.get('request-id') ?? undefined,
    message: `HTTP ${response.status}, but the body is ${what}, not ${expected}${why ? ` (${why})` : ''}${shown}`,
    hint: what === 'text/html'
      ? 'An HTML page answered instead of the API: probably a proxy, a captive portal or a wrong base URL.'
      : 'Something other than the API answered, or the API changed: check the base URL.',
  };
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Message in a non-streamed answer, or what is wrong with it. */
export function messageFrom(response: Response, text: string): { message: Record<string, unknown> } | { fault: FaultDetail } {
  if (mediaType(response.headers) === 'text/event-stream') {
    return { fault: notExpected(response, text, 'a Message', 'an event stream for a request that did not ask for one') };
  }
  const parsed = parse(text);
  if (!parsed.ok || !isObject(parsed.value)) {
    return { fault: notExpected(response, text, 'a Message') };
  }
  if (parsed.value.type !== 'message') {
    return { fault: notExpected(response, text, 'a Message', 'no "type": "message"') };
  }
  if (!Array.isArray(parsed.value.content)) {
    return { fault: notExpected(response, text, 'a Message', '"content" is not a list') };
  }
  const odd = parsed.value.content.findIndex((block) => !isObject(block) || typeof block.type !== 'string');
  if (odd >= 0) {
    return { fault: notExpected(response, text, 'a Message', `content[${odd}] is not a block (an object with a "type")`) };
  }
  return { message: parsed.value };
}

/** The input_tokens of a count_tokens answer, or what is wrong with it. */
export function tokenCountFrom(response: Response, text: string): { inputTokens: number } | { fault: FaultDetail } {
  const parsed = parse(text);
  const tokens = parsed.ok && isObject(parsed.value) ? parsed.value.input_tokens : undefined;
  if (typeof tokens !== 'number' || !Number.isFinite(tokens)) {
    return { fault: notExpected(response, text, 'a token count', 'input_tokens must be a number') };
  }
  if (!Number.isSafeInteger(tokens) || tokens < 0) {
    // A count is whole: 12.5 tokens, like -3, is not an answer from the API.
    return { fault: notExpected(response, text, 'a token count', 'input_tokens must be a whole number, 0 or more') };
  }
  return { inputTokens: tokens };
}

export interface ModelsPage {
  data: unknown[];
  hasMore: boolean;
  lastId?: string;
}

/** One page of GET /v1/models, or what is wrong with it. */
export function modelsPageFrom(response: Response, text: string): { page: ModelsPage } | { fault: FaultDetail } {
  const parsed = parse(text);
  if (!parsed.ok || !isObject(parsed.value) || !Array.isArray(parsed.value.data)) {
    return { fault: notExpected(response, text, 'a page of models', 'a page must have a "data" list') };
  }
  const value = parsed.value;
  const odd = (value.data as unknown[]).find((model) => !isObject(model) || typeof model.id !== 'string');
  if (odd !== undefined) {
    return { fault: notExpected(response, text, 'a page of models', `an entry of "data" is not a model with an id: ${JSON.stringify(odd)?.slice(0, 60)}`) };
  }
  return {
    page: {
      data: value.data as unknown[],
      hasMore: value.has_more === true,
      lastId: typeof value.last_id === 'string' && value.last_id !== '' ? value.last_id : undefined,
    },
  };
}

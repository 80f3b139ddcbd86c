// What the stand-in's suites (standIn*.test.ts) share: an SDK client and raw fetch helpers on the stand-in, the
// error body's shape, and an SSE reader for its own well-formed output.
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import * as assert from 'node:assert/strict';
import { type StandIn, startStandIn } from '../../src/standIn/server';

export const KEY = 'sk-ant-test-key-0000000000';
export const MODEL = 'claude-sonnet-5-5';

export function client(standIn: StandIn, options: { apiKey?: string; timeout?: number } = {}): Anthropic {
  return new Anthropic({ apiKey: options.apiKey ?? KEY, baseURL: standIn.url, maxRetries: 0, timeout: options.timeout });
}

export function ask(text: string, extra: Partial<MessageCreateParamsNonStreaming> = {}): MessageCreateParamsNonStreaming {
  return { model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: text }], ...extra };
}

/** A message as JSON, without what differs between two calls (the id) or what only the SDK adds. */
export function comparable(message: Message): Record<string, unknown> {
  const { id: _id, ...rest } = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  delete rest.parsed_output;
  return rest;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function post(standIn: StandIn, route: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${standIn.url}${route}`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function get(standIn: StandIn, route: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${standIn.url}${route}`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

export function assertErrorBody(answer: RawAnswer, status: number, type: string, message?: string | RegExp): void {
  assert.equal(answer.status, status, answer.text);
  const body = answer.json as { type: string; error: { type: string; message: string }; request_id: string };
  assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, type);
  assert.equal(body.request_id, answer.headers.get('request-id'));
  if (typeof message === 'string') {
    assert.equal(body.error.message, message);
  } else if (message) {
    assert.match(body.error.message, message);
  }
}

/** Parses SSE text into events (enough for the stand-in's own well-formed output). */
export function sseEvents(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>;
      return { event, data };
    });
}

/**
 * The hooks of a stand-in suite: a stand-in started before it (with an SDK client on it), reset before each test and
 * closed after. `ready` receives both, for the suite's own variables.
 */
export function useStandInWithSdk(ready: (started: { standIn: StandIn; sdk: Anthropic }) => void): void {
  let standIn: StandIn | undefined;
  before(async () => {
    standIn = await startStandIn();
    ready({ standIn, sdk: client(standIn) });
  });
  after(() => standIn?.close());
  beforeEach(() => standIn?.reset());
}

// The effective request: the body that will really go out. The file is the source of truth; settings only fill
// in `model` and `max_tokens` when the file leaves them out, and decide streaming when the file does not say.
import type { JsonObject } from '../shared/callRecord';
import { checkCustomHeaders } from './capture/headerValues';

export interface RequestDefaults {
  model: string;
  maxTokens: number;
  /** Stream when the file has no "stream" field. */
  stream: boolean;
}

export interface EffectiveRequest {
  body: JsonObject;
  /** The fields taken from the defaults, for the panel to say so. */
  defaultsApplied: string[];
  streamed: boolean;
}

/**
 * Applies the defaults without touching anything else: every other field, including ones this tool or the SDK
 * does not know, passes through as written, in the order written.
 */
export function effectiveRequest(fileBody: JsonObject, defaults: RequestDefaults): EffectiveRequest {
  // Every request goes out with ANTHROPIC_CUSTOM_HEADERS: one that cannot be sent exactly stops it here, by name.
  checkCustomHeaders();
  const defaultsApplied: string[] = [];
  const filled: JsonObject = {};
  if (fileBody.model === undefined) {
    filled.model = defaults.model;
    defaultsApplied.push('model');
  }
  if (fileBody.max_tokens === undefined) {
    filled.max_tokens = defaults.maxTokens;
    defaultsApplied.push('max_tokens');
  }
  // Spread, not Object.assign: it defines fields, so even a "__proto__" field is passed on as data.
  const body: JsonObject = { ...filled, ...fileBody };
  const streamed = typeof fileBody.stream === 'boolean' ? fileBody.stream : defaults.stream;
  if (fileBody.stream === undefined && streamed) {
    // The SDK's streaming helper sends "stream": true; show it where it will be, so the panel matches the wire.
    body.stream = true;
    defaultsApplied.push('stream');
  }
  return { body, defaultsApplied, streamed };
}

/** The body for a selection: one user message holding the text as it is. */
export function selectionRequest(text: string): JsonObject {
  return { messages: [{ role: 'user', content: text }] };
}

// What statelessness costs, across one request file's calls: each call sends the whole conversation again, so its
// input grows turn by turn; with cache_control set, the repeated prefix is read from the cache instead. Pure: the
// extension keeps the calls, the panel shows them.
import type { CallRecord, JsonObject } from './callRecord';
import { formatUsd, perMillionText } from './cost';
import { formatCount } from './format';
import { lookUpPrice, type PriceTable } from './prices';

/** One call of a file, as the conversation view lists it. */
export interface FileCallStat {
  callId: string;
  startedAt: string;
  model: string;
  /** How many messages the request carried. */
  messages: number;
  /** Every input token of the call: uncached input, cache writes and cache reads. */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The stat of a finished call with usage; undefined for a call that brought no usage back. */
export function fileCallStat(record: Pick<CallRecord, 'id' | 'startedAt' | 'effectiveRequest' | 'message'>): FileCallStat | undefined {
  const usage = record.message?.usage as JsonObject | undefined;
  if (!usage || typeof usage !== 'object') {
    return undefined;
  }
  const read = n(usage.cache_read_input_tokens);
  const write = n(usage.cache_creation_input_tokens);
  const messages = Array.isArray(record.effectiveRequest.messages) ? record.effectiveRequest.messages.length : 0;
  return {
    callId: record.id,
    startedAt: record.startedAt,
    model: String(record.message?.model ?? record.effectiveRequest.model ?? ''),
    messages,
    inputTokens: n(usage.input_tokens) + read + write,
    cacheReadTokens: read,
    cacheWriteTokens: write,
  };
}

/**
 * The shortest prefix a model caches, in tokens (docs: build-with-claude/prompt-caching, read 2026-11-24; historically
 * 1024 for Sonnet/Opus-class models, 2048 for Haiku-class). Shorter prefixes are not cached, breakpoint or not.
 */
export function cacheMinimumTokens(model: string): number {
  return /haiku/i.test(model) ? 2048 : 1024;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the request sets a cache breakpoint anywhere (top level, a tool, a system block, a message block). */
export function hasCacheControl(request: JsonObject): boolean {
  if (request.cache_control !== undefined) {
    return true;
  }
  const marked = (items: unknown) => Array.isArray(items) && items.some((item) => isObject(item) && item.cache_control !== undefined);
  if (marked(request.tools) || marked(request.system)) {
    return true;
  }
  return Array.isArray(request.messages) && request.messages.some((m) => isObject(m) && marked(m.content));
}

export interface CacheAdvice {
  /** Tokens every call repeats: what the call before this one sent. */
  prefixTokens: number;
  minimum: number;
  /** The saving on each later call, and what the first write costs more, in USD. */
  savingPerCall: number;
  extraFirstWrite?: number;
  text: string;
}

/**
 * When the repeated prefix is long enough to cache and no breakpoint is set: what a breakpoint would save, at the
 * model's prices. undefined when caching is set, the prefix is too short, or the model has no cache-read price.
 */
export function cacheAdvice(calls: readonly FileCallStat[], request: JsonObject, model: string, overrides?: PriceTable): CacheAdvice | undefined {
  if (calls.length < 2 || hasCacheControl(request)) {
    return undefined;
  }
  const prefixTokens = calls[calls.length - 2].inputTokens;
  const minimum = cacheMinimumTokens(model);
  const price = lookUpPrice(model, overrides)?.price;
  if (prefixTokens < minimum || !price || price.cacheRead === undefined) {
    return undefined;
  }
  const savingPerCall = (prefixTokens * (price.input - price.cacheRead)) / 1_000_000;
  const extraFirstWrite = price.cacheWrite5m === undefined ? undefined : (prefixTokens * (price.cacheWrite5m - price.input)) / 1_000_000;
  const write = extraFirstWrite === undefined ? '' : `; writing the cache once costs ${formatUsd(extraFirstWrite)} more`;
  const text =
    `Each call sends the conversation again: about ${formatCount(prefixTokens)} tokens repeat what the call before sent, ` +
    `above the ${formatCount(minimum)}-token minimum ${model} caches, and no cache_control is set. With a breakpoint on the last turn ` +
    `("cache_control": {"type": "ephemeral"}), each later call would read them at ${perMillionText(price.cacheRead)} instead of ${perMillionText(price.input)}: ` +
    `${formatUsd(savingPerCall)} saved a call${write} (5-minute cache).`;
  return { prefixTokens, minimum, savingPerCall, extraFirstWrite, text };
}

/** One entry of a response's input_transformations, in words (a thinking block dropped or let through). */
export function transformationText(entry: unknown): string {
  if (!isObject(entry)) {
    return JSON.stringify(entry);
  }
  const where = typeof entry.path === 'string' ? entry.path : 'a block';
  const reason = typeof entry.reason === 'string' ? ` (${entry.reason.replace(/_/g, ' ')})` : '';
  switch (entry.type) {
    case 'thinking_dropped':
      return `The API dropped the thinking block at ${where}${reason}: the model did not see it. It is no longer bound to the conversation before it (an earlier turn, the system prompt, the tools or the model changed).`;
    case 'thinking_mismatch_allowed':
      return `The thinking block at ${where} failed the binding check${reason} and was shown to the model anyway; were the check enforced, it would be dropped or the request refused.`;
    default:
      return `${String(entry.type ?? 'transformation')} at ${where}${reason}.`;
  }
}

// The cache, explained: the Messages API says how many tokens a call read from and wrote to the prompt cache, never
// why it missed. For a call with cache_control breakpoints, this finds the earlier call (same model) that shares the
// longest prefix with it, and says where the prefix first differs, whether the earlier call is older than the
// breakpoint's TTL, and which breakpoints sit on a prefix too short to be cached. Data only: each face words it.
import type { CallRecord, JsonObject } from './callRecord';
import { cacheMinimum, type CacheMinimum } from './cacheMinimums';
import { commonLength, differenceAt, type PrefixDifference } from './cacheDifference';
import { type Breakpoint, breakpointsOf, type CacheTtl, prefixElements, type PrefixElement, TTL_MS } from './cachePrefix';

export type { PrefixDifference } from './cacheDifference';

/** An earlier call to compare with: its id in the history and its record. */
export interface EarlierCall {
  id?: string;
  record: CallRecord;
}

export interface BreakpointFacts extends Breakpoint {
  ttlMs: number;
  /** The prefix's size up to this breakpoint, in tokens: a share of the usage's input tokens, or characters / 4. */
  prefixTokens: number;
  tokensFrom: 'usage' | 'characters';
  /** Below the model's minimum: the API accepts the breakpoint and caches nothing there. */
  tooShort: boolean;
}

export type CacheOutcome =
  /** Read from the cache, nothing written. */
  | 'hit'
  /** Read part (up to an earlier breakpoint), wrote the rest. */
  | 'partial'
  /** Nothing read: the prefix was written for the next call. */
  | 'written'
  /** Neither read nor written. */
  | 'not-cached'
  /** No usage (the call failed before an answer). */
  | 'unknown';

export type MissReason =
  /** No earlier call with this model in the history. */
  | 'no-earlier-call'
  /** The prefix differs from the earlier call before the breakpoint: see `difference`. */
  | 'prefix-changed'
  /** The prefix is the same, but the earlier call is older than the breakpoint's TTL. */
  | 'expired'
  /** The prefix is the same and recent, but the earlier call had no breakpoint inside it: it cached nothing this call could read. */
  | 'not-written-before'
  /** Every breakpoint is on a prefix below the model's minimum. */
  | 'too-short'
  /** Same prefix, recent, written before: the API does not say (evicted, another organisation or workspace...). */
  | 'unexplained';

export interface CacheExplanation {
  model: string;
  breakpoints: BreakpointFacts[];
  usage: { inputTokens: number; readTokens: number; writeTokens: number; write5mTokens?: number; write1hTokens?: number } | null;
  outcome: CacheOutcome;
  minimum: CacheMinimum;
  /** The earlier call with the longest common prefix, when there is one. */
  earlier?: {
    id?: string;
    startedAt: string;
    /** From the earlier call's start to this call's start. */
    ageMs: number;
    /** Elements (tools, system blocks, message blocks) the two share from the start, and how many this call has. */
    commonElements: number;
    elements: number;
    /** Whether it had a breakpoint inside the prefix the two share: it wrote something this call could read. */
    cachedSharedPrefix: boolean;
    /** What it read and wrote: the note words a miss from these numbers (null: it has no usage). */
    usage?: CacheExplanation['usage'];
  };
  /** Why nothing (or less than all) was read; absent on a full hit. */
  missReason?: MissReason;
  /** Where the prefix first differs from the earlier call's. */
  difference?: PrefixDifference;
  /** The earlier call is older than this TTL. */
  expired?: { ttl: CacheTtl; ttlMs: number; ageMs: number };
}

export interface ExplainOptions {
  /** Minimum cacheable tokens by model id, over the built-in table. */
  minimums?: Readonly<Record<string, number>>;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function modelOf(record: CallRecord): string {
  const answered = (record.message as { model?: unknown } | undefined)?.model;
  return typeof answered === 'string' ? answered : String(record.effectiveRequest.model ?? '');
}

function usageOf(record: CallRecord): CacheExplanation['usage'] {
  const usage = (record.message as { usage?: Record<string, unknown> } | undefined)?.usage;
  if (!usage) {
    return null;
  }
  const split = usage.cache_creation as Record<string, unknown> | undefined;
  return {
    inputTokens: num(usage.input_tokens),
    readTokens: num(usage.cache_read_input_tokens),
    writeTokens: num(usage.cache_creation_input_tokens),
    ...(split ? { write5mTokens: num(split.ephemeral_5m_input_tokens), write1hTokens: num(split.ephemeral_1h_input_tokens) } : {}),
  };
}

function outcomeOf(usage: CacheExplanation['usage']): CacheOutcome {
  if (!usage) {
    return 'unknown';
  }
  if (usage.readTokens > 0) {
    return usage.writeTokens > 0 ? 'partial' : 'hit';
  }
  return usage.writeTokens > 0 ? 'written' : 'not-cached';
}

/** The size of the prefix up to `elements`, in tokens: its share of the call's input, or characters / 4. */
function prefixTokens(elements: PrefixElement[], upTo: number, usage: CacheExplanation['usage']): { tokens: number; from: 'usage' | 'characters' } {
  const chars = (n: number) => elements.slice(0, n).reduce((sum, e) => sum + e.chars, 0);
  const total = usage ? usage.inputTokens + usage.readTokens + usage.writeTokens : 0;
  if (total > 0 && chars(elements.length) > 0) {
    return { tokens: Math.round((total * chars(upTo)) / chars(elements.length)), from: 'usage' };
  }
  return { tokens: Math.round(chars(upTo) / 4), from: 'characters' };
}

/**
 * Explains the cache of `call` against `history` (earlier calls, in any order; calls of other models, or that
 * started after `call`, are ignored). Undefined when the call's request has no breakpoint.
 */
export function explainCache(call: CallRecord, history: readonly EarlierCall[], options: ExplainOptions = {}): CacheExplanation | undefined {
  const request: JsonObject = call.effectiveRequest;
  const mine = prefixElements(request);
  const points = breakpointsOf(request, mine);
  if (points.length === 0) {
    return undefined;
  }
  const model = modelOf(call);
  const usage = usageOf(call);
  const minimum = cacheMinimum(model, options.minimums);
  const breakpoints: BreakpointFacts[] = points.map((point) => {
    const size = prefixTokens(mine, point.elements, usage);
    return { ...point, ttlMs: TTL_MS[point.ttl], prefixTokens: size.tokens, tokensFrom: size.from, tooShort: size.tokens < minimum.tokens };
  });
  const outcome = outcomeOf(usage);
  const explanation: CacheExplanation = { model, breakpoints, usage, outcome, minimum };

  const started = Date.parse(call.startedAt);
  let best: { earlier: EarlierCall; common: number; elements: PrefixElement[]; at: number } | undefined;
  for (const earlier of history) {
    const at = Date.parse(earlier.record.startedAt);
    if (earlier.record === call || !(at < started) || modelOf(earlier.record) !== model) {
      continue;
    }
    const theirs = prefixElements(earlier.record.effectiveRequest);
    const common = commonLength(mine, theirs);
    // The longest common prefix; between equals, the most recent (it refreshed the cache last).
    if (!best || common > best.common || (common === best.common && at > best.at)) {
      best = { earlier, common, elements: theirs, at };
    }
  }
  if (best) {
    const theirPoints = breakpointsOf(best.earlier.record.effectiveRequest, best.elements);
    explanation.earlier = {
      ...(best.earlier.id ? { id: best.earlier.id } : {}),
      startedAt: best.earlier.record.startedAt,
      ageMs: started - best.at,
      commonElements: best.common,
      elements: mine.length,
      cachedSharedPrefix: theirPoints.some((p) => p.elements <= best!.common),
      usage: usageOf(best.earlier.record),
    };
    if (best.common < mine.length || best.common < best.elements.length) {
      explanation.difference = differenceAt(mine, best.elements, best.common);
    }
  }
  if (outcome === 'hit') {
    return explanation;
  }
  explanation.missReason = missReason(explanation, best?.common);
  if (explanation.missReason === 'expired' && explanation.earlier) {
    // The TTL of the longest breakpoint the earlier call shares: the one whose expiry explains the miss.
    const covered = breakpoints.filter((b) => b.elements <= explanation.earlier!.commonElements);
    const ttl: CacheTtl = covered.some((b) => b.ttl === '1h') ? '1h' : '5m';
    explanation.expired = { ttl, ttlMs: TTL_MS[ttl], ageMs: explanation.earlier.ageMs };
  }
  return explanation;
}

function missReason(explanation: CacheExplanation, common: number | undefined): MissReason {
  const { breakpoints, earlier } = explanation;
  if (breakpoints.every((b) => b.tooShort)) {
    return 'too-short';
  }
  if (!earlier || common === undefined) {
    return 'no-earlier-call';
  }
  const cacheable = breakpoints.filter((b) => !b.tooShort);
  // Nothing shared up to the first breakpoint that can be cached: the prefix changed before it.
  if (common < cacheable[0].elements) {
    return 'prefix-changed';
  }
  const longestShared = Math.max(...breakpoints.filter((b) => b.elements <= common).map((b) => b.ttlMs));
  if (earlier.ageMs > longestShared) {
    return 'expired';
  }
  if (!earlier.cachedSharedPrefix) {
    return 'not-written-before';
  }
  // A partial read: the shared part was read, and the prefix changed after it (so the rest was written anew).
  return explanation.outcome === 'partial' && explanation.difference ? 'prefix-changed' : 'unexplained';
}

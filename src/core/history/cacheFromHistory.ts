// The cache explanation (shared/cacheExplain.ts) for a call, against the calls of the same model in a history
// folder: what the extension and the CLI call.
import type { CallRecord } from '../../shared/callRecord';
import { type CacheExplanation, type EarlierCall, explainCache, type ExplainOptions } from '../../shared/cacheExplain';
import { breakpointsOf, prefixElements } from '../../shared/cachePrefix';
import type { HistoryStore } from './store';

/** How many earlier calls of the model are compared: the newest ones (a cache entry lives an hour at most). */
export const CACHE_CANDIDATES = 50;

/** Whether the call's request has a cache_control breakpoint: a call without one has nothing to explain. */
export function hasCacheBreakpoints(call: CallRecord): boolean {
  return breakpointsOf(call.effectiveRequest, prefixElements(call.effectiveRequest)).length > 0;
}

/** Undefined when the call's request has no cache_control breakpoint. */
export async function explainCacheFromHistory(call: CallRecord, store: HistoryStore, options: ExplainOptions & { excludeId?: string } = {}): Promise<CacheExplanation | undefined> {
  if (!hasCacheBreakpoints(call)) {
    return undefined;
  }
  const model = String((call.message as { model?: unknown } | undefined)?.model ?? call.effectiveRequest.model ?? '');
  const entries = (await store.list({ filter: { model } }))
    .filter((e) => e.model === model && e.id !== options.excludeId && e.startedAt < call.startedAt)
    .slice(0, CACHE_CANDIDATES);
  const history: EarlierCall[] = [];
  for (const entry of entries) {
    const stored = await store.get(entry.id);
    if (stored) {
      history.push({ id: entry.id, record: stored.record });
    }
  }
  return explainCache(call, history, options);
}

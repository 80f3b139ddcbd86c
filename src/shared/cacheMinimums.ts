// The shortest prefix the prompt cache keeps, by model: a breakpoint on a shorter prefix is accepted by the API and
// silently not cached (no read, no write). Like the prices, a dated table the caller can override by model id.

export const CACHE_MINIMUMS_AS_OF = '2026-11-24';
export const CACHE_MINIMUMS_SOURCE =
  'platform.claude.com/docs/en/build-with-claude/prompt-caching (as summarised in the project\'s messages-api notes: 1024 tokens for Sonnet and Opus-class models, 2048 for Haiku-class)';

export interface CacheMinimum {
  tokens: number;
  /** Where the figure comes from: the built-in table (dated) or the caller's override. */
  source: string;
}

/** By model family, the word in the model id. */
const BY_FAMILY: readonly { family: string; tokens: number; note?: string }[] = [
  { family: 'haiku', tokens: 2048 },
  { family: 'sonnet', tokens: 1024 },
  { family: 'opus', tokens: 1024 },
  // Not published for these families: the Opus-class figure is assumed.
  { family: 'fable', tokens: 1024, note: 'assumed (Opus-class), not published' },
  { family: 'mythos', tokens: 1024, note: 'assumed (Opus-class), not published' },
];
const UNKNOWN_MODEL = 1024;

/** The minimum cacheable prefix of a model; `overrides` by exact model id win over the table. */
export function cacheMinimum(model: string, overrides?: Readonly<Record<string, number>>): CacheMinimum {
  const given = overrides?.[model];
  if (typeof given === 'number' && Number.isFinite(given) && given >= 0) {
    return { tokens: given, source: 'override' };
  }
  const lower = model.toLowerCase();
  const row = BY_FAMILY.find((r) => lower.includes(r.family));
  if (row) {
    return { tokens: row.tokens, source: `built-in table of ${CACHE_MINIMUMS_AS_OF}${row.note ? `, ${row.note}` : ''}` };
  }
  return { tokens: UNKNOWN_MODEL, source: `unknown model: the smallest published minimum (${CACHE_MINIMUMS_AS_OF}) is assumed` };
}

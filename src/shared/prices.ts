// The built-in price table, USD per million tokens. Prices move: the table is dated and sourced, and users can
// override or extend it with the claudeInspector.prices setting. A model that is not here has no known price.

export const PRICES_AS_OF = '2026-11-24';
export const PRICES_SOURCE = 'https://docs.anthropic.com/en/docs/about-claude/pricing (and each model\'s overview page)';

export interface ModelPrice {
  /** Per million input tokens. */
  input: number;
  output: number;
  /** Writing to the prompt cache with the 5-minute TTL; undefined when not published. */
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  cacheRead?: number;
  /** Where the figures come from, and any condition (e.g. "prompts up to 100K tokens"). */
  note?: string;
}

const OPUS_4X: ModelPrice = { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5, output: 25, note: 'docs: about-claude/pricing' };
const SONNET_5X: ModelPrice = { input: 2, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2, output: 10, note: 'docs: models/sonnet-5-5, sonnet-5' };
const FABLE_MYTHOS_51: ModelPrice = { input: 10, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 0.25, output: 50, note: 'docs: about-claude/pricing' };

/** Keyed by model id without a date suffix. */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-5-5': { input: 4, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2, output: 20, note: 'docs: models/opus-5-5 overview' },
  'claude-opus-5': OPUS_4X,
  'claude-opus-4-8': OPUS_4X,
  'claude-opus-4-7': OPUS_4X,
  'claude-opus-4-6': OPUS_4X,
  'claude-opus-4-5': OPUS_4X,
  'claude-sonnet-5-5': SONNET_5X,
  'claude-sonnet-5': SONNET_5X,
  'claude-haiku-5-5': { input: 0.1, cacheRead: 0.01, output: 0.5, note: 'docs: models/haiku-5-5, "from" price, prompts up to 100K tokens; cache write price not published' },
  'claude-haiku-4-5': { input: 1, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1, output: 5, note: 'docs: about-claude/pricing' },
  'claude-fable-5-1': FABLE_MYTHOS_51,
  'claude-mythos-5-1': FABLE_MYTHOS_51,
};

/** "claude-haiku-4-5-20251001" → "claude-haiku-4-5": dated snapshots cost what their alias costs. */
export function priceKey(model: string): string {
  return model.trim().replace(/-\d{8}$/, '');
}

export type PriceTable = Record<string, ModelPrice>;

/** Where a price comes from: the built-in list prices (of {@link PRICES_AS_OF}), or the user's price setting. */
export type PriceSource = 'list' | 'setting';

/** Where the editor's user adds or corrects a price: the setting the VS Code faces (extension, panel) name. */
export const PRICES_SETTING = 'the claudeInspector.prices setting';

/** The price of a model and where it comes from: the user's entries over the built-in table (by exact id, then without a date suffix). */
export function lookUpPrice(model: string, overrides: PriceTable = {}): { price: ModelPrice; source: PriceSource } | undefined {
  const own = overrides[model] ?? overrides[priceKey(model)];
  if (own) {
    return { price: own, source: 'setting' };
  }
  const listed = BUILT_IN_PRICES[model] ?? BUILT_IN_PRICES[priceKey(model)];
  return listed ? { price: listed, source: 'list' } : undefined;
}

/** The built-in table with the user's entries over it (matched by exact id, then without a date suffix). */
export function findPrice(model: string, overrides: PriceTable = {}): ModelPrice | undefined {
  return lookUpPrice(model, overrides)?.price;
}

/** Keeps only well-formed entries of a user setting; the rest are reported so that a typo is not silent. */
export function readPriceOverrides(value: unknown): { prices: PriceTable; problems: string[] } {
  const prices: PriceTable = {};
  const problems: string[] = [];
  if (!value || typeof value !== 'object') {
    return { prices, problems };
  }
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Record<string, unknown>;
    const num = (k: string) => (typeof e?.[k] === 'number' && (e[k] as number) >= 0 ? (e[k] as number) : undefined);
    const input = num('input');
    const output = num('output');
    if (input === undefined || output === undefined) {
      problems.push(`claudeInspector.prices["${model}"] needs "input" and "output" in USD per million tokens`);
      continue;
    }
    prices[model] = {
      input,
      output,
      cacheWrite5m: num('cacheWrite5m'),
      cacheWrite1h: num('cacheWrite1h'),
      cacheRead: num('cacheRead'),
      note: 'claudeInspector.prices setting',
    };
  }
  return { prices, problems };
}

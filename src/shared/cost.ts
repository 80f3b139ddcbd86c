// What a call cost, from its usage and the price table; and what a call will cost at most, before it is sent.
import { lookUpPrice, ModelPrice, PRICES_AS_OF, PriceSource, PriceTable } from './prices';

/**
 * Why a cost is unknown, as data: no price for the model, or no usage in the answer. `reason` says it in core's
 * words, which name no setting; a face whose user can add a price says where ({@link unknownCostText}).
 */
export type UnknownCost = { known: false; model: string; missing: 'price' | 'usage'; reason: string };

export interface CostPart {
  label: string;
  tokens: number;
  /** USD per million tokens; undefined when this part has no published price. */
  rate?: number;
  usd?: number;
}

export type Cost =
  | {
      known: true;
      model: string;
      usd: number;
      parts: CostPart[];
      price: ModelPrice;
      /** Where the price comes from: the list prices, or the user's claudeInspector.prices. */
      priceSource: PriceSource;
      /** Parts without a price, counted as 0. */
      unpriced: string[];
    }
  | UnknownCost;

interface UsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
}

const n = (value: number | null | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function part(label: string, tokens: number, rate: number | undefined): CostPart {
  return { label, tokens, rate, usd: rate === undefined ? undefined : (tokens * rate) / 1_000_000 };
}

/** Every billed line of a usage object: input, output, cache writes (5m and 1h) and cache reads. */
export function costOf(model: string, usage: UsageLike | undefined, overrides?: PriceTable): Cost {
  const found = lookUpPrice(model, overrides);
  if (!found) {
    return noPrice(model);
  }
  if (!usage) {
    return { known: false, model, missing: 'usage', reason: 'The answer has no usage.' };
  }
  const { price, source: priceSource } = found;
  const cacheWrite = n(usage.cache_creation_input_tokens);
  const split = usage.cache_creation;
  // The 5m/1h split, when the API gives it; otherwise all cache writes are billed at the 5-minute rate.
  const write5m = split ? n(split.ephemeral_5m_input_tokens) : cacheWrite;
  const write1h = split ? n(split.ephemeral_1h_input_tokens) : 0;
  const parts = [
    part('input', n(usage.input_tokens), price.input),
    part('cache write (5m)', write5m, price.cacheWrite5m),
    part('cache write (1h)', write1h, price.cacheWrite1h),
    part('cache read', n(usage.cache_read_input_tokens), price.cacheRead),
    part('output', n(usage.output_tokens), price.output),
  ].filter((p) => p.tokens > 0 || p.label === 'input' || p.label === 'output');
  const unpriced = parts.filter((p) => p.usd === undefined && p.tokens > 0).map((p) => p.label);
  const usd = parts.reduce((sum, p) => sum + (p.usd ?? 0), 0);
  return { known: true, model, usd, parts, price, priceSource, unpriced };
}

export type Estimate =
  | { known: true; model: string; inputUsd: number; ceilingUsd: number; inputTokens: number; maxTokens: number }
  | UnknownCost;

function noPrice(model: string): UnknownCost {
  return { known: false, model, missing: 'price', reason: `No known price for ${model}.` };
}

/**
 * Why a cost is unknown, in a face's words: `addPriceTo` names where its user adds a price ("the
 * claudeInspector.prices setting" in the editor); without it (the CLI has no such place), core's words.
 */
export function unknownCostText(cost: { model: string; missing?: 'price' | 'usage'; reason: string }, addPriceTo?: string): string {
  return cost.missing === 'price' && addPriceTo ? `No known price for ${cost.model}: add it to ${addPriceTo}.` : cost.reason;
}

/** Before sending: the input side from a token count, and the ceiling if the answer uses all of max_tokens. */
export function estimateCost(model: string, inputTokens: number, maxTokens: number, overrides?: PriceTable): Estimate {
  const price = lookUpPrice(model, overrides)?.price;
  if (!price) {
    return noPrice(model);
  }
  const inputUsd = (inputTokens * price.input) / 1_000_000;
  return { known: true, model, inputTokens, maxTokens, inputUsd, ceilingUsd: inputUsd + (maxTokens * price.output) / 1_000_000 };
}

/** Where a cost's prices come from, in words: "your claudeInspector.prices" or "list prices of 2026-11-24". */
export function priceSourceText(source: PriceSource): string {
  return source === 'setting' ? 'your claudeInspector.prices' : `list prices of ${PRICES_AS_OF}`;
}

/** "$3/M": a price in USD per million tokens, as the price list writes it. */
export function perMillionText(usdPerMillion: number): string {
  return `$${usdPerMillion}/M`;
}

/** "$0.0123" for cents and up; more digits for the tiny amounts single calls cost. */
export function formatUsd(usd: number): string {
  if (usd === 0) {
    return '$0';
  }
  if (usd >= 1) {
    return `$${usd.toFixed(2)}`;
  }
  if (usd >= 0.01) {
    return `$${usd.toFixed(4)}`;
  }
  return `$${usd.toPrecision(2)}`;
}

// A token count in words, the same in the CLI's `count` and the editor's Count Tokens: the share of the model's
// context window, and what the call would cost; and the same in short, for the CodeLens above a request file.
import { Estimate, formatUsd, unknownCostText } from './cost';
import { formatCount } from './format';

/** "1,234 input tokens of 200,000 (0.6% of claude-x's context window)". */
export function tokenCountText(inputTokens: number, model: string, contextWindow: number | undefined): string {
  const count = `${formatCount(inputTokens)} input tokens`;
  return contextWindow
    ? `${count} of ${formatCount(contextWindow)} (${((inputTokens / contextWindow) * 100).toFixed(1)}% of ${model}'s context window)`
    : `${count} (${model}: the API did not say its context window)`;
}

/**
 * "Cost: $0.0037 input, at most $0.019 with max_tokens 1024." or why it is unknown; `addPriceTo` names where the
 * face's user adds a price (see unknownCostText).
 */
export function estimateText(estimate: Estimate, addPriceTo?: string): string {
  return estimate.known
    ? `Cost: ${formatUsd(estimate.inputUsd)} input, at most ${formatUsd(estimate.ceilingUsd)} with max_tokens ${estimate.maxTokens}.`
    : unknownCostText(estimate, addPriceTo);
}

/** "1,234 of 200,000 input tokens · $0.0037 in, ≤ $0.019": the count and its cost in a line short enough for a CodeLens. */
export function shortTokenCountText(inputTokens: number, contextWindow: number | undefined, estimate: Estimate): string {
  const window = contextWindow ? ` of ${formatCount(contextWindow)}` : '';
  const cost = estimate.known ? ` · ${formatUsd(estimate.inputUsd)} in, ≤ ${formatUsd(estimate.ceilingUsd)}` : '';
  return `${formatCount(inputTokens)}${window} input tokens${cost}`;
}

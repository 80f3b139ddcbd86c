// How a comparison's figures read, the same in the CLI table, the compare view and the Markdown export.
import { formatUsd } from '../cost';
import { formatCount, wholeMsText } from '../format';
import type { Spread, SpreadFigure } from './stats';

/** Row labels, in the order the view and the export show them. */
export const FIGURE_LABELS: Record<SpreadFigure, string> = {
  headersMs: 'time to headers',
  firstTokenMs: 'time to first token',
  totalMs: 'total time',
  outputTokensPerSecond: 'output tokens/s',
  inputTokens: 'input tokens',
  outputTokens: 'output tokens',
  cacheReadTokens: 'cache read tokens',
  cacheWriteTokens: 'cache write tokens',
  costUsd: 'cost of a call',
};

/** One value of a figure: "812 ms", "95.3 tok/s", "1,204", "$0.0031". */
export function figureText(figure: SpreadFigure, value: number): string {
  if (figure.endsWith('Ms')) {
    return wholeMsText(value);
  }
  if (figure === 'outputTokensPerSecond') {
    return `${value >= 100 ? Math.round(value) : value.toFixed(1)} tok/s`;
  }
  if (figure === 'costUsd') {
    return formatUsd(value);
  }
  return formatCount(Math.round(value * 10) / 10);
}

/** "812 ms (790–901 ms)", or the one value when every run gave the same. */
export function spreadText(figure: SpreadFigure, spread: Spread): string {
  const middle = figureText(figure, spread.median);
  if (spread.min === spread.max) {
    return middle;
  }
  const low = figureText(figure, spread.min);
  const high = figureText(figure, spread.max);
  // The unit once, after the range: "790–901 ms".
  const unit = / (ms|tok\/s)$/.exec(high)?.[0];
  return `${middle} (${unit && low.endsWith(unit) ? low.slice(0, -unit.length) : low}–${high})`;
}

/** "end_turn ×3, max_tokens ×1". */
export function stopReasonsText(stopReasons: Record<string, number>): string {
  return Object.entries(stopReasons).map(([reason, n]) => (n === 1 ? reason : `${reason} ×${n}`)).join(', ');
}

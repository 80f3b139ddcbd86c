// A model in one line, the same in the List Models picker and the "model" completions of request files.
import { dayText, formatCount } from './format';

export interface ModelFacts {
  contextWindow?: number;
  maxOutput?: number;
  /** ISO date and time; the day is shown. */
  createdAt?: string;
}

/** "context window 1,000,000 tokens · max output 64,000 tokens · released 2026-02-01", leaving out what is unknown. */
export function describeModel(model: ModelFacts): string {
  return [
    model.contextWindow ? `context window ${formatCount(model.contextWindow)} tokens` : undefined,
    model.maxOutput ? `max output ${formatCount(model.maxOutput)} tokens` : undefined,
    model.createdAt ? `released ${dayText(model.createdAt)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

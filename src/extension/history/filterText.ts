// The History view's filter as a person types it: free words search the request and the answer, and
// `model:`, `file:`, `status:` narrow by those ("status:error", "status:429", "model:haiku file:triage outage").
import type { HistoryFilter } from '../../shared/history';

const FIELDS = ['model', 'file', 'status'] as const;

export function parseFilter(input: string): HistoryFilter {
  const filter: HistoryFilter = {};
  const words: string[] = [];
  for (const token of input.trim().split(/\s+/).filter(Boolean)) {
    const match = /^(model|file|status):(.*)$/i.exec(token);
    if (match && match[2] !== '') {
      filter[match[1].toLowerCase() as (typeof FIELDS)[number]] = match[2];
    } else {
      words.push(token);
    }
  }
  if (words.length) {
    filter.text = words.join(' ');
  }
  return filter;
}

/** The filter as the view's description shows it; "" when nothing is filtered. */
export function filterText(filter: HistoryFilter): string {
  return [filter.text, ...FIELDS.filter((name) => filter[name]).map((name) => `${name}:${filter[name]}`)].filter(Boolean).join(' ');
}

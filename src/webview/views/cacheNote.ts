// Below the answer, for a call with cache_control breakpoints: what the cache did and why (cacheExplainText.ts),
// from the host, which compares the call with the earlier ones in the history.
import type { CacheExplanation } from '../../shared/cacheExplain';
import { cacheExplanationText } from '../../shared/cacheExplainText';
import { el, icon } from '../dom/elements';

export function renderCacheNote(slot: HTMLElement, explanation: CacheExplanation | undefined): void {
  if (!explanation || typeof explanation !== 'object' || !Array.isArray(explanation.breakpoints)) {
    slot.replaceChildren();
    return;
  }
  let text;
  try {
    text = cacheExplanationText(explanation);
  } catch {
    slot.replaceChildren();
    return;
  }
  slot.replaceChildren(
    el(
      'section',
      { class: `cache-note cache-${text.severity}`, attrs: { 'aria-label': 'Prompt cache' } },
      el('div', { class: 'cache-headline' }, icon(text.severity === 'warning' ? 'warning' : 'database'), ' ', text.headline),
      ...text.details.map((line) => el('div', { class: /^(before|now):/.test(line) ? 'cache-detail cache-excerpt' : 'cache-detail' }, line)),
    ),
  );
}

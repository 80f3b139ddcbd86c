// Why the answer stopped, what it means, and what to do next (src/shared/stopReasons.ts has the words).
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import { stopReasonMeaning } from '../../shared/stopReasons';
import { el, icon } from '../dom/elements';
import { asObject, asString, describe } from '../values/json';

const SEVERITY_ICONS = { info: 'info', warning: 'warning', error: 'error' } as const;

export function renderStopReason(message: JsonObject, record: CallRecord): HTMLElement {
  const reason = asString(message.stop_reason) ?? (message.stop_reason === null ? null : undefined);
  const meaning = stopReasonMeaning(reason);
  const box = el(
    'div',
    {
      class: `stop-reason severity-${meaning.severity}`,
      role: meaning.severity === 'info' ? undefined : 'alert',
      attrs: { 'data-testid': 'stop-reason' },
    },
    el(
      'div',
      { class: 'stop-title' },
      icon(SEVERITY_ICONS[meaning.severity]),
      ' ',
      el('span', { class: 'stop-label' }, 'stop_reason '),
      el('code', { class: 'stop-code' }, reason ?? 'null'),
      el('span', { class: 'stop-name' }, ` ${meaning.title}`),
    ),
    el('div', { class: 'stop-meaning' }, meaning.meaning),
  );
  if (reason === 'max_tokens') {
    const max = describe(record.effectiveRequest.max_tokens);
    box.append(el('div', { class: 'stop-detail' }, `cut off: raise max_tokens${max ? ` (it was ${max})` : ''}.`));
  }
  if (reason === 'stop_sequence') {
    const sequence = asString(message.stop_sequence);
    box.append(
      el('div', { class: 'stop-detail' }, 'Stopped at the sequence ', sequence !== undefined ? el('code', null, JSON.stringify(sequence)) : '(not given)', '.'),
    );
  }
  const details = asObject(message.stop_details);
  if (details) {
    const category = describe(details.category);
    const explanation = describe(details.explanation);
    box.append(
      el(
        'dl',
        { class: 'stop-details kv' },
        el('dt', null, 'category'),
        el('dd', null, category ?? 'null'),
        el('dt', null, 'explanation'),
        el('dd', null, explanation ?? 'null'),
        ...Object.entries(details)
          .filter(([key]) => !['category', 'explanation', 'type'].includes(key))
          .flatMap(([key, value]) => [el('dt', null, key), el('dd', null, describe(value) ?? '')]),
      ),
    );
  }
  if (meaning.next) {
    box.append(el('div', { class: 'stop-next' }, icon('arrow-right'), ' ', meaning.next));
  }
  return box;
}

// Pieces the secondary views share: a toolbar with a title and actions, an empty-state line, a header table.
import { el, icon, type Child } from '../dom/elements';

export function toolbar(title: Child, ...actions: Child[]): HTMLElement {
  return el('div', { class: 'view-toolbar' }, el('div', { class: 'view-title' }, title), el('div', { class: 'view-actions' }, ...actions));
}

export function emptyState(text: string): HTMLElement {
  return el('div', { class: 'empty-state' }, icon('info'), ' ', text);
}

export function headerTable(headers: Record<string, string>, caption: string): HTMLElement {
  const rows = Object.entries(headers).map(([name, value]) =>
    el('tr', null, el('th', { attrs: { scope: 'row' } }, el('code', null, name)), el('td', null, el('code', null, value))),
  );
  return el('table', { class: 'header-table', attrs: { 'aria-label': caption } }, el('tbody', null, ...rows));
}

export function headersAsText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

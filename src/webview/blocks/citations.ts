// Citations of a text block. The API splits cited text into its own text blocks, so a block's citations all cite
// the block's whole text: the span is the block. Each citation gets a superscript marker after that text which
// opens its detail: the cited text and where it comes from (document and char/page/block range, web page, or
// search result).
import type { JsonObject } from '../../shared/callRecord';
import { el, type Child } from '../dom/elements';
import { safeHttpUrl } from '../links/urls';
import { asNumber, asString, describe } from '../values/json';
import { externalLink } from '../links/externalLink';

let citationIds = 0;

/** Where a citation points, in a short line. */
function sourceLine(citation: JsonObject): Child[] {
  const type = asString(citation.type) ?? 'unknown';
  const documentLabel = (): Child[] => {
    const index = asNumber(citation.document_index);
    const title = asString(citation.document_title);
    return [
      el('span', { class: 'cite-kind' }, `Document ${index ?? '?'}`),
      title ? el('span', { class: 'cite-title' }, ` “${title}”`) : null,
    ];
  };
  const range = (label: string, start: unknown, end: unknown): Child =>
    el('span', { class: 'cite-range', title: 'start inclusive, end exclusive' }, ` · ${label} [${describe(start) ?? '?'}, ${describe(end) ?? '?'})`);
  switch (type) {
    case 'char_location':
      return [...documentLabel(), range('chars', citation.start_char_index, citation.end_char_index)];
    case 'page_location':
      return [...documentLabel(), range('pages', citation.start_page_number, citation.end_page_number)];
    case 'content_block_location':
      return [...documentLabel(), range('blocks', citation.start_block_index, citation.end_block_index)];
    case 'web_search_result_location': {
      const url = asString(citation.url) ?? '';
      return [
        el('span', { class: 'cite-kind' }, 'Web'),
        ' ',
        el('span', { class: 'cite-title' }, asString(citation.title) ?? '(no title)'),
        ' · ',
        externalLink(url),
      ];
    }
    case 'search_result_location':
      return [
        el('span', { class: 'cite-kind' }, `Search result ${describe(citation.search_result_index) ?? '?'}`),
        ' ',
        el('span', { class: 'cite-title' }, asString(citation.title) ?? '(no title)'),
        ' · ',
        // A search result's source is often a URL, but may be any text the caller put there.
        safeHttpUrl(citation.source) ? externalLink(String(citation.source)) : el('span', { class: 'cite-source' }, describe(citation.source) ?? ''),
        range('blocks', citation.start_block_index, citation.end_block_index),
      ];
    default:
      return [el('span', { class: 'cite-kind' }, `Citation of type ${type}`)];
  }
}

function detail(citation: JsonObject, number: number, id: string): HTMLElement {
  const extra: Child[] = [];
  const fileId = asString(citation.file_id);
  if (fileId) {
    extra.push(el('div', { class: 'cite-extra' }, 'file_id ', el('code', null, fileId)));
  }
  const encrypted = asString(citation.encrypted_index);
  if (encrypted !== undefined) {
    extra.push(el('div', { class: 'cite-extra' }, `encrypted_index: ${encrypted.length} chars`));
  }
  return el(
    'li',
    { class: 'cite-detail', id, hidden: true },
    el('div', { class: 'cite-source-line' }, el('span', { class: 'cite-number' }, `[${number}]`), ' ', ...sourceLine(citation)),
    el('blockquote', { class: 'cite-text' }, describe(citation.cited_text) ?? '(no cited_text)'),
    ...extra,
  );
}

export class CitationsView {
  /** Markers, placed right after the block's text. */
  readonly markers: HTMLElement;
  /** Details, under the text. */
  readonly list: HTMLElement;
  private count = 0;

  constructor() {
    this.markers = el('span', { class: 'cite-markers' });
    this.list = el('ol', { class: 'cite-list', attrs: { 'aria-label': 'Citations' } });
  }

  get size(): number {
    return this.count;
  }

  add(citation: JsonObject): void {
    const number = ++this.count;
    const id = `cite-${++citationIds}`;
    const item = detail(citation, number, id);
    const marker = el(
      'button',
      {
        class: 'cite-marker',
        title: `Citation ${number}: show its source`,
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': id },
      },
      `${number}`,
    );
    marker.addEventListener('click', () => {
      const open = item.hidden;
      item.hidden = !open;
      marker.setAttribute('aria-expanded', String(open));
    });
    this.markers.append(el('sup', null, marker));
    this.list.append(item);
  }

  /** Shows exactly these citations (used when the final record differs from what streamed). */
  reset(citations: readonly JsonObject[]): void {
    this.markers.replaceChildren();
    this.list.replaceChildren();
    this.count = 0;
    for (const citation of citations) {
      this.add(citation);
    }
  }
}

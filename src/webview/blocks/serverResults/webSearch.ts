// web_search_tool_result: the pages the search found (title, link, age), or the search's error.
import type { JsonObject } from '../../../shared/callRecord';
import { el } from '../../dom/elements';
import { externalLink } from '../../links/externalLink';
import { formatChars, plural } from '../../values/format';
import { asArray, asObject, asString, prettyJson } from '../../values/json';
import { errorOf, failed, forCall, unexpected, type Rendered, type StaticSpec } from './resultParts';

function webSearch(block: JsonObject): Rendered {
  const content = block.content;
  const results = asArray(content);
  if (!results) {
    const error = errorOf(asObject(content));
    return error ? failed(block, error) : unexpected(block);
  }
  const items = results.map((result) => {
    const item = asObject(result);
    if (!item) {
      return el('li', null, el('pre', { class: 'json' }, prettyJson(result)));
    }
    const url = asString(item.url) ?? '';
    const age = asString(item.page_age);
    const encrypted = asString(item.encrypted_content);
    return el(
      'li',
      { class: 'search-result' },
      el('div', { class: 'search-title' }, asString(item.title) ?? '(no title)'),
      el(
        'div',
        { class: 'search-meta' },
        externalLink(url),
        age ? el('span', { class: 'muted' }, ` · ${age}`) : null,
        encrypted !== undefined ? el('span', { class: 'muted' }, ` · encrypted content ${formatChars(encrypted.length)}`) : null,
      ),
    );
  });
  return { meta: [plural(results.length, 'result')], body: [forCall(block), el('ol', { class: 'search-results' }, ...items)] };
}

export const webSearchResult: StaticSpec = { kind: 'block-result', icon: 'search', title: 'Web search results', render: webSearch };

// web_fetch_tool_result: the fetched page's address, when it was retrieved, and its content (text as an excerpt,
// binary by size only), or the fetch's error.
import { el, icon, type Child } from '../../dom/elements';
import { externalLink } from '../../links/externalLink';
import { formatChars } from '../../values/format';
import { asObject, asString } from '../../values/json';
import { forCall, jsonPre, objectResult, textOutput, type StaticSpec } from './resultParts';

const webFetch = objectResult((block, content) => {
  const url = asString(content.url) ?? '';
  const document = asObject(content.content);
  const source = asObject(document?.source);
  const data = asString(source?.data);
  const mediaType = asString(source?.media_type) ?? asString(source?.type) ?? 'unknown';
  const body: Child[] = [
    forCall(block),
    el('div', { class: 'fetch-url' }, icon('globe'), ' ', externalLink(url)),
    el(
      'div',
      { class: 'muted' },
      `retrieved ${asString(content.retrieved_at) ?? '(time not given)'}`,
      document && asString(document.title) ? ` · “${asString(document.title)}”` : '',
      ` · ${mediaType}`,
    ),
  ];
  if (data !== undefined && source?.type === 'base64') {
    body.push(el('div', { class: 'note' }, `Binary document (${mediaType}), ${formatChars(data.length)} of base64.`));
  } else if (data !== undefined) {
    body.push(textOutput(data, 'fetch-content', 'Content'));
  } else if (document) {
    body.push(jsonPre(document));
  }
  return { meta: [data !== undefined ? formatChars(data.length) : ''], body };
});

export const webFetchResult: StaticSpec = { kind: 'block-result', icon: 'globe', title: 'Web fetch result', render: webFetch };

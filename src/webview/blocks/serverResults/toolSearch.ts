// tool_search_tool_result: the tools the search found, by name.
import { el } from '../../dom/elements';
import { plural } from '../../values/format';
import { asArray, asObject, describe, prettyJson } from '../../values/json';
import { forCall, objectResult, unexpected, type StaticSpec } from './resultParts';

const toolSearch = objectResult((block, content) => {
  const references = asArray(content.tool_references);
  if (!references) {
    return unexpected(block);
  }
  return {
    meta: [plural(references.length, 'tool')],
    body: [
      forCall(block),
      el('ul', { class: 'tool-refs' }, ...references.map((ref) => el('li', null, el('code', null, describe(asObject(ref)?.tool_name) ?? prettyJson(ref))))),
    ],
  };
});

export const toolSearchResult: StaticSpec = { kind: 'block-result', icon: 'search', title: 'Tool search result', render: toolSearch };

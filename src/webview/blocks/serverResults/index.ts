// Picks the rendering of a block that arrives whole by its type: one file per server tool's result (and the
// container upload); any other type is labelled as unknown and shown as JSON, never dropped.
import { el, icon } from '../../dom/elements';
import { bashResult, codeExecutionResult } from './codeExecution';
import { containerUploadBlock } from './containerUpload';
import { jsonPre, type StaticSpec } from './resultParts';
import { textEditorResult } from './textEditor';
import { toolSearchResult } from './toolSearch';
import { webFetchResult } from './webFetch';
import { webSearchResult } from './webSearch';

export { unexpected, type Rendered, type StaticSpec } from './resultParts';

const SPECS: Record<string, StaticSpec> = {
  web_search_tool_result: webSearchResult,
  web_fetch_tool_result: webFetchResult,
  code_execution_tool_result: codeExecutionResult,
  bash_code_execution_tool_result: bashResult,
  text_editor_code_execution_tool_result: textEditorResult,
  tool_search_tool_result: toolSearchResult,
  container_upload: containerUploadBlock,
};

function unknownSpec(type: string): StaticSpec {
  return {
    kind: 'block-unknown',
    icon: 'question',
    title: `Unknown block type: ${type}`,
    render: (block) => ({
      body: [
        el('div', { class: 'note' }, icon('info'), ' This version of Claude Inspector does not know this block type yet; it is shown as JSON.'),
        jsonPre(block),
      ],
    }),
  };
}

/** The rendering for a block of this type; an unknown type (or none) gets the labelled JSON one. */
export function specFor(type: string): StaticSpec {
  return SPECS[type] ?? unknownSpec(type || '(no type)');
}

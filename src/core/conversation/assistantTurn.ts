// The assistant turn as the API takes it back as input: every content block exactly as it was returned (thinking
// with its signature, redacted_thinking with its data, tool calls, server tool results, text with its citations),
// with only the fields the API accepts on input. Response blocks carry a few fields the input types lack (a
// citation's file_id): sent back, the API would refuse them ("Extra inputs are not permitted").
import type { JsonObject } from '../../shared/callRecord';

/** Fields each block type accepts as input (the SDK's *BlockParam types, SDK 1.12). */
const INPUT_FIELDS: Record<string, readonly string[]> = {
  text: ['type', 'text', 'citations', 'cache_control'],
  thinking: ['type', 'thinking', 'signature'],
  redacted_thinking: ['type', 'data'],
  tool_use: ['type', 'id', 'name', 'input', 'caller', 'toolset_name', 'cache_control'],
  server_tool_use: ['type', 'id', 'name', 'input', 'caller', 'cache_control'],
  web_search_tool_result: ['type', 'tool_use_id', 'content', 'caller', 'cache_control'],
  web_fetch_tool_result: ['type', 'tool_use_id', 'content', 'caller', 'cache_control'],
  code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  bash_code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  text_editor_code_execution_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  tool_search_tool_result: ['type', 'tool_use_id', 'content', 'cache_control'],
  container_upload: ['type', 'file_id', 'cache_control'],
};

/** Fields each citation type accepts as input: the response's `file_id` is not among them. */
const CITATION_FIELDS: Record<string, readonly string[]> = {
  char_location: ['type', 'cited_text', 'document_index', 'document_title', 'start_char_index', 'end_char_index'],
  page_location: ['type', 'cited_text', 'document_index', 'document_title', 'start_page_number', 'end_page_number'],
  content_block_location: ['type', 'cited_text', 'document_index', 'document_title', 'start_block_index', 'end_block_index'],
  web_search_result_location: ['type', 'cited_text', 'encrypted_index', 'title', 'url'],
  search_result_location: ['type', 'cited_text', 'search_result_index', 'source', 'start_block_index', 'end_block_index', 'title'],
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the allowed fields in the order they came, values untouched. */
function only(block: JsonObject, allowed: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(block)) {
    if (allowed.includes(key)) {
      out[key] = value;
    }
  }
  return out;
}

/** What was left out of a block, for the CLI's --json and the tests: "content[2].citations[0].file_id". */
export interface DroppedField {
  path: string;
}

/**
 * One response block as an input block. A type this version does not know is kept whole: the API grows, and
 * dropping a field it may need would be worse than sending one it may refuse.
 */
export function inputBlock(block: JsonObject, dropped: DroppedField[] = [], where = ''): JsonObject {
  const type = typeof block.type === 'string' ? block.type : '';
  const allowed = INPUT_FIELDS[type];
  if (!allowed) {
    return block;
  }
  for (const key of Object.keys(block)) {
    if (!allowed.includes(key)) {
      dropped.push({ path: `${where}.${key}` });
    }
  }
  const out = only(block, allowed);
  if (type === 'text' && Array.isArray(out.citations)) {
    out.citations = out.citations.map((citation, i) => {
      const fields = isObject(citation) && typeof citation.type === 'string' ? CITATION_FIELDS[citation.type] : undefined;
      if (!fields || !isObject(citation)) {
        return citation;
      }
      for (const key of Object.keys(citation)) {
        if (!fields.includes(key)) {
          dropped.push({ path: `${where}.citations[${i}].${key}` });
        }
      }
      return only(citation, fields);
    });
  }
  return out;
}

/** The assistant turn to append: `{"role": "assistant", "content": [...]}` from a returned Message. */
export function assistantTurnOf(message: JsonObject, dropped: DroppedField[] = []): JsonObject {
  const content = Array.isArray(message.content) ? message.content : [];
  return {
    role: 'assistant',
    content: content.map((block, i) => (isObject(block) ? inputBlock(block, dropped, `content[${i}]`) : block)),
  };
}

/**
 * The cut answer as the last assistant turn, for "Continue the answer": the API refuses a final assistant turn that
 * ends in whitespace, so the last text block loses its trailing whitespace (the model writes it again if it needs it).
 */
export function prefillTurnOf(message: JsonObject, dropped: DroppedField[] = []): JsonObject {
  const turn = assistantTurnOf(message, dropped);
  const content = turn.content as JsonObject[];
  const last = content[content.length - 1];
  if (isObject(last) && last.type === 'text' && typeof last.text === 'string') {
    content[content.length - 1] = { ...last, text: last.text.replace(/\s+$/u, '') };
  }
  return turn;
}

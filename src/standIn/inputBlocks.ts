// The checks the API makes of blocks a conversation sends back: thinking blocks exactly as returned (signature and
// redacted data included, nothing added), citations without the response-only file_id, and a final assistant turn
// (a prefill) that ends without whitespace and is not sent with thinking on. So a client that writes the assistant
// turn back wrong is told so here, as the API would tell it.
import { invalid } from './errors';
import type { JsonObject } from './types';

const THINKING_FIELDS: Record<string, string[]> = { thinking: ['type', 'thinking', 'signature'], redacted_thinking: ['type', 'data'] };

/** One block of an assistant turn, at `where` ("messages.1.content.0"). */
export function checkSentBackBlock(block: JsonObject, where: string, role: unknown): void {
  const fields = THINKING_FIELDS[String(block.type)];
  if (fields) {
    if (role !== 'assistant') {
      throw invalid(`${where}: ${String(block.type)} blocks are only accepted in assistant messages`);
    }
    for (const required of fields.slice(1)) {
      if (typeof block[required] !== 'string') {
        throw invalid(`${where}.${required}: Field required`);
      }
    }
    const extra = Object.keys(block).find((key) => !fields.includes(key));
    if (extra) {
      throw invalid(`${where}.${extra}: Extra inputs are not permitted`);
    }
  }
  if (block.type === 'text' && Array.isArray(block.citations)) {
    block.citations.forEach((citation: unknown, k) => {
      if (typeof citation === 'object' && citation !== null && 'file_id' in citation) {
        throw invalid(`${where}.citations.${k}.file_id: Extra inputs are not permitted`);
      }
    });
  }
}

/** A final assistant turn is a prefill: not with thinking on, and not ending in whitespace. */
export function checkPrefill(messages: { role: unknown; content: unknown }[], thinking: JsonObject | undefined): void {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') {
    return;
  }
  if (thinking && (thinking.type === 'enabled' || thinking.type === 'adaptive')) {
    throw invalid('Thinking may not be enabled when the final message is an assistant turn (a prefill): remove the final assistant turn, or turn thinking off.');
  }
  const content = last.content;
  const text = typeof content === 'string' ? content : Array.isArray(content) && content.length > 0 ? (content[content.length - 1] as JsonObject).text : undefined;
  if (typeof text === 'string' && text !== '' && /\s$/u.test(text)) {
    throw invalid('messages: final assistant content cannot end with trailing whitespace');
  }
}

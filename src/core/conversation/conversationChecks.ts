// Checks of a conversation's turns, for the request diagnostics (Problems panel and CLI): thinking blocks that are
// no longer bound to what came before them, and tool_result placeholders a Continue wrote that are still unfilled.
// A thinking block is bound to everything before it (tools, system, earlier turns) and to its model: edit any of
// those, or switch the model, and the API refuses the request or drops the block (preserved thinking, from the
// Fable 5.1 generation on). The file alone cannot say what a block was bound to; the calls of this session can.
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import { isToolResultPlaceholder } from '../../shared/continuation';

/** What a thinking block was made after: kept per signature (or redacted data) from this session's calls. */
export interface ThinkingOrigin {
  model: string;
  /** JSON of the request's tools and system when the block was made. */
  tools: string;
  system: string;
  /** JSON of each message before the block's turn. */
  messagesBefore: string[];
  /** The block's text as returned (thinking), to see an edit of it. */
  thinking?: string;
}

export type ThinkingOrigins = ReadonlyMap<string, ThinkingOrigin>;

type Add = (severity: 'error' | 'warning' | 'info', node: Node, message: string, code: string) => void;

const json = (value: unknown) => JSON.stringify(value ?? null);

/** The origins of the thinking blocks of one finished call's answer, keyed by signature or redacted data. */
export function thinkingOriginsOf(record: Pick<CallRecord, 'effectiveRequest' | 'message'>): Map<string, ThinkingOrigin> {
  const out = new Map<string, ThinkingOrigin>();
  const request = record.effectiveRequest;
  const content = Array.isArray(record.message?.content) ? (record.message!.content as JsonObject[]) : [];
  const messages = Array.isArray(request.messages) ? request.messages : [];
  // A continued answer (a final assistant prefill) is part of the turn the blocks land in: it is not "before" them.
  const last = messages[messages.length - 1] as JsonObject | undefined;
  const before = last?.role === 'assistant' ? messages.slice(0, -1) : messages;
  for (const block of content) {
    const key = block?.type === 'thinking' ? block.signature : block?.type === 'redacted_thinking' ? block.data : undefined;
    if (typeof key === 'string' && key !== '') {
      out.set(key, {
        model: String(record.message?.model ?? request.model),
        tools: json(request.tools),
        system: json(request.system),
        messagesBefore: before.map(json),
        thinking: block.type === 'thinking' && typeof block.thinking === 'string' ? block.thinking : undefined,
      });
    }
  }
  return out;
}

function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** Why the block's prefix is not what it was made after, or undefined when it is the same. */
function prefixChange(origin: ThinkingOrigin, root: Node, turnIndex: number, messages: Node[]): string | undefined {
  const now = (path: string) => json(findNodeAtLocation(root, [path]) ? getNodeValue(findNodeAtLocation(root, [path])!) : undefined);
  if (now('tools') !== origin.tools) {
    return 'the tools changed since it was made';
  }
  if (now('system') !== origin.system) {
    return 'the system prompt changed since it was made';
  }
  if (turnIndex !== origin.messagesBefore.length) {
    return `it was made after ${origin.messagesBefore.length} message${origin.messagesBefore.length === 1 ? '' : 's'}, and now has ${turnIndex} before it`;
  }
  for (let i = 0; i < turnIndex; i++) {
    if (json(getNodeValue(messages[i])) !== origin.messagesBefore[i]) {
      return `messages[${i}] was edited since it was made`;
    }
  }
  return undefined;
}

export function checkConversation(root: Node, add: Add, origins?: ThinkingOrigins): void {
  const messagesNode = findNodeAtLocation(root, ['messages']);
  if (!messagesNode || messagesNode.type !== 'array') {
    return;
  }
  const messages = messagesNode.children ?? [];
  const model = str(findNodeAtLocation(root, ['model']));
  messages.forEach((message, i) => {
    const role = str(findNodeAtLocation(message, ['role']));
    const content = findNodeAtLocation(message, ['content']);
    for (const block of content?.type === 'array' ? content.children ?? [] : []) {
      const type = str(findNodeAtLocation(block, ['type']));
      if (type === 'tool_result') {
        const result = findNodeAtLocation(block, ['content']);
        if (result && isToolResultPlaceholder(result.value)) {
          add('warning', result, 'This tool_result still holds the placeholder Continue wrote: put what the tool returned here.', 'tool-result-placeholder');
        }
        continue;
      }
      if (type !== 'thinking' && type !== 'redacted_thinking') {
        continue;
      }
      if (role !== 'assistant') {
        add('warning', block, `A ${type} block in a ${role ?? 'message without a role'} turn: the API takes thinking blocks only in assistant turns, as they were returned.`, 'thinking-binding');
        continue;
      }
      const keyNode = findNodeAtLocation(block, [type === 'thinking' ? 'signature' : 'data']);
      const key = str(keyNode);
      if (!key) {
        const what = type === 'thinking' ? 'signature' : 'data';
        add('warning', block, `This ${type} block has no ${what}: the API refuses thinking blocks that are not sent back exactly as returned, ${what} included.`, 'thinking-binding');
        continue;
      }
      const origin = origins?.get(key);
      if (!origin) {
        continue;
      }
      const where = `${type} block of messages[${i}]`;
      if (type === 'thinking' && origin.thinking !== undefined && str(findNodeAtLocation(block, ['thinking'])) !== origin.thinking) {
        add('warning', block, `This ${where} was edited: the API refuses a thinking block that is not exactly as returned. Undo the edit, or remove the block.`, 'thinking-binding');
        continue;
      }
      if (model !== undefined && model !== origin.model) {
        add('warning', block, `This ${where} was made by ${origin.model}, and the file now asks ${model}: a thinking block is bound to its model, so the API refuses it or drops it (thinking.block_binding). Switch back, or fork the conversation before this turn.`, 'thinking-binding');
        continue;
      }
      const change = prefixChange(origin, root, i, messages);
      if (change) {
        add('warning', block, `This ${where} is no longer bound to the conversation before it: ${change}. The API refuses it or drops it (thinking.block_binding); undo the edit, or remove the block.`, 'thinking-binding');
      }
    }
  });
}

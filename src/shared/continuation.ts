// What can follow a finished call, by its stop_reason: the Messages API keeps no state, so the next request must
// carry this answer back as an assistant turn, and what comes after it depends on why the answer stopped. The panel
// (which buttons), the editor commands and the CLI's --append all read this one decision.
import type { CallRecord, JsonObject } from './callRecord';

export type ContinuationKind =
  /** The answer is whole: the assistant turn, then the next user turn to type. */
  | 'reply'
  /** tool_use: the assistant turn, then a user turn with one tool_result per tool_use id. */
  | 'toolResults'
  /** pause_turn: the assistant turn, unchanged, and the request sent again as it is. */
  | 'resume'
  /** max_tokens: the cut answer as the last assistant turn (a prefill) so the model goes on where it stopped. */
  | 'continueAnswer';

export type Continuation =
  | { ok: true; kind: ContinuationKind; stopReason: string; toolUseIds: string[] }
  /** Nothing can be appended: `reason` says why, in a sentence a user reads. */
  | { ok: false; reason: string; stopReason?: string };

function blocksOf(message: JsonObject | undefined): JsonObject[] {
  const content = message?.content;
  return Array.isArray(content) ? content.filter((b): b is JsonObject => typeof b === 'object' && b !== null && !Array.isArray(b)) : [];
}

/** True when the request asks for thinking (enabled or adaptive): the API then takes no prefilled assistant turn. */
export function thinkingOn(request: JsonObject | undefined): boolean {
  const thinking = request?.thinking as JsonObject | undefined;
  return typeof thinking === 'object' && thinking !== null && (thinking.type === 'enabled' || thinking.type === 'adaptive');
}

/** The tool_use ids of an answer, in order: each needs its tool_result in the next user turn. */
export function toolUseIdsOf(message: JsonObject | undefined): string[] {
  return blocksOf(message).filter((b) => b.type === 'tool_use' && typeof b.id === 'string').map((b) => b.id as string);
}

/** What may follow this call; a failed, cut or refused call gets the reason nothing can be appended. */
export function continuationOf(record: Pick<CallRecord, 'message' | 'error' | 'incomplete' | 'effectiveRequest'>): Continuation {
  if (record.error || record.incomplete || !record.message) {
    return { ok: false, reason: 'the call did not finish with a complete answer, so there is no assistant turn to append' };
  }
  const stopReason = record.message.stop_reason;
  const stop = typeof stopReason === 'string' ? stopReason : '';
  const toolUseIds = toolUseIdsOf(record.message);
  const blocks = blocksOf(record.message);
  const ok = (kind: ContinuationKind): Continuation => ({ ok: true, kind, stopReason: stop, toolUseIds });
  switch (stop) {
    case 'end_turn':
    case 'stop_sequence':
      return blocks.length === 0 ? { ok: false, stopReason: stop, reason: 'the answer is empty: an assistant turn with no content is refused by the API' } : ok('reply');
    case 'tool_use':
      return toolUseIds.length === 0 ? ok('reply') : ok('toolResults');
    case 'pause_turn':
      return ok('resume');
    case 'max_tokens': {
      if (thinkingOn(record.effectiveRequest)) {
        return { ok: false, stopReason: stop, reason: 'with thinking on, the API takes no prefilled assistant turn, so the cut answer cannot be continued: raise max_tokens and send again' };
      }
      const last = blocks[blocks.length - 1];
      if (!last || last.type !== 'text' || typeof last.text !== 'string' || last.text.trim() === '') {
        return { ok: false, stopReason: stop, reason: 'the answer was cut before any text (or inside a tool call), so there is nothing to continue from: raise max_tokens and send again' };
      }
      return ok('continueAnswer');
    }
    case 'refusal':
      return { ok: false, stopReason: stop, reason: 'the model refused: a refusal cannot be continued (sending it back only repeats it); edit or fork the conversation before the turn that was refused' };
    case 'model_context_window_exceeded':
      return { ok: false, stopReason: stop, reason: 'the context window is full: a longer conversation cannot be sent; fork it at an earlier turn or shorten it' };
    default:
      return { ok: false, stopReason: stop || undefined, reason: stop ? `stop_reason "${stop}" is not known to this version, so it does not guess what may follow` : 'the answer has no stop_reason' };
  }
}

/** The text of a tool_result that has not been filled in yet: the diagnostics warn while it is still there. */
export function toolResultPlaceholder(name: string | undefined): string {
  return `TODO: the result of ${name ?? 'the tool'}`;
}

/** True for content still holding the placeholder a Continue wrote. */
export function isToolResultPlaceholder(content: unknown): boolean {
  return typeof content === 'string' && /^TODO: the result of /.test(content);
}

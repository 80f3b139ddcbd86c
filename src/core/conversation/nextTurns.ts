// The turns a Continue appends after a call, by what the call's stop_reason allows (shared/continuation.ts): the
// assistant turn as input, then the next user turn (text to type, or one tool_result per tool_use id).
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import { continuationOf, toolResultPlaceholder, type Continuation } from '../../shared/continuation';
import { assistantTurnOf, prefillTurnOf, type DroppedField } from './assistantTurn';

/** A place in an appended turn the user fills in: the text of the next user turn, or a tool_result's content. */
export type SlotKind = 'text' | 'toolResult';

/** A turn to append, and the strings in it that are slots (by their path inside the turn). */
export interface TurnToAppend {
  turn: JsonObject;
  /** Paths inside `turn` of strings the user is to type: ["content"], ["content", 0, "content"]. */
  slots: { path: (string | number)[]; kind: SlotKind }[];
}

export interface NextTurns {
  continuation: Extract<Continuation, { ok: true }>;
  turns: TurnToAppend[];
  /** Fields of the answer left out because the API does not take them as input. */
  dropped: DroppedField[];
  /** True when the request is to go out again at once, as it is (pause_turn, a continued answer). */
  sendAgain: boolean;
}

export interface NextTurnOptions {
  /**
   * The next user turn's text. undefined: no user turn after a text answer (the CLI without --next); '' : an empty
   * one to type in (the editor). Ignored where the API wants the request sent again as it is.
   */
  next?: string;
}

/** The tool names by id, for the placeholders' words. */
function toolNames(message: JsonObject): Map<string, string> {
  const names = new Map<string, string>();
  for (const block of Array.isArray(message.content) ? (message.content as JsonObject[]) : []) {
    if (block && block.type === 'tool_use' && typeof block.id === 'string') {
      names.set(block.id, typeof block.name === 'string' ? block.name : 'the tool');
    }
  }
  return names;
}

/** What to append after this call, or why nothing can be. */
export function nextTurns(record: Pick<CallRecord, 'message' | 'error' | 'incomplete' | 'effectiveRequest'>, options: NextTurnOptions = {}): NextTurns | { ok: false; reason: string } {
  const continuation = continuationOf(record);
  if (!continuation.ok) {
    return { ok: false, reason: continuation.reason };
  }
  const message = record.message as JsonObject;
  const dropped: DroppedField[] = [];
  const turns: TurnToAppend[] = [];
  if (continuation.kind === 'continueAnswer') {
    turns.push({ turn: prefillTurnOf(message, dropped), slots: [] });
    return { continuation, turns, dropped, sendAgain: true };
  }
  turns.push({ turn: assistantTurnOf(message, dropped), slots: [] });
  if (continuation.kind === 'resume') {
    return { continuation, turns, dropped, sendAgain: true };
  }
  if (continuation.kind === 'toolResults') {
    const names = toolNames(message);
    const content: JsonObject[] = continuation.toolUseIds.map((id) => ({ type: 'tool_result', tool_use_id: id, content: toolResultPlaceholder(names.get(id)) }));
    const slots: TurnToAppend['slots'] = content.map((_, i) => ({ path: ['content', i, 'content'], kind: 'toolResult' }));
    if (options.next) {
      content.push({ type: 'text', text: options.next });
    }
    turns.push({ turn: { role: 'user', content }, slots });
  } else if (options.next !== undefined) {
    turns.push({ turn: { role: 'user', content: options.next }, slots: [{ path: ['content'], kind: 'text' }] });
  }
  return { continuation, turns, dropped, sendAgain: false };
}

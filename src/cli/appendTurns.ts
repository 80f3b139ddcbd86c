// send --append: after a complete answer, the turns the conversation needs next are written into the request file,
// keeping its comments and layout (core/conversation), so that the next send carries the whole conversation.
import { writeFile } from 'node:fs/promises';
import { appendTurns } from '../core/conversation/fileEdits';
import { nextTurns } from '../core/conversation/nextTurns';
import type { CallRecord, JsonObject } from '../shared/callRecord';
import { readRequestText } from './input';

/** What was appended, as `send --json` reports it under "appended". */
export interface AppendedTurns {
  file: string;
  /** Each new turn: its index in `messages`, its role and its block types. */
  turns: { index: number; role: string; blocks: string[] }[];
  /** tool_result placeholders to replace with what each tool returned. */
  placeholders: number;
  /** true after pause_turn and max_tokens: send the file again as it is. */
  sendAgain: boolean;
  /** The stop_reason that decided what was appended. */
  stopReason: string;
  /** Fields of the answer left out because the API does not take them as input (a citation's file_id). */
  dropped: string[];
  /** Why --next was not added, when it was given and the request is to go out again as it is. */
  nextNotAdded?: string;
}

export type AppendOutcome = { ok: true; appended: AppendedTurns } | { ok: false; reason: string };

function blockTypes(turn: JsonObject): string[] {
  return typeof turn.content === 'string' ? ['text'] : (turn.content as JsonObject[]).map((b) => String(b.type));
}

/** Appends after the call, or says why nothing was written. `sentText` is the file's text the call was made from. */
export async function appendAfterCall(file: string, sentText: string, record: CallRecord, next: string | undefined): Promise<AppendOutcome> {
  const planned = nextTurns(record, { next });
  if (!('turns' in planned)) {
    return { ok: false, reason: planned.reason };
  }
  const now = await readRequestText(file);
  if (now !== sentText) {
    return { ok: false, reason: `${file} changed while the call ran, so the answer was not written into it (the edit would land on a conversation it does not belong to)` };
  }
  const result = appendTurns(now, planned.turns);
  if (!result.ok) {
    return { ok: false, reason: result.reason };
  }
  // In place, not through a new file: the file keeps its permissions, links and owner.
  await writeFile(file, result.text, 'utf8');
  return {
    ok: true,
    appended: {
      file,
      turns: planned.turns.map((t, i) => ({ index: result.firstTurnIndex + i, role: String(t.turn.role), blocks: blockTypes(t.turn) })),
      placeholders: planned.turns.reduce((n, t) => n + t.slots.filter((s) => s.kind === 'toolResult').length, 0),
      sendAgain: planned.sendAgain,
      stopReason: planned.continuation.stopReason,
      dropped: planned.dropped.map((d) => d.path),
      ...(next !== undefined && planned.sendAgain ? { nextNotAdded: `after ${planned.continuation.stopReason} the request goes out again as it is, with no user turn after the answer` } : {}),
    },
  };
}

/** The lines a person reads after the call: what was written, and what to do next. */
export function appendedText(a: AppendedTurns): string {
  const turns = a.turns.map((t) => `messages[${t.index}] ${t.role} (${t.blocks.join(', ')})`).join(', ');
  const lines = [`Appended to ${a.file}: ${turns}.`];
  if (a.placeholders > 0) {
    lines.push(`Replace the ${a.placeholders === 1 ? 'placeholder' : `${a.placeholders} placeholders`} "TODO: the result of …" with what each tool returned, then send the file again.`);
  } else if (a.stopReason === 'pause_turn') {
    lines.push('The turn was paused: send the file again, as it is, to let the model resume.');
  } else if (a.stopReason === 'max_tokens') {
    lines.push('The cut answer is the last turn: send the file again and the model goes on where it stopped.');
  }
  if (a.nextNotAdded) {
    lines.push(`--next was not added: ${a.nextNotAdded}.`);
  }
  if (a.dropped.length > 0) {
    lines.push(`Left out (the API does not take them as input): ${a.dropped.join(', ')}.`);
  }
  return lines.join('\n');
}

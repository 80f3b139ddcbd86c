// Edits of a request file that keep everything the user wrote: comments, odd indentation, line ends, key order.
// New turns are inserted as text after the last turn of `messages` (indented like it), never by rewriting the file;
// jsonc-parser finds where, and applyEdits applies. The editor applies the same edit as one WorkspaceEdit (one undo).
import { applyEdits, createScanner, type Edit, findNodeAtLocation, modify, type Node, parseTree, SyntaxKind } from 'jsonc-parser';
import type { JsonObject } from '../../shared/callRecord';
import type { SlotKind, TurnToAppend } from './nextTurns';

export type { Edit };

/** A slot of the inserted text, as an offset and length in the edited file. */
export interface PlacedSlot {
  offset: number;
  length: number;
  kind: SlotKind;
}

export type AppendResult =
  | { ok: true; edit: Edit; text: string; slots: PlacedSlot[]; firstTurnIndex: number }
  | { ok: false; reason: string };

interface Layout {
  eol: string;
  unit: string;
}

/** The file's line end and indentation unit: what it uses most, two spaces when it cannot tell. */
export function layoutOf(text: string): Layout {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const eol = crlf > lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';
  const indents = [...text.matchAll(/(?:^|[\r\n])([ \t]+)\S/g)].map((m) => m[1]);
  if (indents.some((i) => i.startsWith('\t'))) {
    return { eol, unit: '\t' };
  }
  const widths = indents.map((i) => i.length).filter((w) => w > 0);
  const smallest = widths.length ? Math.min(...widths) : 2;
  return { eol, unit: ' '.repeat(Math.min(Math.max(smallest, 1), 8)) };
}

function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
    start--;
  }
  const line = text.slice(start, offset);
  const match = /^[ \t]*/.exec(line);
  return match ? match[0] : '';
}

/** True when only whitespace stands between the line's start and the offset. */
function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(0, offset).split(/\r\n|\r|\n/).pop() ?? '');
}

const SLOT = (n: number) => `\u0091slot${n}\u0092`;

/**
 * A turn as text in the file's layout, with its slots: a user turn whose content is a string on one line, as the
 * examples write them; every other turn spread over lines.
 */
function renderTurn(item: TurnToAppend, indent: string, layout: Layout, base: number): { text: string; slots: PlacedSlot[] } {
  const turn: JsonObject = JSON.parse(JSON.stringify(item.turn));
  const values: string[] = [];
  item.slots.forEach((slot, n) => {
    let holder: unknown = turn;
    for (const key of slot.path.slice(0, -1)) {
      holder = (holder as Record<string | number, unknown>)[key];
    }
    const last = slot.path[slot.path.length - 1];
    values.push(String((holder as Record<string | number, unknown>)[last]));
    (holder as Record<string | number, unknown>)[last] = SLOT(n);
  });
  let json = typeof turn.content === 'string' && turn.role === 'user'
    ? `{ "role": "user", "content": ${JSON.stringify(turn.content)} }`
    : JSON.stringify(turn, null, layout.unit);
  json = json.split('\n').join(layout.eol + indent);
  const slots: PlacedSlot[] = [];
  item.slots.forEach((slot, n) => {
    const marker = SLOT(n);
    const at = json.indexOf(marker);
    const escaped = JSON.stringify(values[n]).slice(1, -1);
    json = json.slice(0, at) + escaped + json.slice(at + marker.length);
    slots.push({ offset: base + at, length: escaped.length, kind: slot.kind });
  });
  return { text: json, slots };
}

/** Where a line comment that follows the offset on its own line ends (before the line break), if there is one. */
function sameLineComment(text: string, offset: number): number | undefined {
  const scanner = createScanner(text.slice(offset), false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia) {
      return offset + scanner.getTokenOffset() + scanner.getTokenLength();
    }
    if (kind !== SyntaxKind.Trivia && kind !== SyntaxKind.BlockCommentTrivia) {
      return undefined;
    }
  }
  return undefined;
}

/** The first comma after a node, skipping whitespace and comments: a trailing comma the file already has. */
function commaAfter(text: string, offset: number): number | undefined {
  const scanner = createScanner(text.slice(offset), false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.CommaToken) {
      return offset + scanner.getTokenOffset();
    }
    if (kind !== SyntaxKind.Trivia && kind !== SyntaxKind.LineBreakTrivia && kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) {
      return undefined;
    }
  }
  return undefined;
}

function messagesOf(text: string): { root: Node; messages: Node } | { reason: string } {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') {
    return { reason: 'the file is not a JSON object' };
  }
  const messages = findNodeAtLocation(root, ['messages']);
  if (!messages || messages.type !== 'array') {
    return { reason: 'the file has no "messages" list to append to' };
  }
  return { root, messages };
}

/**
 * One edit that appends the turns to `messages`, and where the slots end up in the edited text. It inserts, except
 * over a comment on the last turn's line, which it writes back unchanged after the comma.
 */
export function appendTurns(text: string, turns: TurnToAppend[]): AppendResult {
  const found = messagesOf(text);
  if ('reason' in found) {
    return { ok: false, reason: found.reason };
  }
  const { messages } = found;
  const layout = layoutOf(text);
  const items = messages.children ?? [];
  const last = items[items.length - 1];
  let offset: number;
  let indent: string;
  let before: string;
  let after = '';
  let separator = `,${layout.eol}`;
  /** Text after the last turn that the edit replaces by itself (a comment on the same line). */
  let kept = '';
  if (last) {
    indent = startsLine(text, last.offset) ? lineIndent(text, last.offset) : lineIndent(text, messages.offset) + layout.unit;
    const trailing = commaAfter(text, last.offset + last.length);
    if (trailing !== undefined) {
      // The file ends its list with a comma: the new turns go after it, and keep that style.
      offset = trailing + 1;
      before = layout.eol + indent;
      after = ',';
    } else {
      offset = last.offset + last.length;
      before = `,${layout.eol}${indent}`;
      const comment = sameLineComment(text, offset);
      if (comment !== undefined) {
        // "{ … } // the first turn": the comment stays with its turn, the comma goes before it, the new turns after.
        kept = text.slice(offset, comment);
        before = `,${kept}${layout.eol}${indent}`;
      }
    }
  } else {
    const outer = lineIndent(text, messages.offset);
    indent = outer + layout.unit;
    offset = messages.offset + 1;
    before = layout.eol + indent;
    after = layout.eol + outer;
    // An empty list may hold only a comment or whitespace: the turns go in front of what is there.
  }
  separator = `,${layout.eol}${indent}`;
  let inserted = before;
  const slots: PlacedSlot[] = [];
  turns.forEach((turn, i) => {
    if (i > 0) {
      inserted += separator;
    }
    const rendered = renderTurn(turn, indent, layout, offset + inserted.length);
    inserted += rendered.text;
    slots.push(...rendered.slots);
  });
  inserted += after;
  const edit: Edit = { offset, length: kept.length, content: inserted };
  return { ok: true, edit, text: applyEdits(text, [edit]), slots, firstTurnIndex: items.length };
}

/** Sets max_tokens, keeping the rest of the file: the value replaced in place, or the field added when missing. */
export function setMaxTokens(text: string, maxTokens: number): { ok: true; edit: Edit; text: string } | { ok: false; reason: string } {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') {
    return { ok: false, reason: 'the file is not a JSON object' };
  }
  const node = findNodeAtLocation(root, ['max_tokens']);
  let edit: Edit;
  if (node) {
    edit = { offset: node.offset, length: node.length, content: String(maxTokens) };
  } else {
    const layout = layoutOf(text);
    const edits = modify(text, ['max_tokens'], maxTokens, { formattingOptions: { insertSpaces: layout.unit !== '\t', tabSize: layout.unit === '\t' ? 1 : layout.unit.length, eol: layout.eol } });
    if (edits.length !== 1) {
      return { ok: false, reason: 'max_tokens could not be added' };
    }
    edit = edits[0];
  }
  return { ok: true, edit, text: applyEdits(text, [edit]) };
}

/** The max_tokens to resend with after a cut answer: twice as many, within the model's output limit when known. */
export function raisedMaxTokens(current: number, modelMaxOutput?: number): number {
  const doubled = Math.max(current * 2, 1024);
  return modelMaxOutput !== undefined ? Math.min(doubled, modelMaxOutput) : doubled;
}

// CodeLenses of a conversation: above "messages", what can follow the file's last call (Continue, answer the tool
// calls, Resume, Continue the answer / Raise max_tokens, or why not), while the file still holds the conversation
// that call sent; and "Fork here" on each message (beyond FORK_LENSES_MAX messages, one "Fork at a message…").
import * as vscode from 'vscode';
import { getNodeValue, parse } from 'jsonc-parser';
import { fastParseTree } from '../../core/requestFiles/fastJsonTree';
import { messageRanges } from '../../core/conversation/fork';
import type { JsonObject } from '../../shared/callRecord';
import { continuationOf } from '../../shared/continuation';
import { Commands } from '../commandIds';
import { formatCount } from '../../shared/format';
import type { FileCalls } from '../conversation/fileCalls';

/** Where the messages of a document start, as the last check in the worker found (RequestDiagnostics). */
export interface MessageOutline {
  messageOffsets(document: vscode.TextDocument): { version: number; offsets: readonly number[] } | undefined;
  onDidOutline: vscode.Event<void>;
}

/** A conversation of more messages gets one "Fork at a message…" lens instead of "Fork here" on each. */
export const FORK_LENSES_MAX = 100;

/** Up to this size, a file is outlined here when the worker's outline is not of its version; beyond, not. */
const OUTLINE_HERE_MAX = 256 * 1024;

export class ConversationCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  /**
   * `outline`: where the messages start, from the check in the worker: a big file is not parsed again on the
   * extension host's thread for its lenses on every edit (a 5 MB file with a stray quote held it 150 ms and more).
   */
  constructor(private readonly calls: FileCalls, private readonly outline?: MessageOutline) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => {
      const onCalls = calls.onDidChange(() => listener.call(thisArgs));
      const onOutline = outline?.onDidOutline(() => listener.call(thisArgs));
      const both = vscode.Disposable.from(onCalls, ...(onOutline ? [onOutline] : []));
      disposables?.push(both);
      return both;
    };
  }

  /**
   * The start of each message: the worker's outline when it is of this version, or when the file is big (then it may
   * be of a version a few keystrokes old: the lenses stay near their messages until the next check moves them).
   */
  private offsetsOf(document: vscode.TextDocument): readonly number[] {
    const known = this.outline?.messageOffsets(document);
    if (known && (known.version === document.version || sizeOf(document) > OUTLINE_HERE_MAX)) {
      return known.offsets;
    }
    if (this.outline && !known && sizeOf(document) > OUTLINE_HERE_MAX) {
      // Not checked yet: its first check comes within moments, with the outline.
      return [];
    }
    return messageRanges(document.getText()).map((m) => m.offset);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const offsets = this.offsetsOf(document);
    const ranges = offsets.map((offset) => ({ offset }));
    const lenses: vscode.CodeLens[] = [];
    const last = this.calls.lastOf(document);
    // Only while the file holds what that call sent: after a Continue (or any edit of the turns) it would append twice.
    // (The messages are read only then: a 5 MB file is not parsed again on every edit for nothing.)
    const text = last && !last.error && ranges.length > 0 ? document.getText() : '';
    if (last && !last.error && ranges.length > 0 && JSON.stringify(messagesOf(text)) === JSON.stringify(last.effectiveRequest.messages)) {
      const at = document.positionAt(ranges[ranges.length - 1].offset);
      const range = new vscode.Range(at, at);
      const continuation = continuationOf(last);
      const run = (title: string, tooltip: string, action = 'continue') =>
        lenses.push(new vscode.CodeLens(range, { title, tooltip, command: Commands.continueConversation, arguments: [{ callId: last.id, action }] }));
      if (continuation.ok) {
        switch (continuation.kind) {
          case 'toolResults':
            run(`$(tools) Continue: answer ${continuation.toolUseIds.length === 1 ? 'the tool call' : `${continuation.toolUseIds.length} tool calls`}`, 'Append the answer and a user turn with a tool_result placeholder per tool_use id');
            break;
          case 'resume':
            run('$(debug-continue) Resume the paused turn', 'Append the paused answer, unchanged, and send again (pause_turn)');
            break;
          case 'continueAnswer':
            run('$(debug-continue) Continue the answer', 'Append the cut answer as the last turn and send again: the model goes on where it stopped');
            run('$(arrow-up) Raise max_tokens and resend', 'Send the same request with twice the max_tokens', 'raiseMaxTokens');
            break;
          default:
            run('$(comment-discussion) Continue conversation', 'Append the answer as the assistant turn and a new user turn to type in (one undo)');
        }
      } else {
        lenses.push(new vscode.CodeLens(range, { title: `$(circle-slash) Cannot continue: ${continuation.stopReason ?? 'no complete answer'}`, tooltip: continuation.reason, command: '' }));
        if (continuation.stopReason === 'max_tokens') {
          run('$(arrow-up) Raise max_tokens and resend', 'Send the same request with twice the max_tokens', 'raiseMaxTokens');
        }
      }
    }
    if (ranges.length > FORK_LENSES_MAX) {
      // One lens for them all: VS Code lays out and draws every lens of the file at every frame and keystroke (with
      // 4,000 of them, typing made frames of 100-180 ms that the same text without them does not).
      const at = document.positionAt(ranges[0].offset);
      lenses.push(new vscode.CodeLens(new vscode.Range(at, at), { title: `$(repo-forked) Fork at a message… (${formatCount(ranges.length)} messages)`, tooltip: 'Choose the message: a new request file with the messages up to it', command: Commands.forkConversation, arguments: [document.uri, 'pick'] }));
      return lenses;
    }
    ranges.forEach((m, i) => {
      const at = document.positionAt(m.offset);
      lenses.push(new vscode.CodeLens(new vscode.Range(at, at), { title: '$(repo-forked) Fork here', tooltip: `A new request file with messages[0..${i}]`, command: Commands.forkConversation, arguments: [document.uri, i] }));
    });
    return lenses;
  }
}

/** The document's length, without copying its text. */
function sizeOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** The file's messages as values: from the fast parse when the file is well-formed, else jsonc-parser's lenient one. */
function messagesOf(text: string): unknown {
  const fast = fastParseTree(text);
  const body = (fast.ok ? getNodeValue(fast.root) : parse(text, [], { allowTrailingComma: true })) as JsonObject | undefined;
  return body?.messages;
}

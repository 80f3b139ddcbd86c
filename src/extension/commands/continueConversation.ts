// Claude: Continue Conversation — the Messages API keeps no state, so the next request must carry this answer:
// appended to the request file it came from (one undoable edit, comments kept, not saved), or, for Send Selection,
// written with the conversation so far into a new untitled .claude.json. What follows the answer depends on its
// stop_reason (shared/continuation.ts): the next user turn to type, tool_result placeholders, or (pause_turn,
// max_tokens) the request sent again at once.
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { appendTurns, raisedMaxTokens, setMaxTokens } from '../../core/conversation/fileEdits';
import { nextTurns } from '../../core/conversation/nextTurns';
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import type { CallRunner } from '../callRunner';
import { Commands } from '../commandIds';
import { applyAppend } from '../conversation/applyTurns';
import { showRequestFile } from '../conversation/showRequestFile';
import { type FileCalls, sourceKey } from '../conversation/fileCalls';
import { documentName, isRequestFile } from '../requestDocument';
import { freeName } from './newRequestFile';

/** What the panel's buttons ask for: go on as the stop_reason says, or send the same request with room to finish. */
export type ContinueAction = 'continue' | 'raiseMaxTokens';

export interface ContinueArgs {
  callId?: string;
  action?: ContinueAction;
}

/** The call a Continue is about: the panel's button names it; from a file, its last call; else the last call. */
function callFor(arg: vscode.Uri | ContinueArgs | undefined, calls: FileCalls, runner: CallRunner): CallRecord | undefined {
  if (arg && !(arg instanceof vscode.Uri) && arg.callId) {
    return calls.byId(arg.callId) ?? (runner.lastCall?.id === arg.callId ? runner.lastCall : undefined);
  }
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document && isRequestFile(document)) {
    return calls.lastOf(document);
  }
  return runner.lastCall;
}

/** The open document a file call came from, or the file on disk in the workspace. */
async function documentOf(record: CallRecord): Promise<vscode.TextDocument | undefined> {
  const key = sourceKey(record.source);
  if (!key) {
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => isRequestFile(d) && documentName(d) === key);
  if (open || record.source.kind !== 'file' || !record.source.path) {
    return open;
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, record.source.path);
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** True when the document still holds the conversation the call sent (the same messages, in order). */
function holdsConversationOf(document: vscode.TextDocument, record: CallRecord): boolean {
  const body = parse(document.getText(), [], { allowTrailingComma: true }) as JsonObject | undefined;
  return JSON.stringify(body?.messages) === JSON.stringify(record.effectiveRequest.messages);
}

export async function continueConversation(calls: FileCalls, runner: CallRunner, arg?: vscode.Uri | ContinueArgs): Promise<void> {
  const record = callFor(arg, calls, runner);
  if (!record) {
    void vscode.window.showInformationMessage('Claude: there is no finished call to continue yet: send a request file or a selection first.');
    return;
  }
  const action = arg && !(arg instanceof vscode.Uri) ? arg.action ?? 'continue' : 'continue';
  if (record.source.kind === 'cli') {
    return;
  }
  const document = record.source.kind === 'file' ? await documentOf(record) : undefined;
  if (record.source.kind === 'file' && !document) {
    void vscode.window.showWarningMessage(`Claude: ${sourceKey(record.source) ?? 'the request file'} is not open and was not found in the workspace: nothing was appended.`);
    return;
  }
  if (action === 'raiseMaxTokens') {
    await raiseAndResend(record, document);
    return;
  }
  const plan = nextTurns(record, { next: '' });
  if (!('turns' in plan)) {
    void vscode.window.showInformationMessage(`Claude: cannot continue: ${plan.reason}.`);
    return;
  }
  const target = document ?? (await newConversationFile(record));
  if (document && !holdsConversationOf(document, record)) {
    const choice = await vscode.window.showWarningMessage(
      `Claude: the messages of ${documentName(document)} changed since this call: the answer belongs after the conversation that was sent. Append it anyway?`,
      { modal: true },
      'Append Anyway',
    );
    if (choice !== 'Append Anyway') {
      return;
    }
  }
  const result = appendTurns(target.getText(), plan.turns);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Claude: nothing was appended to ${documentName(target)}: ${result.reason}.`);
    return;
  }
  await applyAppend(target, result);
  if (plan.sendAgain) {
    // pause_turn and a cut answer: the API asks for the request again as it is, answer included.
    await vscode.commands.executeCommand(Commands.sendRequestFile, target.uri);
  }
}

/** A new untitled request file with the conversation the selection's call sent (no turn appended yet). */
async function newConversationFile(record: CallRecord, override: JsonObject = {}): Promise<vscode.TextDocument> {
  const body: JsonObject = { ...record.effectiveRequest, ...override };
  if (record.defaultsApplied.includes('stream')) {
    delete body.stream;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const document = await vscode.workspace.openTextDocument(freeName(folder?.uri));
  const text = `// The conversation so far, from Send Selection: the API keeps no state, so every request carries every turn.\n${JSON.stringify(body, null, 2)}\n`;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  await showRequestFile(document);
  return document;
}

/** After max_tokens: the same request with twice the room, sent again (from a file: one edit of max_tokens). */
async function raiseAndResend(record: CallRecord, document: vscode.TextDocument | undefined): Promise<void> {
  const current = typeof record.effectiveRequest.max_tokens === 'number' ? record.effectiveRequest.max_tokens : 1024;
  const raised = raisedMaxTokens(current);
  const target = document ?? (await newConversationFile(record, { max_tokens: raised }));
  if (document) {
    const result = setMaxTokens(document.getText(), raised);
    if (!result.ok) {
      void vscode.window.showWarningMessage(`Claude: max_tokens could not be raised in ${documentName(document)}: ${result.reason}.`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(result.edit.offset), document.positionAt(result.edit.offset + result.edit.length)), result.edit.content);
    await vscode.workspace.applyEdit(edit);
    await showRequestFile(document);
  }
  await vscode.commands.executeCommand(Commands.sendRequestFile, target.uri);
}

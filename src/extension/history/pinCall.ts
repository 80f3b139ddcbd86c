// Pin to Workspace: the one way a call from the private history reaches the workspace, by choice. Writes the call
// as readable JSON next to its request file, `<name>.claude.runs/<start time, ":" as "-">.json`; for a selection or
// an untitled file, asks where.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoredCall } from '../../shared/history';
import type { HistoryService } from './historyService';
import { storedCall } from './historyCalls';

export async function pinCall(history: HistoryService, id: string | undefined): Promise<vscode.Uri | undefined> {
  const stored = await storedCall(history, id);
  if (!stored) {
    return undefined;
  }
  const fileName = `${pinTime(stored.entry.startedAt)}.json`;
  const requestFile = await requestFileOf(stored);
  let target: vscode.Uri | undefined;
  if (requestFile) {
    const folder = vscode.Uri.joinPath(requestFile, '..', `${path.basename(requestFile.path).replace(/\.claude\.json$/i, '').replace(/\.json$/i, '')}.claude.runs`);
    target = await freeUri(folder, fileName);
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: 'Pin the call to the workspace',
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { JSON: ['json'] },
    });
  }
  if (!target) {
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, Buffer.from(pinText(stored), 'utf8'));
  void vscode.window.showInformationMessage(`Claude: pinned the call to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
    if (choice) {
      void vscode.window.showTextDocument(target);
    }
  });
  return target;
}

/** "2026-11-30T10:15:03.123Z" → "2026-11-30T10-15-03Z": a file name every system accepts, sorted by time. */
export function pinTime(startedAt: string): string {
  const date = new Date(startedAt);
  const iso = Number.isNaN(date.getTime()) ? startedAt : date.toISOString();
  return iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** The call as stored (masked), indented to be read and diffed in review. */
export function pinText(stored: StoredCall): string {
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/** The request file on disk the call came from, when it is still there. */
async function requestFileOf(stored: StoredCall): Promise<vscode.Uri | undefined> {
  const source = stored.record.source;
  if (source.kind === 'selection' || !source.path) {
    return undefined;
  }
  const candidates: vscode.Uri[] = [];
  if (path.isAbsolute(source.path)) {
    candidates.push(vscode.Uri.file(source.path));
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    candidates.push(vscode.Uri.joinPath(folder.uri, source.path));
    // In a multi-root workspace the relative path starts with the folder's name.
    if (source.path.startsWith(`${folder.name}/`)) {
      candidates.push(vscode.Uri.joinPath(folder.uri, source.path.slice(folder.name.length + 1)));
    }
  }
  for (const candidate of candidates) {
    if (await exists(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

async function freeUri(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  for (let i = 1; ; i++) {
    const candidate = vscode.Uri.joinPath(folder, i === 1 ? name : name.replace(/\.json$/, `-${i}.json`));
    if (!(await exists(candidate))) {
      return candidate;
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

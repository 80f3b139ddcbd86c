// The two sides of a comparison as read-only virtual documents for VS Code's diff editor: the request as
// normalised JSON (keys sorted, two-space indent) and the answer as markdown (text as is, thinking quoted, tool input
// as JSON). `claude-history:/<id>/request.json` and `claude-history:/<id>/answer.md`, read from the store.
import * as vscode from 'vscode';
import type { CallRecord } from '../../shared/callRecord';
import type { HistoryService } from './historyService';

export const HISTORY_SCHEME = 'claude-history';

export function requestUri(id: string, label: string): vscode.Uri {
  return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${id}/request.json`, query: label });
}

export function answerUri(id: string, label: string): vscode.Uri {
  return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${id}/answer.md`, query: label });
}

export class CallDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly history: HistoryService) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, id, name] = uri.path.split('/');
    const stored = await this.history.store.get(id);
    if (!stored) {
      return `This call is no longer in the history (${id}).\n`;
    }
    return name === 'request.json' ? requestText(stored.record) : answerText(stored.record);
  }
}

/** The request body that went out, keys sorted so that only real differences show. */
export function requestText(record: CallRecord): string {
  return `${JSON.stringify(sortKeys(record.effectiveRequest), null, 2)}\n`;
}

/** The answer block by block, as a person reads it; an error or a cut-off stream is said at the end. */
export function answerText(record: CallRecord): string {
  const message = record.message;
  const content = Array.isArray(message?.content) ? (message.content as unknown[]) : [];
  const parts: string[] = [];
  for (const block of content) {
    parts.push(blockText(block));
  }
  if (content.length === 0) {
    parts.push('_(no content)_');
  }
  const stop = typeof message?.stop_reason === 'string' ? message.stop_reason : undefined;
  const tail: string[] = [];
  if (stop) {
    tail.push(`stop_reason: ${stop}`);
  }
  if (record.incomplete) {
    tail.push('incomplete: the stream ended early');
  }
  if (record.error) {
    tail.push(`error: ${record.error.type ?? record.error.kind}: ${record.error.message}`);
  }
  return `${parts.join('\n\n')}\n${tail.length ? `\n---\n${tail.join('\n')}\n` : ''}`;
}

function blockText(block: unknown): string {
  const b = (typeof block === 'object' && block !== null ? block : {}) as Record<string, unknown>;
  switch (b.type) {
    case 'text':
      return String(b.text ?? '');
    case 'thinking':
      return `> **thinking**\n>\n${String(b.thinking ?? '').split('\n').map((line) => `> ${line}`).join('\n')}`;
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return `**${String(b.type)}** \`${String(b.name ?? '')}\`\n\n\`\`\`json\n${JSON.stringify(sortKeys(b.input), null, 2)}\n\`\`\``;
    default:
      return `**${String(b.type ?? 'block')}**\n\n\`\`\`json\n${JSON.stringify(sortKeys(block), null, 2)}\n\`\`\``;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

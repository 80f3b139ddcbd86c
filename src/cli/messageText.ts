// A Message as readable terminal text: each block in order, the stop_reason with its meaning, the usage.
import { preview } from '../core/capture/wireFault';
import type { CallRecord, JsonObject } from '../shared/callRecord';
import { summarizeError } from '../core/callError';
import { formatUsd, perMillionText } from '../shared/cost';
import { formatCount, wholeMsText } from '../shared/format';
import { stopReasonMeaning } from '../shared/stopReasons';

type Block = JsonObject & { type?: unknown };

function pretty(value: unknown): string {
  // JSON.stringify gives undefined for undefined (a block a server left out): still text.
  return JSON.stringify(value, null, 2) ?? String(value);
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** One block as text; an unknown type is shown as labelled JSON, never dropped. */
export function blockText(block: Block): string {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    // A streamed message_start may carry anything in its content: shown as it came, never a crash.
    return `[not a block]\n${indent(pretty(block))}`;
  }
  switch (block.type) {
    case 'text': {
      const citations = Array.isArray(block.citations) ? block.citations : [];
      const cited = citations.length ? `\n${indent(citations.map((c) => `[cites] ${JSON.stringify((c as JsonObject).cited_text ?? '')}`).join('\n'))}` : '';
      return `${String(block.text ?? '')}${cited}`;
    }
    case 'thinking': {
      const signature = typeof block.signature === 'string' && block.signature ? ` (signed, ${block.signature.length} chars)` : '';
      return `[thinking${signature}]\n${indent(String(block.thinking ?? ''))}`;
    }
    case 'redacted_thinking':
      return `[redacted_thinking: ${String(block.data ?? '').length} chars of encrypted reasoning]`;
    case 'tool_use':
    case 'server_tool_use':
      return `[${block.type}: ${String(block.name)} (${String(block.id)})]\n${indent(pretty(block.input ?? {}))}`;
    default:
      return `[${String(block.type)}]\n${indent(pretty(block))}`;
  }
}

/** Every usage field the API returned, nested ones flattened: "cache_creation.ephemeral_5m_input_tokens: 0". */
export function usageLines(usage: unknown, prefix = ''): string[] {
  if (!usage || typeof usage !== 'object') {
    return [];
  }
  const lines: string[] = [];
  for (const [key, value] of Object.entries(usage as JsonObject)) {
    if (value === null || value === undefined) {
      continue;
    }
    if (typeof value === 'object') {
      lines.push(...usageLines(value, `${prefix}${key}.`));
    } else {
      lines.push(`${prefix}${key}: ${String(value)}`);
    }
  }
  return lines;
}

export function stopText(message: JsonObject): string {
  const reason = message.stop_reason as string | null | undefined;
  const meaning = stopReasonMeaning(reason);
  const lines = [`stop_reason: ${reason ?? '(none)'} — ${meaning.meaning}`];
  if (reason === 'stop_sequence' && typeof message.stop_sequence === 'string') {
    lines.push(`  stop_sequence: ${JSON.stringify(message.stop_sequence)}`);
  }
  const details = message.stop_details as JsonObject | null | undefined;
  if (details && typeof details === 'object') {
    for (const [key, value] of Object.entries(details)) {
      lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  if (meaning.next) {
    lines.push(`  next: ${meaning.next}`);
  }
  return lines.join('\n');
}

/** The summary after the blocks: stop_reason, usage, ids, timing, and the curl. */
export function callSummaryText(record: CallRecord, options: { includeBlocks: boolean }): string {
  const parts: string[] = [];
  const message = record.message;
  if (message && options.includeBlocks) {
    const blocks = Array.isArray(message.content) ? (message.content as Block[]) : [];
    parts.push(blocks.map(blockText).join('\n\n'));
  }
  if (record.incomplete) {
    parts.push('[incomplete: the stream broke off; the content above is what arrived]');
  }
  if (record.unfoldedEvents?.length) {
    // Shown, not only counted: what the server sent after the message ended (or as another message) is part of the truth.
    const lines = record.unfoldedEvents.map((e) => `  event ${e.index} (${e.event}): ${preview(JSON.stringify(e.data) ?? String(e.data), 300)}`);
    parts.push(`[not folded into the message above, as they arrived:]\n${lines.join('\n')}`);
  }
  if (record.error) {
    parts.push(`error: ${summarizeError(record.error)}${record.error.hint ? `\n  ${record.error.hint}` : ''}`);
  }
  if (message) {
    parts.push(stopText(message));
    const usage = usageLines(message.usage);
    if (usage.length) {
      parts.push(`usage:\n${indent(usage.join('\n'))}`);
    }
    if (record.cost) {
      parts.push(costText(record.cost));
    }
  }
  const facts = [
    message?.model ? `model: ${String(message.model)}` : undefined,
    message?.id ? `id: ${String(message.id)}` : undefined,
    record.requestId ? `request-id: ${record.requestId}` : undefined,
    record.response ? `status: ${record.response.status}` : undefined,
    record.timing.totalMs !== undefined
      ? `time: ${wholeMsText(record.timing.totalMs)}${record.timing.headersMs !== undefined ? ` (headers after ${wholeMsText(record.timing.headersMs)})` : ''}`
      : undefined,
    record.attempts.length > 1 ? `attempts: ${record.attempts.length}` : undefined,
  ].filter(Boolean);
  if (facts.length) {
    parts.push(facts.join('\n'));
  }
  if (record.curl) {
    parts.push(`curl:\n${record.curl}`);
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

export function costText(cost: NonNullable<CallRecord['cost']>): string {
  if (!cost.known) {
    return `cost: unknown. ${cost.reason}`;
  }
  const lines = cost.parts.map((p) => `${p.label}: ${formatCount(p.tokens)} tokens${p.rate === undefined || p.usd === undefined ? ' (no published price)' : ` × ${perMillionText(p.rate)} = ${formatUsd(p.usd)}`}`);
  return `cost: ${formatUsd(cost.usd)}\n${indent(lines.join('\n'))}`;
}

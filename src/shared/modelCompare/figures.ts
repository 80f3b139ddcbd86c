// The numbers of one run, read from its call record: timings, tokens, cost, stop reason, and the answer's text for
// telling identical runs apart.
import type { CallRecord } from '../callRecord';

export interface RunFigures {
  stopReason?: string;
  headersMs?: number;
  firstTokenMs?: number;
  totalMs?: number;
  /** Output tokens over the writing time (first token to last byte); undefined when that time is 0 or unknown. */
  outputTokensPerSecond?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** Undefined when the model has no known price. */
  costUsd?: number;
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function figuresOf(record: CallRecord | undefined): RunFigures {
  if (!record) {
    return {};
  }
  const usage = (record.message?.usage ?? undefined) as Record<string, unknown> | undefined;
  // From the moment the request first went out: what the client does before (building the SDK client, its first
  // use in a process) is neither the network's nor the model's time. A retry's wait stays in: the run took it.
  const sentAt = record.attempts?.[0]?.startedMs ?? 0;
  const since = (ms: number | undefined) => (ms === undefined ? undefined : Math.max(0, Math.round((ms - sentAt) * 10) / 10));
  const headersMs = since(record.timing.headersMs);
  const firstTokenMs = since(record.timing.firstTokenMs);
  const totalMs = since(record.timing.totalMs);
  const outputTokens = count(usage?.output_tokens);
  // Speed is the model writing, so the wait for the first token is left out; a JSON answer has no first token,
  // and its whole time counts.
  const writingMs = totalMs !== undefined ? totalMs - (firstTokenMs ?? 0) : undefined;
  const stopReason = record.message?.stop_reason;
  return {
    stopReason: typeof stopReason === 'string' ? stopReason : undefined,
    headersMs,
    firstTokenMs,
    totalMs,
    outputTokensPerSecond: outputTokens !== undefined && writingMs !== undefined && writingMs > 0 ? (outputTokens * 1000) / writingMs : undefined,
    inputTokens: count(usage?.input_tokens),
    outputTokens,
    cacheReadTokens: count(usage?.cache_read_input_tokens),
    cacheWriteTokens: count(usage?.cache_creation_input_tokens),
    costUsd: record.cost?.known ? record.cost.usd : undefined,
  };
}

/**
 * What a run answered, for "runs identical": the text of text blocks, thinking, and tool calls with their input.
 * Ids and signatures differ on every call and are left out.
 */
export function answerKey(record: CallRecord | undefined): string {
  const content = record?.message?.content;
  if (!Array.isArray(content)) {
    return '';
  }
  return JSON.stringify(
    content.map((block: Record<string, unknown>) => {
      switch (block.type) {
        case 'text':
          return ['text', block.text];
        case 'thinking':
          return ['thinking', block.thinking];
        case 'tool_use':
        case 'server_tool_use':
          return [block.type, block.name, block.input];
        default:
          return [block.type];
      }
    }),
  );
}

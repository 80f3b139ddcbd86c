// The stand-in's own log of what it sent for each Messages request: when the headers and the first text went out,
// when the answer ended, the tokens the answer counted, how it ended. A comparison's figures (compare --json) can be
// checked against it: what the server did, measured where it did it.

/** Facts gathered while an exchange is answered; the log entry is made from them when it closes. */
export interface SentFacts {
  /** Date.now() when the status line and headers were written. */
  headersAt?: number;
  /** Date.now() when the first write carrying a content_block_delta went out (streams only). */
  firstTokenAt?: number;
  stream?: boolean;
  inputTokens?: number;
  /** The answer's usage.output_tokens, when all of it was sent (not for a stream that broke or failed). */
  outputTokens?: number;
  stopReason?: string | null;
  /** The API error type sent: as the HTTP error's body, or as an `error` event mid-stream. */
  errorType?: string;
  /** The retry-after header sent with an error. */
  retryAfter?: string;
}

/** One Messages request, as the stand-in answered it. Times in ms from the request's arrival. */
export interface SentAnswer {
  /** The request's model, as it named it. */
  model?: string;
  /** Date.now() when the request arrived. */
  arrivedAt: number;
  /** The HTTP status sent; undefined when the connection ended before any (a reset, a hang given up). */
  status?: number;
  stream: boolean;
  headersMs?: number;
  firstTokenMs?: number;
  /** Until the answer was complete (or the connection closed). */
  totalMs: number;
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string | null;
  errorType?: string;
  retryAfter?: string;
}

/** Entries kept: the newest, enough for any comparison a test runs, bounded for a stand-in left running. */
export const KEPT_ANSWERS = 1000;

export function sentAnswer(model: string | undefined, arrivedAt: number, endedAt: number, status: number | undefined, facts: SentFacts): SentAnswer {
  const since = (at: number | undefined) => (at === undefined ? undefined : at - arrivedAt);
  const entry: SentAnswer = { model, arrivedAt, status, stream: facts.stream === true, totalMs: endedAt - arrivedAt };
  const optional: Partial<SentAnswer> = {
    headersMs: since(facts.headersAt),
    firstTokenMs: since(facts.firstTokenAt),
    inputTokens: facts.inputTokens,
    outputTokens: facts.outputTokens,
    stopReason: facts.stopReason,
    errorType: facts.errorType,
    retryAfter: facts.retryAfter,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      (entry as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return entry;
}

export function keepAnswer(log: SentAnswer[], entry: SentAnswer): void {
  log.push(entry);
  if (log.length > KEPT_ANSWERS) {
    log.splice(0, log.length - KEPT_ANSWERS);
  }
}

/** What the log line adds for a Messages answer: "(headers 90 ms, first token 150 ms, 83 output tokens)". */
export function sentText(entry: SentAnswer): string {
  const parts = [
    entry.headersMs !== undefined ? `headers ${entry.headersMs} ms` : '',
    entry.firstTokenMs !== undefined ? `first token ${entry.firstTokenMs} ms` : '',
    entry.outputTokens !== undefined ? `${entry.outputTokens} output tokens` : '',
    entry.errorType !== undefined ? entry.errorType : '',
    entry.retryAfter !== undefined ? `retry-after ${entry.retryAfter}` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

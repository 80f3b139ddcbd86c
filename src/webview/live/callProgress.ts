// What the host's progress messages change in the running call's record: an attempt went out, its response headers
// came. Pure, no DOM: the panel program decides which views that makes stale.
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse } from '../../shared/callRecord';

/** The attempts in order, this one replacing an earlier message about the same attempt. */
function withAttempt(record: CallRecord, attempt: Attempt): Attempt[] {
  return [...record.attempts.filter((a) => a.number !== attempt.number), attempt].sort((a, b) => a.number - b.number);
}

/** An attempt went out: the response shown so far belonged to the one before (it stays in the attempts list). */
export function applyAttempt(record: CallRecord, attempt: Attempt, request: CapturedRequest): void {
  record.attempts = withAttempt(record, attempt);
  record.request = request;
  record.response = undefined;
}

/** An attempt's response headers came. */
export function applyResponse(record: CallRecord, attempt: Attempt, response: CapturedResponse): void {
  record.response = response;
  record.attempts = withAttempt(record, attempt);
  record.requestId = response.headers['request-id'] ?? attempt.requestId ?? record.requestId;
  record.timing = { ...record.timing, headersMs: attempt.headersMs ?? record.timing.headersMs };
}

// The one JSON object `send --json` prints. Its shape is a contract for scripts: change it only by adding fields.
import type { CallRecord } from '../shared/callRecord';
import { errorTypeOf } from '../shared/errorType';

export function cliJson(record: CallRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    request: record.request ?? null,
    status: record.response?.status ?? null,
    requestId: record.requestId ?? null,
    timing: {
      headersMs: record.timing.headersMs ?? null,
      totalMs: record.timing.totalMs ?? null,
      ...(record.timing.firstTokenMs !== undefined ? { firstTokenMs: record.timing.firstTokenMs } : {}),
    },
  };
  if (record.message) {
    out.response = record.message;
  }
  if (record.incomplete) {
    out.incomplete = true;
  }
  if (record.error) {
    const e = record.error;
    out.error = {
      status: e.status ?? null,
      type: errorTypeOf(e),
      message: e.message,
      requestId: e.requestId ?? record.requestId ?? null,
      kind: e.kind,
      ...(e.midStream ? { midStream: true } : {}),
      ...(e.cause ? { cause: e.cause } : {}),
      ...(e.url ? { url: e.url } : {}),
    };
  }
  if (record.partialToolInputs?.length) {
    out.partialToolInputs = record.partialToolInputs;
  }
  if (record.unfoldedEvents?.length) {
    out.unfoldedEvents = record.unfoldedEvents;
  }
  if (record.error && record.response?.body !== undefined) {
    // What the server sent when it was not a Message (an HTML page, a stalled or cut JSON body), as received.
    out.responseBody = record.response.body;
  }
  if (record.attempts.length > 1) {
    out.attempts = record.attempts;
  }
  if (record.cost) {
    out.cost = record.cost;
  }
  out.curl = record.curl ?? null;
  return out;
}

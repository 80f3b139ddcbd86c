// Checks what the host (or a saved state) hands over before the views read it: a record from an older or newer
// version may miss fields, and the panel must render whatever it gets rather than throw.
import type { CallRecord } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import { asArray, asObject, asString, isObject } from '../values/json';

const HOST_TYPES = new Set(['callStarted', 'attempt', 'response', 'events', 'retrying', 'callFinished', 'callRefused', 'done', 'callGone', 'conversationCalls', 'compare', 'cacheExplanation', 'showRecord', 'codeSnippet', 'inHistory', 'rawBody', 'requestBody']);

export function isHostMessage(data: unknown): data is HostMessage {
  return isObject(data) && typeof data.type === 'string' && HOST_TYPES.has(data.type);
}

/** A refusal from the host or a saved state, with its reasons as strings. */
export function normalizeRefusal(value: unknown): { title: string; reasons: string[]; warnings: number } | undefined {
  const raw = asObject(value);
  if (!raw) {
    return undefined;
  }
  const reasons = (asArray(raw.reasons) ?? []).map((reason) => (typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason)));
  const warnings = typeof raw.warnings === 'number' && Number.isInteger(raw.warnings) && raw.warnings > 0 ? raw.warnings : 0;
  return { title: asString(raw.title) ?? 'the request file', reasons, warnings };
}

/** A record with every field the views read present and of the right kind. */
export function normalizeRecord(value: unknown): CallRecord | undefined {
  const raw = asObject(value);
  if (!raw || typeof raw.id !== 'string') {
    return undefined;
  }
  const record = { ...raw } as unknown as CallRecord;
  record.startedAt = asString(raw.startedAt) ?? '';
  record.baseUrl = asString(raw.baseUrl) ?? '';
  record.effectiveRequest = asObject(raw.effectiveRequest) ?? {};
  record.defaultsApplied = (asArray(raw.defaultsApplied) ?? []).filter((name): name is string => typeof name === 'string');
  record.streamed = raw.streamed === true;
  record.attempts = (asArray(raw.attempts) ?? []).filter(isObject) as unknown as CallRecord['attempts'];
  record.timing = (asObject(raw.timing) ?? {}) as CallRecord['timing'];
  record.source = (asObject(raw.source) ?? { kind: 'selection' }) as CallRecord['source'];
  if (raw.response !== undefined) {
    const response = asObject(raw.response);
    record.response = response
      ? ({ ...response, headers: (asObject(response.headers) ?? {}) as Record<string, string> } as CallRecord['response'])
      : undefined;
  }
  if (raw.request !== undefined) {
    const request = asObject(raw.request);
    record.request = request
      ? ({ ...request, headers: (asObject(request.headers) ?? {}) as Record<string, string> } as CallRecord['request'])
      : undefined;
  }
  record.message = asObject(raw.message);
  record.timeline = (asArray(raw.timeline) ?? []).filter(isObject) as unknown as CallRecord['timeline'];
  const error = asObject(raw.error);
  record.error = error
    ? ({ ...error, kind: asString(error.kind) ?? 'api', message: asString(error.message) ?? String(error.message ?? '') } as CallRecord['error'])
    : undefined;
  // A message that never said why it stopped did not finish, whatever the record claims: show it as incomplete.
  if (record.message && !record.error && (record.message.stop_reason === null || record.message.stop_reason === undefined)) {
    record.incomplete = true;
  }
  return record;
}

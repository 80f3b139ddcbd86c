// A big request body goes to the panel at most once, and only when a view that shows it is opened. The record of a
// call carries it twice (the effective request, and the body as sent) and the messages of a call carry the record
// twice (when it starts and when it ends): for a 5 MB request that was four copies over the webview channel; then one,
// with the attempt, which still held the answer up by a second in the real workbench (5 MB to mask, serialize,
// compress and clone before the answer's first message could follow it). The panel gets the small fields of the
// effective request when the call starts, the attempt without the body (`bodyWithheld`), and a final record without
// it; the Request and Conversation views ask for it (`requestBody`) when opened, and a final record that comes after
// that leaves it out (`trimmed`).
// The finished record has two more big copies: its curl (which holds the request body again) and, for an answer
// that was not streamed, the raw response body beside the message parsed from it. Both are left out of what the
// panel gets when big (`withheld`); the Code view asks the host for the curl and the Raw view for the raw body when
// opened, and the host answers from the record it keeps (RecentCalls).
import type { CallRecord } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import { BIG_BODY_CHARS, isBigBody, smallFields } from '../../shared/bigBody';
import { fitsIn } from '../../shared/size';

export function isBig(record: CallRecord): boolean {
  return (record.request?.body.length ?? 0) > BIG_BODY_CHARS || !fitsIn(record.effectiveRequest, BIG_BODY_CHARS);
}

/** The record without its big curl and, when `message` is there, its big raw response body; the same record when neither is big. */
export function withoutBigCopies(record: CallRecord): CallRecord {
  const curlBig = (record.curl?.length ?? 0) > BIG_BODY_CHARS;
  const rawBig = record.message !== undefined && (record.response?.body?.length ?? 0) > BIG_BODY_CHARS;
  if (!curlBig && !rawBig) {
    return record;
  }
  const slim: CallRecord = { ...record };
  if (curlBig) {
    delete slim.curl;
  }
  if (rawBig && record.response) {
    const { body: _body, ...response } = record.response;
    slim.response = response;
  }
  return slim;
}

/**
 * The message as it goes to a panel. `hasBody`: the panel already got this call's body (it asked for it, from the
 * webview that is there now).
 */
export function slimForPanel(message: HostMessage, hasBody: (callId: string) => boolean): HostMessage {
  if (message.type === 'callStarted' && isBig(message.record)) {
    return { ...message, record: { ...message.record, effectiveRequest: smallFields(message.record.effectiveRequest) }, trimmed: true };
  }
  if (message.type === 'attempt' && isBigBody(message.request.body)) {
    return { ...message, request: { ...message.request, body: '' }, bodyWithheld: true };
  }
  if (message.type === 'callFinished' && message.record.request && hasBody(message.record.id) && isBig(message.record)) {
    const record = withoutBigCopies(message.record);
    return {
      ...message,
      record: { ...record, effectiveRequest: smallFields(record.effectiveRequest), request: { ...record.request!, body: '' } },
      trimmed: true,
    };
  }
  if (message.type === 'callFinished' || message.type === 'showRecord') {
    // A panel without the body (a reload, a call from history, or one that never opened a view of it) gets the record
    // without it: the views that show it ask for it. The effective request, the same JSON parsed, goes with its small
    // fields only (the views read the rest from the body).
    let record = withoutBigCopies(message.record);
    if (isBigBody(record.request?.body)) {
      record = { ...record, effectiveRequest: smallFields(record.effectiveRequest), request: { ...record.request!, body: '' } };
      return { ...message, record, bodyWithheld: true };
    }
    return record === message.record ? message : { ...message, record };
  }
  return message;
}

/** The call whose request body `message` brings to the webview, if it brings one. */
export function bringsBody(message: HostMessage): string | undefined {
  if (message.type === 'attempt' && !message.bodyWithheld) {
    return message.callId;
  }
  return message.type === 'requestBody' && message.body !== undefined ? message.callId : undefined;
}

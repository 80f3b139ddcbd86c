// A big request's body is not posted with its call (the host's bodyOnce.ts: `bodyWithheld`): the views that show
// it (Request, Conversation) ask the host for it when opened (`requestBody`), say "Loading…" meanwhile, and say so
// when the host no longer keeps the call. The body that comes is put into the shown record, so every view reads it
// from there, as from a small call's.
import type { CallRecord } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import type { Host } from '../host/vscodeApi';
import { emptyState } from './common';

/** Calls whose body the host withheld, and what became of asking for it. */
const withheld = new Map<string, 'not asked' | 'asked' | 'gone'>();

/** A host message about a call: notes whether it came without the call's big body. */
export function noteWithheld(callId: string, bodyWithheld: boolean | undefined): void {
  // A call said gone and brought again (from history, or after a reload) is asked again.
  if (bodyWithheld === true && (!withheld.has(callId) || withheld.get(callId) === 'gone')) {
    withheld.set(callId, 'not asked');
  }
}

/** Whether the call's body was withheld and has not come: its record lacks it (the saved state must not keep it). */
export function isWithheld(callId: string): boolean {
  return withheld.has(callId);
}

/**
 * Whether the view can show `record`'s body; if not, fills `panel` with why (and asks the host, once) and returns
 * false.
 */
export function bodyAtHand(panel: HTMLElement, record: CallRecord, host: Host, what: string): boolean {
  const state = withheld.get(record.id);
  if (state === undefined || (record.request?.body ?? '') !== '') {
    return true;
  }
  if (state === 'not asked') {
    withheld.set(record.id, 'asked');
    host.post({ type: 'requestBody', callId: record.id });
  }
  panel.replaceChildren(
    state === 'gone'
      ? emptyState(`The ${what} could not be loaded: the call is no longer kept. Send the request again to see it.`)
      : emptyState(`Loading the ${what}…`),
  );
  return false;
}

/**
 * The host's answer to `requestBody`: the body goes into `record` when it is the call asked about. Returns whether
 * anything changed (the views that show the body are then drawn again).
 */
export function receiveRequestBody(message: Extract<HostMessage, { type: 'requestBody' }>, record: CallRecord | undefined): boolean {
  if (withheld.get(message.callId) !== 'asked') {
    return false;
  }
  if (typeof message.body !== 'string' || message.body === '') {
    withheld.set(message.callId, 'gone');
    return true;
  }
  if (record?.id === message.callId && record.request) {
    withheld.delete(message.callId);
    record.request = { ...record.request, body: message.body };
    return true;
  }
  // Another call is shown now: asked again if this one is shown again.
  withheld.set(message.callId, 'not asked');
  return false;
}

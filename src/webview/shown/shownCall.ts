// The call the panel shows: its record as it grows, whether it still runs, and what the live views fold it from.
import type { CallRecord } from '../../shared/callRecord';
import { MessageAccumulator } from '../live/messageAccumulator';
import { TimelineFold } from '../live/timelineFold';

export interface ShownCall {
  record: CallRecord;
  running: boolean;
  /** Builds the message from a stream's events (running streamed calls only). */
  accumulator: MessageAccumulator | undefined;
  timeline: TimelineFold;
  /** Only the first screen of a big answer, after a reload: the whole record is on its way (firstScreenGuard.ts). */
  partial?: true;
}

export function runningCall(record: CallRecord): ShownCall {
  return {
    record,
    running: true,
    accumulator: record.streamed ? new MessageAccumulator() : undefined,
    timeline: new TimelineFold(record.timeline ?? []),
  };
}

export function finishedCall(record: CallRecord, partial = false): ShownCall {
  return { record, running: false, accumulator: undefined, timeline: new TimelineFold(record.timeline ?? []), ...(partial ? { partial: true as const } : {}) };
}

/** A final record the host sent without the body: the body and the effective request the panel already has. */
export function keepBody(record: CallRecord, known: CallRecord): void {
  if (record.request && known.request && record.request.body === '') {
    record.request = { ...record.request, body: known.request.body };
  }
  record.effectiveRequest = { ...known.effectiveRequest, ...record.effectiveRequest };
}

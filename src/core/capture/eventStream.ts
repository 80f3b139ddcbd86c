// Reads a server-sent event stream, the body of a streamed call: each event parsed (as JSON when it is), into the
// accumulator and the capture's timeline, under the capture's bounds. Only events other than pings are progress: a
// server that sends pings, or trickles bytes, but no content for the timeout is stopped.
import { createParser } from 'eventsource-parser';
import type { CallCapture } from './capture';
import { MAX_STREAM_BYTES } from './captureOptions';
import { readBody } from './bodyReader';
import type { TimelineEvent } from '../../shared/callRecord';
import type { MessageAccumulator } from './messageAccumulator';

/** Reads `response`'s event stream into `accumulator` and `capture`; a failed read throws the capture's fault. */
export async function readEvents(capture: CallCapture, response: Response, accumulator: MessageAccumulator): Promise<void> {
  const decoder = new TextDecoder();
  let progressed = false;
  // Since the last event that was progress: pings, and chunks that completed no event (a trickle).
  let quiet = { pings: 0, chunks: 0 };
  const parser = createParser({
    onEvent: (message) => {
      const raw = capture.redact(message.data);
      let data: unknown = raw;
      try {
        data = JSON.parse(raw);
      } catch {
        // Keep the raw text: an inspector shows what came, even when it is not JSON.
      }
      const event: TimelineEvent = { ms: capture.elapsed(), event: message.event ?? 'message', data };
      if (capture.firstDeltaMs === undefined && event.event === 'content_block_delta') {
        capture.firstDeltaMs = event.ms;
      }
      if (event.event === 'ping') {
        quiet.pings++;
      } else {
        progressed = true;
      }
      accumulator.add(event.event, data);
      capture.addEvent(event);
    },
  });
  try {
    let endedWithCr = false;
    const feed = (text: string) => {
      if (text) {
        endedWithCr = text.endsWith('\r');
        parser.feed(text);
      }
    };
    await readBody(response.body, capture.bodyBounds(Infinity, MAX_STREAM_BYTES), (chunk) => {
      progressed = false;
      feed(decoder.decode(chunk, { stream: true }));
      quiet = progressed ? { pings: 0, chunks: 0 } : { pings: quiet.pings, chunks: quiet.chunks + 1 };
      return progressed;
    });
    feed(decoder.decode());
    if (endedWithCr) {
      // A CR alone ends a line (CR-only streams are valid), but the parser holds a last CR back in case an LF
      // follows: at the end of the body none will, so the stream's last line (often message_stop's blank line)
      // is completed here. One LF after a CR is the same line end, never an extra blank line.
      parser.feed('\n');
    }
  } catch (error) {
    const events = accumulator.events;
    const detail = quiet.pings > 0 ? ` (only pings since then)` : quiet.chunks > 0 ? ` (bytes trickled in since then, but no whole event)` : '';
    throw capture.bodyFault(error, `${events} event${events === 1 ? '' : 's'}${detail}`, events > 0 || quiet.chunks > 0);
  } finally {
    capture.bodyEndMs = capture.elapsed();
  }
}

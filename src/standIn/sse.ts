// Turns a finished Message into the server-sent events the API would have streamed for it, and those events into
// the bytes of the response, cut into writes. Accumulating the events (as the SDK's MessageStream does) gives back
// exactly the Message: that is what lets a test compare a streamed answer with the same answer as JSON.
import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import { defaultErrorMessage, errorBody } from './errors';
import { between, Rng, seededRng } from './random';
import type { ApiErrorSpec, Chunking, JsonObject, StreamOptions, WireBlock, WireMessage } from './types';

export interface StreamEvent {
  event: string;
  data: JsonObject;
}

/** The real API writes its pings with a space after the colon, unlike every other event. */
export const PING_FRAME = 'event: ping\ndata: {"type": "ping"}\n\n';

export function frame(event: string, data: JsonObject): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Cuts text into delta-sized pieces, ending pieces before a space as token deltas do, never inside a surrogate pair. */
export function splitText(text: string, rng: Rng, minChars: number, maxChars: number): string[] {
  const pieces: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + between(rng, minChars, maxChars));
    if (end < text.length) {
      const space = text.slice(end, end + 16).search(/\s/);
      if (space > 0) {
        end += space;
      }
      end = safeCut(text, end);
    }
    pieces.push(text.slice(i, end));
    i = end;
  }
  return pieces;
}

/** Moves a cut point off the middle of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/** Cuts a JSON text anywhere (inside strings too), as input_json_delta does; the first piece is empty, as in the API. */
export function splitJson(json: string, rng: Rng): string[] {
  const pieces = [''];
  if (json === '{}') {
    return pieces;
  }
  let i = 0;
  while (i < json.length) {
    const end = safeCut(json, Math.min(json.length, i + between(rng, 4, 20)));
    pieces.push(json.slice(i, end));
    i = end;
  }
  return pieces;
}

/** Usage as message_start carries it: final input and cache figures, output barely started. */
function startUsage(usage: Usage): Usage {
  return {
    ...usage,
    output_tokens: Math.min(usage.output_tokens, 1),
    output_tokens_details: usage.output_tokens_details ? { thinking_tokens: 0 } : usage.output_tokens_details,
    server_tool_use: usage.server_tool_use ? { web_search_requests: 0, web_fetch_requests: 0 } : usage.server_tool_use,
  };
}

/** Usage as message_delta carries it: the cumulative counters (the SDK overwrites its snapshot with the non-null ones). */
function deltaUsage(usage: Usage): JsonObject {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    output_tokens: usage.output_tokens,
    output_tokens_details: usage.output_tokens_details,
    server_tool_use: usage.server_tool_use,
  };
}

function blockEvents(block: WireBlock, index: number, rng: Rng, bigText: boolean): StreamEvent[] {
  const events: StreamEvent[] = [];
  const delta = (d: JsonObject) => events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } });
  const [minChars, maxChars] = bigText ? [48, 96] : [3, 24];
  switch (block.type) {
    case 'text': {
      const citations = Array.isArray(block.citations) ? (block.citations as JsonObject[]) : undefined;
      const start: WireBlock = { ...block, text: '' };
      if (citations) {
        start.citations = [];
      }
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } });
      for (const citation of citations ?? []) {
        delta({ type: 'citations_delta', citation });
      }
      for (const piece of splitText(String(block.text ?? ''), rng, minChars, maxChars)) {
        delta({ type: 'text_delta', text: piece });
      }
      break;
    }
    case 'thinking': {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, thinking: '', signature: '' } } });
      for (const piece of splitText(String(block.thinking ?? ''), rng, minChars, maxChars)) {
        delta({ type: 'thinking_delta', thinking: piece });
      }
      if (typeof block.signature === 'string' && block.signature !== '') {
        delta({ type: 'signature_delta', signature: block.signature });
      }
      break;
    }
    case 'tool_use':
    case 'server_tool_use': {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, input: {} } } });
      for (const piece of splitJson(JSON.stringify(block.input ?? {}), rng)) {
        delta({ type: 'input_json_delta', partial_json: piece });
      }
      break;
    }
    default:
      // Results, redacted thinking, uploads and types from the future arrive whole in their start event.
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: block } });
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/** The events of a streamed answer, from message_start to message_stop. `seed` fixes where deltas are cut. */
export function messageEvents(message: WireMessage, seed = 1): StreamEvent[] {
  const rng = seededRng(seed);
  const textChars = message.content.reduce((sum, b) => sum + (typeof b.text === 'string' ? b.text.length : 0), 0);
  const bigText = textChars > 200_000;
  const events: StreamEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          ...message,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          stop_details: null,
          container: null,
          usage: startUsage(message.usage),
        },
      },
    },
  ];
  message.content.forEach((block, index) => {
    // A loop, not push(...): a big answer has more deltas than a call can take arguments.
    for (const event of blockEvents(block, index, rng, bigText)) {
      events.push(event);
    }
  });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: {
        stop_reason: message.stop_reason,
        stop_sequence: message.stop_sequence,
        stop_details: message.stop_details,
        container: message.container,
      },
      usage: deltaUsage(message.usage),
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

export interface StreamPlan {
  /** The SSE text of each event, pings and the error event included, in order. */
  frames: string[];
  /** How the response ends after the last frame: normally, or by destroying the socket. */
  ending: 'end' | 'cut';
  /** For each frame, the message event it goes out with (a ping with the event after it), to pace the stream. */
  eventOf: number[];
}

function pingPositions(pings: StreamOptions['pings'], eventCount: number): Set<number> {
  if (Array.isArray(pings)) {
    return new Set(pings);
  }
  if (!pings) {
    return new Set();
  }
  // Where the real API puts its first ping (after message_start and the first content_block_start), then regularly.
  const positions = new Set<number>([Math.min(2, eventCount)]);
  for (let n = 9; n < eventCount; n += 7) {
    positions.add(n);
  }
  positions.add(Math.max(0, eventCount - 1));
  return positions;
}

export function errorEventFrame(error: ApiErrorSpec, requestId: string): string {
  return `event: error\ndata: ${errorBody(error.type, error.message ?? defaultErrorMessage(error.type), requestId)}\n\n`;
}

/** Lays out the frames of a stream: message events, pings between them, and an early error or cut if asked. */
export function planStream(events: StreamEvent[], options: StreamOptions, requestId: string): StreamPlan {
  const stopAt = Math.min(events.length, options.errorAfterEvents ?? Infinity, options.cutAfterEvents ?? Infinity);
  const pings = pingPositions(options.pings, events.length);
  const frames: string[] = [];
  const eventOf: number[] = [];
  const last = Math.max(0, events.length - 1);
  for (let n = 0; n <= stopAt; n++) {
    if (pings.has(n)) {
      frames.push(PING_FRAME);
      eventOf.push(Math.min(n, last));
    }
    if (n < stopAt) {
      frames.push(frame(events[n].event, events[n].data));
      eventOf.push(n);
    }
  }
  const { errorAfterEvents: errorAt, cutAfterEvents: cutAt } = options;
  if (errorAt !== undefined && (cutAt === undefined || errorAt <= cutAt)) {
    frames.push(errorEventFrame(options.error ?? { type: 'overloaded_error' }, requestId));
    eventOf.push(Math.min(stopAt, last));
    return { frames, ending: 'end', eventOf };
  }
  return { frames, ending: cutAt !== undefined ? 'cut' : 'end', eventOf };
}

/** For each write of chunkFrames(frames, …), the frame its first byte belongs to. */
export function chunkStarts(frames: string[], chunks: Buffer[]): number[] {
  const ends: number[] = [];
  let total = 0;
  for (const f of frames) {
    total += Buffer.byteLength(f, 'utf8');
    ends.push(total);
  }
  const starts: number[] = [];
  let offset = 0;
  let index = 0;
  for (const chunk of chunks) {
    while (index < ends.length - 1 && offset >= ends[index]) {
      index++;
    }
    starts.push(index);
    offset += chunk.length;
  }
  return starts;
}

/** Cuts the frames' bytes into writes. */
export function chunkFrames(frames: string[], chunking: Chunking = 'event'): Buffer[] {
  if (chunking === 'event') {
    return frames.map((f) => Buffer.from(f, 'utf8'));
  }
  const all = Buffer.from(frames.join(''), 'utf8');
  const chunks: Buffer[] = [];
  if ('bytes' in chunking) {
    const size = Math.max(1, Math.floor(chunking.bytes));
    for (let i = 0; i < all.length; i += size) {
      chunks.push(all.subarray(i, i + size));
    }
    return chunks;
  }
  const rng = seededRng(chunking.random);
  const maxBytes = Math.max(1, chunking.maxBytes ?? 64);
  for (let i = 0; i < all.length; ) {
    const size = between(rng, 1, maxBytes);
    chunks.push(all.subarray(i, i + size));
    i += size;
  }
  return chunks;
}

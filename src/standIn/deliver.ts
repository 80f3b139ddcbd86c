// Writes one reply (JSON, SSE stream, API error, reset, hang or raw bytes) onto an exchange, with its timing.
import { defaultErrorMessage } from './errors';
import { Exchange, lowerKeys, resetSocket, sendError, sendJson, standardHeaders, writeChunk } from './exchange';
import { jsonAnswerMs, streamEventTimes } from './family';
import { buildMessage, MessageContext } from './message';
import type { RateWindow } from './rateWindow';
import { chunkFrames, chunkStarts, messageEvents, planStream } from './sse';
import type { MessageSpec, Reply, StreamOptions } from './types';

/** What delivering needs from the running stand-in. */
export interface Delivery {
  rate: RateWindow;
  /** A delay that close() cuts short. */
  sleep(ms: number): Promise<void>;
  /** Answers a queued `canned` reply the way an unscripted call is answered. */
  answerCanned(ex: Exchange, reply: Reply & { kind: 'canned' }): Promise<void>;
}

/** Streams a message as SSE, paced or chunked as `stream` says; `cut` ends it by dropping the connection. */
export async function sendStream(d: Delivery, ex: Exchange, spec: MessageSpec, context: MessageContext, stream: StreamOptions, extra?: Record<string, string>): Promise<void> {
  const message = buildMessage(spec, context);
  d.rate.countTokens(0, message.usage.output_tokens);
  const events = messageEvents(message);
  const plan = planStream(events, stream, ex.requestId);
  ex.sent.stream = true;
  ex.sent.inputTokens = message.usage.input_tokens;
  const chunks = chunkFrames(plan.frames, stream.chunking);
  const paced = stream.pace && stream.durationMs === undefined && stream.delayMs === undefined ? stream.pace : undefined;
  // With a pace, each write waits for the moment its first event is due (measured from the request's arrival).
  const times = paced ? streamEventTimes(events, paced) : undefined;
  const due = times ? chunkStarts(plan.frames, chunks).map((f) => times[plan.eventOf[f]]) : undefined;
  if (due && chunks.length > 0) {
    await d.sleep(due[0] - (Date.now() - ex.arrived));
  }
  if (ex.gone) {
    return;
  }
  ex.sent.headersAt = Date.now();
  ex.res.writeHead(200, {
    ...standardHeaders(ex, d.rate),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...lowerKeys(extra),
  });
  ex.res.flushHeaders();
  const delay = stream.durationMs !== undefined ? stream.durationMs / Math.max(1, chunks.length - 1) : (stream.delayMs ?? 0);
  for (let i = 0; i < chunks.length; i++) {
    if (due) {
      await d.sleep(due[i] - (Date.now() - ex.arrived));
    } else if (i > 0 && delay > 0) {
      await d.sleep(delay);
    }
    if (ex.gone) {
      return;
    }
    if (ex.sent.firstTokenAt === undefined && chunks[i].includes('content_block_delta')) {
      ex.sent.firstTokenAt = Date.now();
    }
    await writeChunk(ex, chunks[i]);
  }
  if (ex.gone) {
    return;
  }
  if (stream.errorAfterEvents !== undefined && (stream.cutAfterEvents === undefined || stream.errorAfterEvents <= stream.cutAfterEvents)) {
    ex.sent.errorType = stream.error?.type ?? 'overloaded_error';
  } else if (plan.ending !== 'cut' && stream.cutAfterEvents === undefined) {
    // The whole answer went out: its usage is what the client was told.
    ex.sent.outputTokens = message.usage.output_tokens;
    ex.sent.stopReason = message.stop_reason;
  }
  if (plan.ending === 'cut') {
    ex.note += ' cut';
    ex.req.socket.destroy();
  } else {
    ex.res.end();
  }
}

/** Answers with a reply: the queued one, or the one the canned behaviour chose. */
export async function deliver(d: Delivery, ex: Exchange, reply: Reply, context: MessageContext, wantsStream: boolean): Promise<void> {
  // A queued `canned` reply carries its delay into the canned answer, which comes back through here.
  if (reply.kind !== 'canned' && 'headersDelayMs' in reply && reply.headersDelayMs) {
    await d.sleep(reply.headersDelayMs);
  }
  switch (reply.kind) {
    case 'json': {
      const message = buildMessage(reply, context);
      if (reply.pace) {
        // A paced JSON answer comes when the whole of it has been written, as the real API's does.
        await d.sleep(jsonAnswerMs(reply.pace, message.usage.output_tokens) - (Date.now() - ex.arrived));
      }
      d.rate.countTokens(0, message.usage.output_tokens);
      ex.sent.inputTokens = message.usage.input_tokens;
      ex.sent.outputTokens = message.usage.output_tokens;
      ex.sent.stopReason = message.stop_reason;
      sendJson(ex, d.rate, 200, JSON.stringify(message), reply.headers);
      return;
    }
    case 'stream':
      ex.note += ' stream';
      return sendStream(d, ex, reply, context, reply, reply.headers);
    case 'message':
      if (wantsStream) {
        ex.note += ' stream';
        return sendStream(d, ex, reply, context, reply, reply.headers);
      }
      return deliver(d, ex, { ...reply, kind: 'json', headersDelayMs: 0 }, context, false);
    case 'canned':
      return d.answerCanned(ex, reply);
    case 'error': {
      const extra: Record<string, string> = {};
      if (reply.retryAfter !== undefined) {
        extra['retry-after'] = String(reply.retryAfter);
      }
      if (reply.retryAfterMs !== undefined) {
        extra['retry-after-ms'] = String(reply.retryAfterMs);
      }
      sendError(ex, d.rate, reply.status, reply.type, reply.message ?? defaultErrorMessage(reply.type), { ...extra, ...reply.headers }, reply.shouldRetry);
      return;
    }
    case 'reset':
      await d.sleep(reply.afterMs ?? 0);
      ex.note += ' reset';
      resetSocket(ex.req.socket);
      return;
    case 'hang':
      // Nothing is sent; close() or the client ends it.
      ex.note += ' hang';
      return;
    case 'raw':
      if (!ex.gone) {
        const headers = lowerKeys(reply.headers);
        if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
          headers['content-length'] = String(Buffer.byteLength(reply.body));
        }
        ex.sent.headersAt = Date.now();
        ex.res.writeHead(reply.status, headers);
        ex.res.end(reply.body);
      }
      return;
  }
}

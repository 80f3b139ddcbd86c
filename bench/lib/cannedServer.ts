// A minimal Messages API server for timing clients: POST /v1/messages answers one canned Message, as JSON, or as
// the SSE stream the API would send for it (the stand-in's own wire format: src/standIn/sse.ts), when the body
// asks for `"stream": true`. The bytes are made once, so every answer is the same and costs the server the same.
// It runs in a worker thread: its work does not share the event loop of the client being timed.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildMessage } from '../../src/standIn/message';
import { chunkFrames, messageEvents, planStream } from '../../src/standIn/sse';

export interface CannedServer {
  url: string;
  close(): Promise<void>;
}

interface Canned {
  /** About this many characters of answer text. */
  textChars: number;
}

/** An answer text of about `chars` characters, in words (deltas end before spaces, as token deltas do). */
function answerText(chars: number): string {
  const sentence = 'The canned answer says the same thing every time, so that only the client differs. ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

function serve(canned: Canned): void {
  const message = buildMessage({ id: 'msg_01BenchCannedAnswer000', text: answerText(canned.textChars) }, { model: 'claude-sonnet-5-5', inputTokens: 20 });
  const json = Buffer.from(JSON.stringify(message));
  const frames = chunkFrames(planStream(messageEvents(message, 7), { pings: true }, 'req_011CBench').frames, 'event');
  const headers = { 'request-id': 'req_011CBench', 'anthropic-organization-id': 'org-bench' };
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/messages') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const body = Buffer.concat(parts).toString('utf8');
      if (/"stream"\s*:\s*true/.test(body)) {
        res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        res.flushHeaders();
        for (const frame of frames) {
          res.write(frame);
        }
        res.end();
      } else {
        res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(json.length) });
        res.end(json);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    parentPort?.postMessage({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, events: frames.length, jsonBytes: json.length });
  });
}

/** Starts the server in a worker thread; resolves with its URL once it listens. */
export function startCannedServer(canned: Canned): Promise<CannedServer & { events: number; jsonBytes: number }> {
  const worker = new Worker(__filename, { workerData: canned });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (info: { url: string; events: number; jsonBytes: number }) => {
      resolve({
        ...info,
        close: async () => {
          await worker.terminate();
        },
      });
    });
  });
}

if (!isMainThread && parentPort) {
  serve(workerData as Canned);
}

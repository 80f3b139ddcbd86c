// A local HTTP server that records every request byte for byte and answers with a minimal valid Message, so the
// same request can be sent by the client and by curl and the two compared.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedHttpRequest {
  method: string;
  url: string;
  /** Lower-case names; repeated headers joined with ", ". Values are the bytes as Latin-1 (one character a byte). */
  headers: Record<string, string>;
  /** Name, value, name, value… as they arrived, in order (values as Latin-1). */
  rawHeaders: string[];
  body: Buffer;
}

export interface CaptureServer {
  url: string;
  requests: CapturedHttpRequest[];
  close(): Promise<void>;
}

const MESSAGE = {
  id: 'msg_capture_server_0000000000',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5-5',
  content: [{ type: 'text', text: 'captured' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  stop_details: null,
  container: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

/** Answers a recorded request itself instead of the minimal Message (for servers that echo, stream or fail). */
export type Responder = (request: CapturedHttpRequest, res: http.ServerResponse) => void;

export async function startCaptureServer(respond?: Responder): Promise<CaptureServer> {
  const requests: CapturedHttpRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i].toLowerCase();
        headers[name] = headers[name] === undefined ? req.rawHeaders[i + 1] : `${headers[name]}, ${req.rawHeaders[i + 1]}`;
      }
      const captured = { method: req.method ?? '', url: req.url ?? '', headers, rawHeaders: [...req.rawHeaders], body: Buffer.concat(chunks) };
      requests.push(captured);
      if (respond) {
        respond(captured, res);
        return;
      }
      const body = JSON.stringify(MESSAGE);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_capture_${requests.length}` });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The project's hostile server: a stand-in for everything that can go wrong between the CLI or the extension and
// the API. The fault is chosen by the base URL's first path segment: `${url}/stall-json` makes
// POST ${url}/stall-json/v1/messages (and count_tokens, and GET models) stall. node:http only, 127.0.0.1, port 0.
import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cutFault, Endpoint, FAULTS } from './faults';

export { FAULTS, wholeAnswer } from './faults';

export interface HostileRequest {
  fault: string;
  method: string;
  /** The path after the fault segment, query included: /v1/messages, /v1/models?limit=100. */
  path: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface HostileServer {
  /** http://127.0.0.1:PORT; a base URL is `${url}/<fault>`. */
  url: string;
  /** Every request, in arrival order, including those to unknown faults. */
  requests: HostileRequest[];
  /** Ends every connection (stalled ones too) and stops listening. */
  close(): Promise<void>;
}

function endpointOf(path: string): Endpoint {
  if (path.startsWith('/v1/messages/count_tokens')) {
    return 'count_tokens';
  }
  if (path.startsWith('/v1/messages')) {
    return 'messages';
  }
  return path.startsWith('/v1/models') ? 'models' : 'other';
}

function keyOf(req: IncomingMessage): string {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') {
    return header;
  }
  return (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

export async function startHostileServer(): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://hostile');
      const [, fault = '', ...rest] = url.pathname.split('/');
      const path = `/${rest.join('/')}`;
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
      }
      requests.push({ fault, method: req.method ?? '', path: `${path}${url.search}`, headers, body });
      const play = FAULTS[fault] ?? cutFault(fault);
      if (!play) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(
          JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no fault "${fault}": use one of ${Object.keys(FAULTS).join(', ')}` } }),
        );
        return;
      }
      let stream = false;
      try {
        stream = (JSON.parse(body) as { stream?: unknown }).stream === true;
      } catch {
        // GET models has no body.
      }
      const count = seen.get(fault) ?? 0;
      seen.set(fault, count + 1);
      const address = server.address() as AddressInfo;
      play({
        req,
        res,
        socket: req.socket,
        endpoint: endpointOf(path),
        stream,
        seen: count,
        origin: `http://127.0.0.1:${address.port}`,
        query: url.searchParams,
        key: keyOf(req),
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

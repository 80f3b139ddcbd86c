// Interim (1xx) answers before the real one, from a raw TCP server: Node's HTTP client skips 103 Early Hints but
// refuses a 100 Continue it did not ask for. For send, count and models, the refusal is a clear error that names
// the 100 Continue (exit 1, each retry announced with the same reason), and an Early Hints answer goes through.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/runCli';

const KEY = ['sk', 'ant', 'interim', 'not', 'real', 'key0'].join('-');
const MESSAGE = JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [{ type: 'text', text: 'after the interim answer' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } });

/** The right answer for each endpoint, as bytes on the wire. */
function answer(target: string): string {
  const body = target.includes('count_tokens') ? '{"input_tokens": 7}' : target.includes('/v1/models') ? '{"data": [{"type": "model", "id": "claude-interim", "display_name": "Interim", "created_at": "2025-01-01T00:00:00Z"}], "has_more": false, "first_id": "claude-interim", "last_id": "claude-interim"}' : MESSAGE;
  return `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

describe('interim 1xx answers before the answer', function () {
  this.timeout(60000);
  let server: net.Server;
  let interim = '';
  let requests = 0;
  let url = '';
  let file = '';

  before(async () => {
    server = net.createServer((socket) => {
      let head = '';
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (end >= 0 && head.length >= end + 4 + length) {
          requests++;
          const target = head.split(' ')[1];
          socket.write(interim);
          setTimeout(() => socket.end(answer(target)), 20);
          head = '';
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'interim-')), 'hi.claude.json');
    fs.writeFileSync(file, '{"model": "claude-sonnet-5-5", "max_tokens": 8, "messages": [{"role": "user", "content": "hi"}]}');
  });
  after(() => {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const commands = () => [['send', file], ['count', file], ['models']];

  it('an unrequested 100 Continue (once or more) fails with an error that names it, for every command, retries said', async () => {
    for (const continues of [1, 3]) {
      interim = 'HTTP/1.1 100 Continue\r\n\r\n'.repeat(continues);
      for (const command of commands()) {
        requests = 0;
        const run = await runCli([...command, '--base-url', url, '--max-retries', '1', '--timeout', '5'], { env: { ANTHROPIC_API_KEY: KEY } });
        assert.equal(run.code, 1, `${command[0]}: ${run.stderr}`);
        assert.match(run.stderr, /100 Continue" it did not ask for[\s\S]*retrying[\s\S]*100 Continue" it did not ask for/, command[0]);
        assert.equal(requests, 2, 'one retry, as asked');
      }
    }
  });

  it('103 Early Hints before the answer: the call succeeds', async () => {
    interim = 'HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n';
    for (const command of commands()) {
      const run = await runCli([...command, '--base-url', url, '--max-retries', '0', '--timeout', '5'], { env: { ANTHROPIC_API_KEY: KEY } });
      assert.equal(run.code, 0, `${command[0]}: ${run.stderr}`);
      assert.match(run.stdout, /after the interim answer|7|claude-interim/);
    }
  });
});

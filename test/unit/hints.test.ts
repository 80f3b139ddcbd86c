// Hints are data in core and words in each face: core's text names no face's setting or flag; the CLI names its
// flags, the extension its settings (test/integration checks the panel); what core adds after a hint stays.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { sendMessage } from '../../src/core/client';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { type HintCode, hintText, NEUTRAL_KNOBS, wordHint } from '../../src/shared/hints';
import { CLI, runCli } from '../support/runCli';
import { closedPort } from '../support/closedPort';

// Not shaped like a real key: scanners and the redaction's key shapes leave it alone only by value.
const KEY = ['test', 'hints', 'key', 'not', 'real'].join('-');
const CODES: HintCode[] = ['no-answer', 'went-silent', 'trickles', 'nothing-listening', 'long-retry-after'];
const FACE = { timeout: 'TIMEOUT-KNOB', baseUrl: 'BASE-URL-KNOB', maxRetryWait: 'RETRY-WAIT-KNOB' };

const cli = (args: string[]) => runCli(args, { env: { ANTHROPIC_API_KEY: KEY } });

/** A server that takes connections and never answers; closed (with its sockets) by the returned function. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('hints as data', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;

  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.js)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-hints-'));
    file = path.join(dir, 'hello.claude.json');
    fs.writeFileSync(file, '{"messages": [{"role": "user", "content": "Hello"}]}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('core words every hint without naming a setting or a flag; a face names its own knob, keeping what follows', () => {
    for (const code of CODES) {
      const neutral = hintText(code);
      assert.doesNotMatch(neutral, /claudeInspector|--[a-z]|ANTHROPIC_/, code);
      assert.equal(hintText(code, NEUTRAL_KNOBS), neutral);
      const worded = wordHint({ hint: `${neutral} What arrived is shown, marked incomplete.`, hintCode: code }, FACE);
      assert.match(worded.hint ?? '', /TIMEOUT-KNOB|BASE-URL-KNOB|RETRY-WAIT-KNOB/, code);
      assert.ok(worded.hint?.endsWith(' What arrived is shown, marked incomplete.'), worded.hint);
    }
    // A hint without a code, or worded otherwise, is left as it is.
    const plain = { hint: 'Try again.' };
    assert.equal(wordHint(plain, FACE), plain);
    const other = { hint: 'Something else.', hintCode: 'no-answer' as const };
    assert.equal(wordHint(other, FACE), other);
  });

  it('a call that gets no answer carries the hint as data, in neutral words', async () => {
    const server = await silentServer();
    try {
      const record = await sendMessage(effectiveRequest({ messages: [{ role: 'user', content: 'x' }] }, { model: 'claude-sonnet-5-5', maxTokens: 16, stream: false }), {
        apiKey: KEY,
        baseUrl: server.url,
        timeoutMs: 300,
        maxRetries: 0,
        source: { kind: 'cli' },
      });
      assert.equal(record.error?.kind, 'timeout');
      assert.equal(record.error?.hintCode, 'no-answer');
      assert.equal(record.error?.hint, hintText('no-answer'));
    } finally {
      await server.close();
    }
  });

  it('the CLI names its flags in hints, never the extension\'s settings', async () => {
    const refused = await cli(['send', file, '--base-url', `http://127.0.0.1:${await closedPort()}`, '--max-retries', '0']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /ECONNREFUSED[^\n]*\n {2}Nothing is listening there: check the base URL \(--base-url or ANTHROPIC_BASE_URL\), or start the server\.\n/);
    const server = await silentServer();
    try {
      for (const command of ['send', 'count']) {
        const slow = await cli([command, file, '--base-url', server.url, '--timeout', '0.3', '--max-retries', '0']);
        assert.equal(slow.code, 1, command);
        assert.match(slow.stderr, /\n {2}Raise the timeout \(--timeout\), or stream the request\.\n/, `${command}: ${slow.stderr}`);
        assert.doesNotMatch(slow.stderr, /claudeInspector/);
      }
    } finally {
      await server.close();
    }
  });
});

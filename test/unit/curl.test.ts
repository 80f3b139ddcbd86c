import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sendMessage } from '../../src/core/client';
import { curlOf, isOmittedFromCurl, shellQuote, toCurl } from '../../src/core/code/curl';
import { Redactor } from '../../src/core/secrets/redact';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { CaptureServer, startCaptureServer } from '../support/captureServer';
import { HOSTILE } from '../support/hostileText';
import { findShell } from '../support/shells';

const run = promisify(execFile);
const KEY = 'sk-ant-fake-curl-test-key-not-real-0123456789abcdef';


const SHELLS = (['bash', 'zsh'] as const).map((name) => ({ name, path: findShell(name) }));

describe('curl', () => {
  describe('writing', () => {
    it('quotes with single quotes, escaping each quote', () => {
      assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    });

    it('writes the key as $ANTHROPIC_API_KEY, leaves out telemetry, and adds --no-buffer for streams', () => {
      const curl = toCurl(
        {
          method: 'POST',
          url: 'https://api.anthropic.com/v1/messages',
          headers: {
            'x-stainless-os': 'Linux',
            'user-agent': 'Anthropic/JS 1.12.0',
            authorization: 'Bearer $ANTHROPIC_API_KEY',
            'anthropic-version': '2026-10-21',
            'anthropic-beta': 'some-beta-2026-01-01',
          },
          body: '{"a":1}',
          masked: { authorization: { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' } },
        },
        { streamed: true },
      );
      assert.equal(
        curl,
        [
          `curl 'https://api.anthropic.com/v1/messages'`,
          '--no-buffer',
          `-H 'authorization: Bearer '"$ANTHROPIC_API_KEY"`,
          `-H 'anthropic-version: 2026-10-21'`,
          `-H 'anthropic-beta: some-beta-2026-01-01'`,
          `--data-binary '{"a":1}'`,
        ].join(' \\\n  '),
      );
    });

    it('never reads a file for a body starting with @', () => {
      assert.match(toCurl({ method: 'POST', url: 'http://x', headers: {}, body: '@/etc/passwd' }), /--data-raw '@\/etc\/passwd'$/);
    });

    it('escapes control characters with $\'\\NNN\' and keeps visible text in single quotes', () => {
      const curl = toCurl({ method: 'POST', url: 'http://x', headers: {}, body: `a\tb\x7f\u0085!'c\u202e` });
      assert.equal(curl.split('--data-binary ')[1], `'a'$'\\011''b'$'\\177\\302\\205''!'\\''c'$'\\342\\200\\256'`);
    });

    it('sends an empty header as "name;" (curl drops "name:"), and turns URL globbing off for brackets', () => {
      const curl = toCurl({ method: 'POST', url: 'http://[::1]:9/v1/messages', headers: { 'x-empty': '' }, body: '{}' });
      assert.match(curl, /-H 'x-empty;'/);
      assert.match(curl, /--globoff/);
    });

    it('writes a body above 100 KiB through printf and a here-document into standard input, in short lines', () => {
      const body = `{"text":"${'x%\\!'.repeat(50_000)}CLAUDE_BODY"}`;
      const curl = toCurl({ method: 'POST', url: 'http://x', headers: {}, body });
      assert.match(curl, /^printf "\$\(tr -d '\\n' <<'CLAUDE_BODY_1'\n/);
      assert.match(curl, /\nCLAUDE_BODY_1\n\)" \|\ncurl 'http:\/\/x'/);
      assert.match(curl, /--data-binary @-$/);
      assert.ok(curl.split('\n').every((line) => line.length <= 500));
    });

    it('says when text shaped like a secret is masked in the body, small or large, and only then', () => {
      const shapes = [`a key ${['sk', 'ant', 'api03', 'someone', 'elses'].join('-')} here`, 'see https://admin:hunter2@db.example/x', 'ftp://token123@host'];
      const secrets = new Redactor([{ value: KEY, variable: 'ANTHROPIC_API_KEY' }]);
      for (const shape of shapes) {
        for (const padding of ['', 'p'.repeat(150_000)]) {
          const body = JSON.stringify({ text: `${padding}${shape}` });
          const curl = curlOf({ method: 'POST', url: 'http://x', headers: {}, body }, { redactor: secrets });
          assert.equal(curl.bodyMasked, true, shape);
          assert.ok(!curl.command.includes('hunter2') && !curl.command.includes('elses') && !curl.command.includes('token123'), shape);
        }
      }
      // The key in play is read from its variable (byte-exact), and a clean body is left as it is: nothing to say.
      for (const body of [JSON.stringify({ note: KEY }), JSON.stringify({ text: 'http://example.com/a@b and sk_ant_x' })]) {
        assert.equal(curlOf({ method: 'POST', url: 'http://x', headers: {}, body }, { redactor: secrets }).bodyMasked, false, body);
      }
    });
  });

  describe('run by a shell against a capture server', function () {
    this.timeout(30000);
    let server: CaptureServer;
    const savedCustom = process.env.ANTHROPIC_CUSTOM_HEADERS;

    before(async () => {
      server = await startCaptureServer();
    });
    after(async () => {
      await server.close();
      process.env.ANTHROPIC_CUSTOM_HEADERS = savedCustom;
      if (savedCustom === undefined) {
        delete process.env.ANTHROPIC_CUSTOM_HEADERS;
      }
    });

    for (const { name: shell, path: shellPath } of SHELLS) {
      it(`has ${shell}`, () => {
        // Loudly: the curl is promised for bash and zsh; a missing shell is a failure, not a silent skip.
        assert.ok(shellPath, `${shell} is not installed (looked in /usr/bin, /bin and $CLAUDE_INSPECTOR_ZSH): install it (apt-get install ${shell})`);
      });
      for (const streamed of [false, true]) {
        it(`${shell}: sends the same body bytes and headers as the client did${streamed ? ' (streamed)' : ''}, on hostile text`, async () => {
          server.requests.length = 0;
          // A custom header through the SDK's own ANTHROPIC_CUSTOM_HEADERS, hostile as header values can be.
          process.env.ANTHROPIC_CUSTOM_HEADERS = `x-team-note: it's "$(quoted)" \`tick\` \\ $HOME !!`;
          const request = effectiveRequest(
            {
              model: 'claude-sonnet-5-5',
              max_tokens: 64,
              system: HOSTILE,
              messages: [{ role: 'user', content: HOSTILE }],
              metadata: { user_id: `'; rm -rf / #` },
            },
            { model: 'unused', maxTokens: 1, stream: false },
          );
          // The capture server answers JSON; a streamed call fails to parse it, which is fine: the request went out.
          const record = await sendMessage({ ...request, streamed }, {
            apiKey: KEY,
            baseUrl: server.url,
            maxRetries: 0,
            source: { kind: 'cli' },
          });
          assert.ok(record.curl, 'a curl was made');
          assert.ok(!record.curl.includes(KEY), 'the key is not in the curl');
          assert.equal(server.requests.length, 1);
          assert.ok(shellPath, `${shell} is not installed`);
          await run(shellPath, ['-c', `${record.curl} --silent --output /dev/null`], {
            env: { ...process.env, ANTHROPIC_API_KEY: KEY },
          });
          assert.equal(server.requests.length, 2, 'curl reached the capture server');
          const [fromClient, fromCurl] = server.requests;
          assert.equal(fromCurl.method, fromClient.method);
          assert.equal(fromCurl.url, fromClient.url);
          assert.ok(fromCurl.body.equals(fromClient.body), 'body bytes are identical');
          // Every header the SDK handed to fetch (undici adds its own, like accept-language, which curl need not copy).
          const meaningful = Object.keys(record.request!.headers).filter((name) => !isOmittedFromCurl(name));
          assert.ok(meaningful.includes('anthropic-version') && meaningful.includes('content-type'));
          for (const name of meaningful) {
            assert.equal(fromCurl.headers[name], fromClient.headers[name], `header ${name} is the same`);
          }
          assert.equal(fromCurl.headers.authorization, `Bearer ${KEY}`, 'the shell expanded the key');
          assert.equal(fromCurl.headers['x-team-note'], fromClient.headers['x-team-note']);
        });
      }
    }
  });
});

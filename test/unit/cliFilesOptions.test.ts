// The CLI's options and commands checked before anything is sent, through the built dist/cli.js against the
// stand-in: a base URL with a query, fragment, credentials or another scheme; out-of-bounds numbers; each command's
// help and our usage message; count's context window and cost. cliFiles.test.ts checks the files themselves.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { COMMAND_HELP } from '../../src/cli/usage';
import { cli, useCliFilesSuite } from '../support/cliFilesSuite';

describe('CLI: request files are checked as the editor checks them', function () {
  this.timeout(120_000);
  const suite = useCliFilesSuite();
  const { file, refused, hello } = suite;

  it('refuses a base URL with a query, a fragment, credentials or another scheme, from the option or the environment', async () => {
    const secret = 'pw-not-real-0123456789';
    const target = file(hello);
    const cases: [string, string][] = [
      [`${suite.standIn.url}/?route=x`, 'it has a query (?…): the request path would be appended after it and the call would go to another path'],
      [`${suite.standIn.url}#${secret}`, 'it has a fragment (#…): the request path would be appended after it and never be sent'],
      [suite.standIn.url.replace('http://', `http://user:${secret}@`), 'it contains credentials (user:password@): they are not sent that way; pass a token with ANTHROPIC_CUSTOM_HEADERS instead'],
      [suite.standIn.url.replace('http://', 'ftp://'), 'it must start with http:// or https://'],
      ['not a url', 'it contains spaces or control characters'],
      ['127.0.0.1:9', 'it must start with http:// or https://'],
    ];
    const commands = ['send', 'count', 'models', 'curl'];
    for (const [i, [url, problem]] of cases.entries()) {
      for (const [j, [args, extraEnv, source]] of ([
        [['--base-url', url], {}, '--base-url'],
        [[], { ANTHROPIC_BASE_URL: url }, 'ANTHROPIC_BASE_URL'],
      ] as const).entries()) {
        for (const command of [commands[(i * 2 + j) % 4]]) {
          const run = await cli(command === 'models' ? [command, ...args] : [command, target, ...args], { ...suite.env, ...extraEnv });
          refused(run, `${command} ${url}`);
          assert.equal(run.stderr, `claude-inspector: the base URL (${source}) cannot be used: ${problem}\n`);
          assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret));
        }
      }
    }
  });

  it('refuses a timeout a timer cannot hold, and other out-of-bounds numbers, before anything else', async () => {
    const target = file(hello);
    const cases: [string[], RegExp][] = [
      [['--timeout', '0'], /^--timeout must be more than 0 seconds \(got "0"\)$/],
      [['--timeout', '-5'], /^--timeout must be a number of seconds/],
      [['--timeout', 'soon'], /^--timeout must be a number of seconds, such as 30 or 2\.5 \(got "soon"\)$/],
      [['--timeout', '2147484'], /^--timeout can be at most 2147483 seconds/],
      [['--timeout=1e9'], /^--timeout must be a number of seconds/],
      [['--timeout', 'Infinity'], /^--timeout must be a number of seconds/],
      [['--max-retries', '-1'], /^--max-retries must be a whole number from 0 to 100/],
      [['--max-retries', '1000'], /^--max-retries must be from 0 to 100/],
      [['--max-tokens', '1.5'], /^--max-tokens must be a whole number/],
      [['--max-tokens', '99999999999'], /^--max-tokens must be from 0 to 2147483647/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['send', target, '--base-url', suite.standIn.url, ...args], suite.env);
      refused(run, args.join(' '));
      assert.match(run.stderr.replace(/^claude-inspector: /, '').trimEnd(), message);
    }
    // A number with spaces around it, empty, in another notation: refused by name and value, not read as a number.
    const loose: [string[], RegExp][] = [
      [['--timeout', ' 1 '], /^--timeout must be a number of seconds, such as 30 or 2\.5 \(got " 1 "\)$/],
      [['--timeout='], /^--timeout must be a number of seconds, such as 30 or 2\.5 \(got ""\)$/],
      [['--timeout', '1e3'], /^--timeout must be a number of seconds, such as 30 or 2\.5 \(got "1e3"\)$/],
      [['--max-retries', ' 2'], /^--max-retries must be a whole number from 0 to 100 \(got " 2"\)$/],
      [['--max-retries', '+5'], /^--max-retries must be a whole number from 0 to 100 \(got "\+5"\)$/],
      [['--max-retries', '0x10'], /^--max-retries must be a whole number from 0 to 100 \(got "0x10"\)$/],
      [['--max-retry-wait', '1_000'], /^--max-retry-wait must be a number of seconds, 0 or more \(got "1_000"\)$/],
      [['--max-retry-wait', ''], /^--max-retry-wait must be a number of seconds, 0 or more \(got ""\)$/],
      [['--max-tokens', '1024 '], /^--max-tokens must be a whole number from 0 to 2147483647 \(got "1024 "\)$/],
    ];
    for (const [args, message] of loose) {
      const run = await cli(['send', target, '--base-url', suite.standIn.url, ...args], suite.env);
      refused(run, JSON.stringify(args));
      assert.match(run.stderr.replace(/^claude-inspector: /, '').trimEnd(), message);
    }
    const longest = await cli(['send', target, '--base-url', suite.standIn.url, '--timeout', '2147483'], suite.env);
    assert.equal(longest.code, 0, longest.stderr);
  });

  it('gives each command its help, and answers unknown commands and options with our usage message', async () => {
    for (const command of Object.keys(COMMAND_HELP) as (keyof typeof COMMAND_HELP)[]) {
      const texts = new Set<string>();
      for (const args of [[command, '--help'], ['help', command], [command, '-h'], ['--help', command], [command, 'x.json', '--json', '--help']]) {
        const run = await cli(args, {});
        assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
        texts.add(run.stdout);
      }
      assert.equal(texts.size, 1, `${command}: one help text whatever the way it is asked`);
      const [help] = texts;
      assert.ok(help.startsWith(`claude-inspector ${command}: `));
      assert.match(help, new RegExp(`Usage: claude-inspector ${command} `));
      assert.match(help, /\nOptions:\n/);
      assert.match(help, new RegExp(`\\nExample:\\n  claude-inspector ${command} `));
    }
    const general = await cli(['--help'], {});
    assert.match(general.stdout, /claude-inspector help COMMAND/);
    const cases: [string[], string][] = [
      [['send', 'x.json', '--modle', 'm'], 'unknown option --modle for send: did you mean --model? (see claude-inspector send --help)'],
      [['count', 'x.json', '--jsno'], 'unknown option --jsno for count: did you mean --json? (see claude-inspector count --help)'],
      [['models', '--stream'], '--stream is not an option of models (it is for send, curl and code)'],
      [['sedn', 'x.json'], 'unknown command "sedn": did you mean send? (commands: send, curl, code, count, models, compare, history, help; see --help)'],
      [['help', 'launch'], 'no help for "launch": the commands are send, curl, code, count, models, compare and history'],
      [['send', 'x.json', '-x'], 'unknown option -x for send (see claude-inspector send --help)'],
      [['send', 'x.json', '--timeout'], '--timeout needs a value'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, {});
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr, `claude-inspector: ${message}\n`);
    }
  });

  it('count shows the context window and the cost, and leaves the window out quietly when the API does not say', async () => {
    const target = file(hello);
    const run = await cli(['count', target, '--base-url', suite.standIn.url], suite.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d+ input tokens of 1,000,000 \(0\.0% of claude-sonnet-5-5's context window\)\nCost: \$[\d.e-]+ input, at most \$[\d.]+ with max_tokens 1024\.\n$/);
    assert.ok(suite.standIn.requests.some((r) => r.path === '/v1/models/claude-sonnet-5-5'), 'GET /v1/models/{id}');
    const json = JSON.parse((await cli(['count', target, '--base-url', suite.standIn.url, '--json', '--model', 'claude-haiku-5-5'], suite.env)).stdout);
    assert.equal(json.contextWindow, 200_000);
    // A server with count_tokens and no models endpoint: the count is still shown, without a window, exit 0.
    const server = http.createServer((req, res) => {
      req.resume();
      if (req.method === 'POST' && req.url === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"input_tokens": 7}');
      } else {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>no</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const quiet = await cli(['count', target, '--base-url', url], suite.env);
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.equal(quiet.stderr, '');
      assert.match(quiet.stdout, /^7 input tokens \(claude-sonnet-5-5: the API did not say its context window\)\nCost: /);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

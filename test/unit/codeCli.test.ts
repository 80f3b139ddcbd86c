// claude-inspector code, as the issue will be checked from outside: the built CLI prints a snippet for a request
// file (nothing sent), the snippet is run (TypeScript by node, httpx by python3, curl by bash on a body above 128
// KiB) against a capture server, and what arrives is compared with what `claude-inspector send` put on the wire.
// Also: the SDK facts the snippets rely on still match the installed SDK, and --lang is checked like every option.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KNOWN_BETA_FIELDS, KNOWN_FIELDS } from '../../src/core/code/sdkFacts';
import { isOmittedFromCurl } from '../../src/core/code/curl';
import { CaptureServer, startCaptureServer } from '../support/captureServer';
import { HOSTILE } from '../support/hostileText';
import { httpxProblem, runPython, runTypescript, snippetEnv } from '../support/snippetRunners';
import { findShell, runShell } from '../support/shells';
import { runCli } from '../support/runCli';

const SDK = path.resolve(__dirname, '../../../node_modules/@anthropic-ai/sdk');
const KEY = ['sk', 'ant', 'fake', 'code', 'cli', 'key', 'not', 'real', 'POIUYTREWQ0123456789'].join('-');

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env });

/** The body fields of an interface in the installed SDK's types. */
function sdkFields(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(SDK, file), 'utf8');
  const start = text.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `${name} in ${file}`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return [...body.matchAll(/^ {4}([a-z_]+)\??:/gm)].map((m) => m[1]).filter((f) => f !== 'betas');
}

describe('claude-inspector code', function () {
  this.timeout(120_000);
  let server: CaptureServer;
  let dir: string;
  let file: string;

  before(async () => {
    server = await startCaptureServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-code-cli-'));
    file = path.join(dir, 'big.claude.json');
    // Above 128 KiB, the kernel's limit for one argument: the curl must take its printf form.
    fs.writeFileSync(file, JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 16, future_field: { on: true }, system: HOSTILE, messages: [{ role: 'user', content: `${HOSTILE} ${'🧪 long text '.repeat(12000)}` }] }));
    assert.ok(fs.statSync(file).size > 128 * 1024);
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('knows the body fields of the installed SDK\'s types (fields beyond them go through extra_body or a cast)', () => {
    assert.deepStrictEqual([...KNOWN_FIELDS].sort(), sdkFields('resources/messages/messages.d.ts', 'MessageCreateParamsBase').sort());
    assert.deepStrictEqual([...KNOWN_BETA_FIELDS].sort(), sdkFields('resources/beta/messages/messages.d.ts', 'MessageCreateParamsBase').sort());
  });

  it('checks --lang: missing, unknown (with the nearest), and lists the languages; exit 2, nothing sent', async () => {
    const missing = await cli(['code', file]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /code needs --lang: one of curl, cmd, powershell, python, typescript, python-httpx, http/);
    const typo = await cli(['code', file, '--lang', 'pyhton']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown language "pyhton": did you mean python\?/);
    const elsewhere = await cli(['send', file, '--lang', 'python']);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /--lang is not an option of send \(it is for code\)/);
    assert.equal(server.requests.length, 0);
  });

  for (const language of ['typescript', 'python-httpx', 'curl'] as const) {
    it(`--lang ${language}: the printed code, run, sends what send sends (body above 128 KiB)`, async () => {
      if (language === 'python-httpx') {
        const problem = await httpxProblem();
        assert.equal(problem, undefined, problem);
      }
      server.requests.length = 0;
      const sent = await cli(['send', file, '--base-url', server.url, '--json'], { ANTHROPIC_API_KEY: KEY });
      assert.equal(sent.code, 0, sent.stderr);
      const printed = await cli(['code', file, '--lang', language, '--base-url', server.url], { ANTHROPIC_API_KEY: KEY });
      assert.equal(printed.code, 0, printed.stderr);
      assert.ok(!printed.stdout.includes(KEY), 'the key is never inline');
      assert.equal(server.requests.length, 1, 'code sends nothing');
      const env = snippetEnv({ ANTHROPIC_API_KEY: KEY });
      const ran =
        language === 'typescript'
          ? await runTypescript(printed.stdout, env)
          : language === 'python-httpx'
            ? await runPython(printed.stdout, env)
            : await runShell(findShell('bash')!, `${printed.stdout.trimEnd()} --silent --output /dev/null\n`, { env, timeoutMs: 30_000 });
      assert.equal(ran.code, 0, ran.stderr.slice(0, 2000));
      assert.equal(server.requests.length, 2, 'the code reached the capture server');
      const [fromSend, fromCode] = server.requests;
      assert.equal(fromCode.url, fromSend.url);
      assert.deepStrictEqual(JSON.parse(fromCode.body.toString('utf8')), JSON.parse(fromSend.body.toString('utf8')));
      const meaningful = Object.keys(fromSend.headers).filter((name) => !isOmittedFromCurl(name) && !['accept-language', 'sec-fetch-mode'].includes(name));
      for (const name of meaningful) {
        assert.equal(fromCode.headers[name], fromSend.headers[name], `header ${name}`);
      }
    });
  }

  it('--lang python names the SDK major that sends the same anthropic-version, and takes the key from the environment', async () => {
    const printed = await cli(['code', file, '--lang', 'python', '--timeout', '30', '--max-retries', '5'], { ANTHROPIC_API_KEY: KEY });
    assert.equal(printed.code, 0, printed.stderr);
    const lines = printed.stdout.split('\n');
    assert.match(lines[0], /^# The Python SDK, anthropic 2\.x, sends anthropic-version 2026-10-21, as this request did\.$/);
    assert.match(printed.stdout, /client = anthropic\.Anthropic\(\n {4}timeout=30,\n {4}max_retries=5,\n\)/);
    assert.match(printed.stdout, /extra_body=\{"future_field": \{"on": True\}\}/);
    assert.ok(!printed.stdout.includes(KEY));
  });
});

// What an outside check of the code snippets found, as classes of request, each run against a capture server or
// read back by the language itself:
//  - text of the request that a comment shows (fields the SDK does not know, an anthropic-version no SDK line sends)
//    never ends the comment: the snippet still parses and sends every field (a newline in a name made the rest of
//    the line code);
//  - a call that does not stream with a max_tokens the SDKs refuse without a timeout ("Streaming is required") runs;
//  - raw HTTP, its $VARIABLEs put in and its bytes sent over a socket, arrives as the request did (a secret in the
//    body was masked while content-length counted the original, and the server waited for bytes that never came).
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as ts from 'typescript';
import { codeSnippet } from '../../src/core/code';
import { Redactor } from '../../src/core/secrets/redact';
import type { CapturedRequest } from '../../src/shared/callRecord';
import { seededRng } from '../../src/standIn/random';
import { startCaptureServer, type CaptureServer } from '../support/captureServer';
import { CONTROL, HOSTILE, HOSTILE_BITS, UNICODE } from '../support/hostileText';
import { readPythonCall, runTypescript, snippetEnv } from '../support/snippetRunners';

const SEED = Number(process.env.CODE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Built so that no scanner takes them for real secrets. */
const KEY = ['sk', 'ant', 'fake', 'outside', 'check', 'not', 'real', 'POIUYTREWQ0123456789'].join('-');
const GATEWAY = ['gateway', 'token', 'fake', 'LKJHGFDSA987654321'].join('_');

function secrets(): Redactor {
  const redactor = new Redactor();
  redactor.add({ value: KEY, variable: 'ANTHROPIC_API_KEY' });
  redactor.add({ value: GATEWAY, variable: 'CLAUDE_HEADER_X_GATEWAY_TOKEN' });
  return redactor;
}

function capture(url: string, body: unknown, headers: Record<string, string> = {}): CapturedRequest {
  return {
    method: 'POST',
    url: `${url}/v1/messages`,
    headers: {
      accept: 'application/json',
      'anthropic-version': '2026-10-21',
      authorization: 'Bearer $ANTHROPIC_API_KEY',
      'content-type': 'application/json',
      'x-gateway-token': '$CLAUDE_HEADER_X_GATEWAY_TOKEN',
      ...headers,
    },
    masked: { authorization: { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' }, 'x-gateway-token': { variable: 'CLAUDE_HEADER_X_GATEWAY_TOKEN' } },
    body: JSON.stringify(body),
  };
}

const ENV = { ANTHROPIC_API_KEY: KEY, CLAUDE_HEADER_X_GATEWAY_TOKEN: GATEWAY };

/** Hostile names: the corpus's bits, controls and Unicode, and seeded mixes of them. */
function hostileNames(count: number): string[] {
  const next = seededRng(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const names = new Set([...HOSTILE_BITS, ...CONTROL, ...UNICODE, HOSTILE, `x\nimport os; os.system("echo pwned")\n#`, `x\nprocess.exit(3)\n//`]);
  for (let i = 0; i < count; i++) {
    let name = '';
    for (let j = 0, n = 1 + Math.floor(next() * 6); j < n; j++) {
      name += pick([pick(HOSTILE_BITS), pick(CONTROL), pick(UNICODE), 'word']);
    }
    names.add(name);
  }
  // Known field names would not be "unknown": keep only the others.
  return [...names].filter((name) => !['model', 'max_tokens', 'messages', 'stream', 'system'].includes(name));
}

/**
 * The raw HTTP snippet with its $VARIABLEs put in (in the body only when its note says the body has them), as bytes,
 * sent over a socket; resolves with the answer.
 */
function sendRaw(text: string, port: number, env: Record<string, string>, fillBody: boolean): Promise<string> {
  // As a shell reads them: ${NAME}, or $NAME up to the end of the name.
  const fill = (part: string) =>
    part.replace(/\$\{(ANTHROPIC_API_KEY|CLAUDE_HEADER_[A-Z0-9_]+)\}|\$(ANTHROPIC_API_KEY|CLAUDE_HEADER_[A-Z0-9_]+)\b/g, (whole, braced?: string, bare?: string) => env[(braced ?? bare)!] ?? whole);
  const end = text.indexOf('\r\n\r\n');
  const head = `${fill(text.slice(0, end))}\r\nconnection: close\r\n\r\n`;
  const bytes = Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(fillBody ? fill(text.slice(end + 4)) : text.slice(end + 4), 'utf8')]);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 10 s: the server is still waiting for the body (${answer.slice(0, 100)})`));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

describe('code snippets, checked from outside', function () {
  this.timeout(120_000);
  let server: CaptureServer;
  before(async () => {
    server = await startCaptureServer();
  });
  after(async () => {
    await server.close();
  });

  it(`keeps text of the request shown in a comment from ending it (seed ${SEED})`, async () => {
    const names = hostileNames(40);
    const body: Record<string, unknown> = { model: 'claude-haiku-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };
    names.forEach((name, i) => (body[name] = i));
    // An anthropic-version no SDK line sends is named in the first comment: Latin-1 and quotes in it.
    const request = capture(server.url, body, { 'anthropic-version': "2099-01-01 \u00e9\u00a0'\"#//" });
    const python = codeSnippet(request, 'python', { redactor: secrets() }).text;
    const call = await readPythonCall(python, ENV);
    assert.deepStrictEqual(call.body, body, 'python: every field, none turned into code');
    const typescript = codeSnippet(request, 'typescript', { redactor: secrets() }).text;
    const out = ts.transpileModule(typescript, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
    assert.deepStrictEqual(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
    server.requests.length = 0;
    const result = await runTypescript(typescript, snippetEnv(ENV));
    assert.equal(result.code, 0, result.stderr.slice(0, 2000));
    assert.equal(server.requests.length, 1, 'one request');
    assert.deepStrictEqual(JSON.parse(server.requests[0].body.toString('utf8')), body, 'typescript: every field, none turned into code');
    for (const text of [python, typescript]) {
      assert.ok(!text.includes(KEY) && !text.includes(GATEWAY), 'no secret inline');
    }
  });

  it('never shows a secret held in a field name in the comment', () => {
    const body = { model: 'm', max_tokens: 8, messages: [], [`field ${KEY}`]: 1, [`x ${GATEWAY}\n`]: 2 };
    for (const language of ['python', 'typescript'] as const) {
      const text = codeSnippet(capture(server.url, body), language, { redactor: secrets() }).text;
      assert.ok(!text.includes(KEY) && !text.includes(GATEWAY), `${language}: no secret inline`);
      assert.match(text, /\(text holding a secret\)/);
    }
  });

  it('sends a body field the SDK itself takes as an option ("betas") with an anthropic-beta header', async () => {
    // client.beta.messages would take "betas" out of the body into the header: the field would be lost.
    for (const betas of [['not-a-header'], 'text', null]) {
      const body = { model: 'claude-haiku-5-5', max_tokens: 8, betas, messages: [{ role: 'user', content: 'hi' }] };
      const request = capture(server.url, body, { 'anthropic-beta': 'files-api-2025-04-14,tools-2026-01-01' });
      server.requests.length = 0;
      const result = await runTypescript(codeSnippet(request, 'typescript', { redactor: secrets() }).text, snippetEnv(ENV));
      assert.equal(result.code, 0, result.stderr.slice(0, 2000));
      assert.deepStrictEqual(JSON.parse(server.requests[0].body.toString('utf8')), body);
      assert.equal(server.requests[0].headers['anthropic-beta'], 'files-api-2025-04-14,tools-2026-01-01');
      const call = await readPythonCall(codeSnippet(request, 'python', { redactor: secrets() }).text, ENV);
      assert.deepStrictEqual(call.body, body);
      assert.equal(call.betas?.join(',') ?? call.headers['anthropic-beta'], 'files-api-2025-04-14,tools-2026-01-01');
    }
  });

  for (const maxTokens of [21_334, 64_000, 128_000]) {
    it(`runs a call that does not stream with max_tokens ${maxTokens} (the SDKs refuse it without a timeout)`, async () => {
      const body = { model: 'claude-opus-5-5', max_tokens: maxTokens, messages: [{ role: 'user', content: 'long' }] };
      const request = capture(server.url, body);
      server.requests.length = 0;
      const result = await runTypescript(codeSnippet(request, 'typescript', { redactor: secrets() }).text, snippetEnv(ENV));
      assert.equal(result.code, 0, result.stderr.slice(0, 2000));
      assert.equal(server.requests.length, 1, 'one request');
      assert.deepStrictEqual(JSON.parse(server.requests[0].body.toString('utf8')), body);
      assert.equal(server.requests[0].headers['x-stainless-timeout'], '600', 'the default timeout, as send used');
      const python = codeSnippet(request, 'python', { redactor: secrets() }).text;
      assert.match(python, /\n {4}timeout=600,\n/);
      assert.deepStrictEqual((await readPythonCall(python, ENV)).body, body);
      // Streamed, the SDKs take any max_tokens: no timeout is added.
      const streamed = codeSnippet(capture(server.url, { ...body, stream: true }), 'typescript', { redactor: secrets() }).text;
      assert.ok(!/timeout:/.test(streamed), streamed);
    });
  }

  it('sends raw HTTP, its $VARIABLEs put in, as the request went: secrets in headers and body, hostile text, above 128 KiB', async () => {
    const next = seededRng(SEED + 1);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const texts = [
      `my key is ${KEY}, and the gateway's ${GATEWAY}; ${HOSTILE}`,
      HOSTILE,
      `${HOSTILE}${'🧪 long text '.repeat(12_000)}${KEY}`,
      // A secret run on by text that could be more of its variable's name.
      `${KEY}_2 ${GATEWAY}ABC ${KEY}${GATEWAY}x`,
      ...Array.from({ length: 10 }, () => Array.from({ length: 8 }, () => pick([pick(HOSTILE_BITS), pick(CONTROL), pick(UNICODE), KEY, GATEWAY])).join('')),
    ];
    const url = new URL(server.url);
    for (const text of texts) {
      const body = { model: 'claude-haiku-5-5', max_tokens: 8, messages: [{ role: 'user', content: text }] };
      const request = capture(server.url, body);
      const snippet = codeSnippet(request, 'http', { redactor: secrets() });
      assert.ok(!snippet.text.includes(KEY) && !snippet.text.includes(GATEWAY), 'no secret inline');
      const hasSecret = text.includes(KEY) || text.includes(GATEWAY);
      assert.equal(snippet.note !== undefined, hasSecret, 'a note exactly when the body holds a $VARIABLE');
      const literal = /\$\{?(ANTHROPIC_API_KEY|CLAUDE_HEADER_[A-Z0-9_]+)/.exec(JSON.stringify(text));
      if (hasSecret && literal) {
        // The request's own text reads like a placeholder: putting values in everywhere would change it. The note
        // says which text to leave as it is; the bytes are not sent blindly.
        assert.ok(snippet.note!.includes(`holds the text ${literal[0]}`), snippet.note);
        continue;
      }
      server.requests.length = 0;
      const answer = await sendRaw(snippet.text, Number(url.port), ENV, hasSecret);
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.equal(server.requests.length, 1);
      const arrived = server.requests[0];
      assert.ok(arrived.body.equals(Buffer.from(request.body, 'utf8')), 'the body, byte for byte');
      assert.equal(arrived.headers.authorization, `Bearer ${KEY}`);
      assert.equal(arrived.headers['x-gateway-token'], GATEWAY);
      assert.equal(arrived.headers['anthropic-version'], '2026-10-21');
      assert.equal(arrived.url, '/v1/messages');
    }
  });
});

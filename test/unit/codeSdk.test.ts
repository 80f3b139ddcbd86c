// How a captured request maps onto the SDKs, by class of request: the SDK line named by anthropic-version (and the
// key header it sends itself), a version no line sends, betas the SDK's `betas` can or cannot reproduce, keys a
// TypeScript literal would misread, the client's settings, and Python without the SDK for a lone surrogate; and the
// TypeScript type-checks against the installed SDK's types.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeSnippet } from '../../src/core/code';
import { Redactor } from '../../src/core/secrets/redact';
import type { CapturedRequest } from '../../src/shared/callRecord';
import { run, tempProject } from '../support/snippetRunners';

const secrets = new Redactor();

function request(headers: Record<string, string>, body: unknown, url = 'https://api.anthropic.com/v1/messages'): CapturedRequest {
  const key = headers['x-api-key'] !== undefined ? 'x-api-key' : 'authorization';
  return {
    method: 'POST',
    url,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    masked: { [key]: key === 'authorization' ? { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' } : { variable: 'ANTHROPIC_API_KEY' } },
    body: JSON.stringify(body),
  };
}

const BODY = { model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };
const NEW = { 'anthropic-version': '2026-10-21', authorization: 'Bearer $ANTHROPIC_API_KEY' };

describe('code for the SDKs', () => {
  it('names the SDK line that sends the request\'s anthropic-version, and leaves out the headers that line sends itself', () => {
    for (const [headers, python, typescript] of [
      [NEW, 'anthropic 2.x', '@anthropic-ai/sdk 1.x'],
      [{ 'anthropic-version': '2023-06-01', 'x-api-key': '$ANTHROPIC_API_KEY' }, 'anthropic 0.x', '@anthropic-ai/sdk 0.x'],
    ] as const) {
      const py = codeSnippet(request(headers, BODY), 'python', { redactor: secrets }).text;
      const ts = codeSnippet(request(headers, BODY), 'typescript', { redactor: secrets }).text;
      assert.match(py.split('\n')[0], new RegExp(`^# The Python SDK, ${python.replace(/\./g, '\\.')}, sends anthropic-version ${headers['anthropic-version']}, as this request did\\.$`));
      assert.match(ts.split('\n')[0], new RegExp(`^// ${typescript.replace(/\./g, '\\.')} sends anthropic-version ${headers['anthropic-version']}, as this request did\\.$`));
      for (const text of [py, ts]) {
        assert.ok(!/extra_headers|headers: \{/.test(text), 'no header to add: the SDK sends them all');
      }
    }
  });

  it('sets an anthropic-version no SDK line sends as a header, and says so', () => {
    const py = codeSnippet(request({ ...NEW, 'anthropic-version': '2099-01-01' }, BODY), 'python', { redactor: secrets }).text;
    assert.match(py.split('\n')[0], /this request sent 2099-01-01, which no SDK line is known to send/);
    assert.match(py, /extra_headers=\{\n {8}"anthropic-version": "2099-01-01",/);
  });

  it('turns anthropic-beta into betas on client.beta.messages when `betas` sends the same value, else keeps the header', () => {
    const betas = codeSnippet(request({ ...NEW, 'anthropic-beta': 'one-2026,two-2026' }, BODY), 'typescript', { redactor: secrets }).text;
    assert.match(betas, /client\.beta\.messages\.create\(/);
    assert.match(betas, /betas: \['one-2026', 'two-2026'\],/);
    const spaced = codeSnippet(request({ ...NEW, 'anthropic-beta': 'one-2026, two-2026' }, BODY), 'python', { redactor: secrets }).text;
    assert.match(spaced, /client\.messages\.create\(/);
    assert.match(spaced, /"anthropic-beta": "one-2026, two-2026",/);
  });

  it('writes keys a TypeScript literal would misread as strings or computed keys', () => {
    const body = JSON.parse('{"model":"m","max_tokens":8,"messages":[],"metadata":{"__proto__":"x","10":1,"a-b":2,"ok":3}}');
    const ts = codeSnippet(request(NEW, body), 'typescript', { redactor: secrets }).text;
    assert.match(ts, /metadata: \{ '10': 1, \['__proto__'\]: 'x', 'a-b': 2, ok: 3 \}/);
  });

  it('sets a base URL other than the API\'s, a timeout and retries other than the defaults, on the client', () => {
    const captured = { ...request({ ...NEW, 'x-stainless-timeout': '30' }, BODY, 'http://127.0.0.1:9/v1/messages') };
    const py = codeSnippet(captured, 'python', { redactor: secrets, maxRetries: 0 }).text;
    assert.match(py, /anthropic\.Anthropic\(\n {4}base_url="http:\/\/127\.0\.0\.1:9",\n {4}timeout=30,\n {4}max_retries=0,\n\)/);
    const ts = codeSnippet(captured, 'typescript', { redactor: secrets, maxRetries: 0 }).text;
    assert.match(ts, /new Anthropic\(\{\n {2}baseURL: 'http:\/\/127\.0\.0\.1:9',\n {2}timeout: 30000,\n {2}maxRetries: 0,\n\}\)/);
    const plain = codeSnippet(request({ ...NEW, 'x-stainless-timeout': '600' }, BODY), 'python', { redactor: secrets, maxRetries: 2 }).text;
    assert.match(plain, /client = anthropic\.Anthropic\(\) {2}# the key from ANTHROPIC_API_KEY/);
  });

  it('encodes a body with a lone surrogate itself for httpx (its json= may refuse one)', () => {
    const py = codeSnippet(request(NEW, { ...BODY, system: 'a\ud800b' }), 'python-httpx', { redactor: secrets }).text;
    assert.match(py, /content=json\.dumps\(body\)\.encode\("utf-8"\)/);
    assert.match(py, /"system": "a\\ud800b"/);
    assert.match(codeSnippet(request(NEW, BODY), 'python-httpx', { redactor: secrets }).text, /, json=body,/);
  });

  it('says when text shaped like a secret is masked in the code', () => {
    // Built from pieces so that no scanner takes the test's text for a real key.
    const keyShaped = ['sk', 'ant', 'api03', 'somethingthatlookslikeakey'].join('-');
    const masked = codeSnippet(request(NEW, { ...BODY, system: keyShaped }), 'python', { redactor: secrets });
    assert.match(masked.note ?? '', /masked in this code/);
    assert.ok(!masked.text.includes('somethingthatlookslikeakey'));
    assert.equal(codeSnippet(request(NEW, BODY), 'python', { redactor: secrets }).note, undefined);
  });
});

describe('TypeScript code type-checks against the installed SDK', function () {
  this.timeout(120_000);

  it('with fields the SDK does not know (the cast), beta or not, streamed or not', async () => {
    const project = tempProject();
    try {
      const files: string[] = [];
      for (const beta of [false, true]) {
        for (const stream of [false, true]) {
          const headers = { ...NEW, ...(beta ? { 'anthropic-beta': 'one-2026' } : {}) };
          const body = { ...BODY, future_field: { on: true }, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] }], ...(stream ? { stream: true } : {}) };
          const name = `snippet-${beta ? 'beta' : 'plain'}-${stream ? 'stream' : 'create'}.mts`;
          fs.writeFileSync(path.join(project.dir, name), codeSnippet(request(headers, body), 'typescript', { redactor: secrets }).text);
          files.push(name);
        }
      }
      const config = { compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files };
      fs.writeFileSync(path.join(project.dir, 'tsconfig.json'), JSON.stringify(config));
      const tsc = path.join(project.dir, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await run(process.execPath, [tsc, '-p', '.'], { cwd: project.dir, timeoutMs: 100_000 });
      assert.equal(result.code, 0, result.stdout + result.stderr);
    } finally {
      project.remove();
    }
  });
});

// The code snippets, run: each language that has a runtime here sends its snippet to a capture server, and what
// arrives must be what `send` put on the wire (body as a JSON value, every meaningful header, method and path).
//  - TypeScript: node with the project's own @anthropic-ai/sdk.
//  - Python without the SDK: Debian's python3 with its httpx (python3-httpx).
//  - curl: bash and zsh, the large-body (printf) form too.
//  - Python with the SDK: the SDK cannot be installed here (neither on npm nor in Debian), so the snippet is parsed
//    with Python's ast and its call's arguments, evaluated as literals, must equal the body sent.
// PowerShell and cmd have no shell here: their quoting is unit-tested in codeQuoting.test.ts.
// Cases are classes of request: hostile text everywhere, fields the SDK does not know, integer-like keys, a beta
// header and a hostile custom header, streamed or not, a key pasted into the body, above 128 KiB, and every example.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sendMessage } from '../../src/core/client';
import { codeSnippet } from '../../src/core/code';
import { isOmittedFromCurl } from '../../src/core/code/curl';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { parseRequestFile } from '../../src/core/requestFiles/requestFile';
import type { CallRecord, JsonObject } from '../../src/shared/callRecord';
import { CODE_LANGUAGE_IDS, type CodeLanguage } from '../../src/shared/codeLanguages';
import { CaptureServer, CapturedHttpRequest, startCaptureServer } from '../support/captureServer';
import { HOSTILE } from '../support/hostileText';
import { findShell, runShell } from '../support/shells';
import { httpxProblem, readPythonCall, runPython, runTypescript, snippetEnv } from '../support/snippetRunners';

/** Built so that no scanner takes it for a real key. */
const KEY = ['sk', 'ant', 'fake', 'code', 'run', 'key', 'not', 'real', 'ZXCVBNM0123456789'].join('-');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

interface Case {
  name: string;
  body: JsonObject;
  /** ANTHROPIC_CUSTOM_HEADERS for the send: headers the SDK adds, as a user's environment would. */
  customHeaders?: string;
}

const BIG_TEXT = `${HOSTILE}\n${'🧪 long text, one string, never split. '.repeat(4000)}`;

const CASES: Case[] = [
  {
    name: 'hostile text, unknown fields, integer-like keys, a beta and a hostile custom header',
    body: {
      model: 'claude-sonnet-5-5',
      max_tokens: 64,
      temperature: 0.25,
      system: HOSTILE,
      messages: [
        { role: 'user', content: HOSTILE },
        { role: 'assistant', content: [{ type: 'text', text: `${HOSTILE}\u2028\u2029 lone \udfff\ud800 surrogates \u0000\u0085\ufeff` }] },
        { role: 'user', content: [{ type: 'text', text: 'again', cache_control: { type: 'ephemeral' } }] },
      ],
      // "__proto__" as a key of its own (computed), which a TypeScript literal must not turn into a prototype.
      metadata: { user_id: `'; rm -rf / # ${HOSTILE.slice(0, 40)}`, '10': null, ['__proto__']: 'not a prototype' },
      stop_sequences: ['\n\nHuman:', '"', "'"],
      unknown_future_field: { nested: [1, 2.5, -3e-7, true, false, null, 1e21] },
    },
    customHeaders: `anthropic-beta: a-beta-2026-01-01,b-beta-2026-02-02\nx-team-note: it's "$(quoted)" \`tick\` \\ %PATH% $HOME !!`,
  },
  {
    name: 'the key pasted into the body (read from the environment, never written)',
    body: { model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: `my key is ${KEY}, is that bad?` }] },
  },
  {
    name: 'a body above 128 KiB',
    body: { model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: BIG_TEXT }] },
  },
  ...fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.claude.json'))
    .map((name) => {
      const parsed = parseRequestFile(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
      if (!parsed.ok) {
        throw new Error(`${name} does not parse`);
      }
      return { name: `examples/${name}`, body: parsed.body };
    }),
];

/** A minimal stream for a streamed request, a minimal Message otherwise: enough for every snippet to finish. */
function answer(request: CapturedHttpRequest, res: import('node:http').ServerResponse): void {
  let streamed = false;
  try {
    streamed = (JSON.parse(request.body.toString('utf8')) as { stream?: unknown }).stream === true;
  } catch {
    // not JSON: answered as a Message, the comparison will say what was wrong
  }
  const message = { id: 'msg_code_run', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [] as unknown[], stop_reason: null as string | null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
  if (!streamed) {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_code_run' });
    res.end(JSON.stringify({ ...message, content: [{ type: 'text', text: 'captured' }], stop_reason: 'end_turn' }));
    return;
  }
  const events: [string, unknown][] = [
    ['message_start', { type: 'message_start', message }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'captured' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_code_run' });
  res.end(events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(''));
}

/** What arrived from the snippet is what arrived from `send`: method, path, body as JSON, every meaningful header. */
function assertSameRequest(fromSnippet: CapturedHttpRequest | undefined, fromSend: CapturedHttpRequest, record: CallRecord, what: string): void {
  assert.ok(fromSnippet, `${what}: the snippet reached the capture server`);
  assert.equal(fromSnippet.method, fromSend.method, `${what}: method`);
  assert.equal(fromSnippet.url, fromSend.url, `${what}: path`);
  assert.deepStrictEqual(JSON.parse(fromSnippet.body.toString('utf8')), JSON.parse(fromSend.body.toString('utf8')), `${what}: the body, as JSON`);
  const meaningful = Object.keys(record.request!.headers).filter((name) => !isOmittedFromCurl(name));
  assert.ok(meaningful.includes('anthropic-version') && meaningful.includes('authorization'));
  for (const name of meaningful) {
    assert.equal(fromSnippet.headers[name], fromSend.headers[name], `${what}: header ${name}`);
  }
}

describe('code snippets, run against a capture server', function () {
  this.timeout(120_000);
  let server: CaptureServer;
  let httpx: string | undefined;
  const savedCustom = process.env.ANTHROPIC_CUSTOM_HEADERS;

  before(async () => {
    server = await startCaptureServer(answer);
    httpx = await httpxProblem();
  });
  after(async () => {
    await server.close();
    if (savedCustom === undefined) {
      delete process.env.ANTHROPIC_CUSTOM_HEADERS;
    } else {
      process.env.ANTHROPIC_CUSTOM_HEADERS = savedCustom;
    }
  });

  it('has python3 with httpx', () => {
    // Loudly: the httpx snippet is promised to run; a missing httpx is a failure, not a silent skip.
    assert.equal(httpx, undefined, httpx);
  });

  for (const testCase of CASES) {
    for (const streamed of [false, true]) {
      describe(`${testCase.name}${streamed ? ', streamed' : ''}`, () => {
        let record: CallRecord;
        let fromSend: CapturedHttpRequest;
        const snippets = new Map<CodeLanguage, string>();

        before(async () => {
          if (testCase.customHeaders) {
            process.env.ANTHROPIC_CUSTOM_HEADERS = testCase.customHeaders;
          } else {
            delete process.env.ANTHROPIC_CUSTOM_HEADERS;
          }
          server.requests.length = 0;
          const request = effectiveRequest({ ...testCase.body, ...(streamed ? { stream: true } : {}) }, { model: 'unused', maxTokens: 1, stream: false });
          record = await sendMessage(request, { apiKey: KEY, baseUrl: server.url, maxRetries: 0, source: { kind: 'cli' } });
          delete process.env.ANTHROPIC_CUSTOM_HEADERS;
          assert.equal(record.error, undefined, record.error?.message);
          assert.equal(server.requests.length, 1);
          fromSend = server.requests[0];
          for (const language of CODE_LANGUAGE_IDS) {
            snippets.set(language, codeSnippet(record.request!, language).text);
          }
        });

        /** Runs `go`, and returns what reached the server from it. */
        async function sent(go: () => Promise<{ code: number | null; stderr: string }>): Promise<CapturedHttpRequest | undefined> {
          server.requests.length = 0;
          const result = await go();
          assert.equal(result.code, 0, result.stderr.slice(0, 2000));
          assert.equal(server.requests.length, 1, 'one request');
          return server.requests[0];
        }

        it('never writes the key, in any language', () => {
          for (const [language, text] of snippets) {
            assert.ok(!text.includes(KEY), `${language}: the key is not inline`);
            assert.ok(!text.includes(KEY.slice(0, 20)) && !text.includes(KEY.slice(-16)), `${language}: no piece of the key either`);
          }
        });

        it('TypeScript, run by node with @anthropic-ai/sdk, sends what send sent', async () => {
          const arrived = await sent(() => runTypescript(snippets.get('typescript')!, snippetEnv({ ANTHROPIC_API_KEY: KEY })));
          assertSameRequest(arrived, fromSend, record, 'typescript');
        });

        it('Python without the SDK, run by python3 with httpx, sends what send sent', async function () {
          assert.equal(httpx, undefined, httpx);
          const arrived = await sent(() => runPython(snippets.get('python-httpx')!, snippetEnv({ ANTHROPIC_API_KEY: KEY })));
          assertSameRequest(arrived, fromSend, record, 'python-httpx');
        });

        for (const shell of ['bash', 'zsh'] as const) {
          it(`curl, run by ${shell}, sends what send sent`, async () => {
            const shellPath = findShell(shell);
            assert.ok(shellPath, `${shell} is not installed`);
            const script = `${snippets.get('curl')!.trimEnd()} --silent --show-error --output /dev/null\n`;
            const arrived = await sent(() => runShell(shellPath, script, { env: snippetEnv({ ANTHROPIC_API_KEY: KEY }), timeoutMs: 30_000 }));
            assertSameRequest(arrived, fromSend, record, `curl in ${shell}`);
            assert.ok(arrived!.body.equals(fromSend.body), 'curl sends the body byte for byte');
          });
        }

        it('Python with the SDK: its call, read with ast, sends the body and headers that send sent', async () => {
          // Read, not run: the anthropic package cannot be installed here (not on npm, not in Debian).
          const call = await readPythonCall(snippets.get('python')!, { ANTHROPIC_API_KEY: KEY });
          assert.deepStrictEqual(call.body, JSON.parse(fromSend.body.toString('utf8')));
          const beta = fromSend.headers['anthropic-beta'];
          assert.equal(call.beta, beta !== undefined, 'a beta header goes through client.beta.messages');
          assert.deepStrictEqual(call.betas, beta === undefined ? null : beta.split(','));
          for (const [name, value] of Object.entries(call.headers)) {
            assert.equal(value, fromSend.headers[name], `extra header ${name}`);
          }
          const streamedCall = /\bwith client\.(beta\.)?messages\.stream\(/.test(snippets.get('python')!);
          assert.equal(streamedCall, streamed, 'a streamed call uses messages.stream');
          if (streamed) {
            assert.match(snippets.get('python')!, /for text in stream\.text_stream:[\s\S]*stream\.get_final_message\(\)/);
          }
        });
      });
    }
  }
});

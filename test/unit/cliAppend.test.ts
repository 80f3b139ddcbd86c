// send --append, end to end: the built CLI against the stand-in over real HTTP, on files with comments and their
// own layout. What is checked is what a user sees: the file's bytes, the exit code, stdout and stderr, and what the
// next send puts on the wire.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createScanner, parse, SyntaxKind } from 'jsonc-parser';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { CLI, runCli } from '../support/runCli';

// Not a real key, and not shaped like one for scanners.
const KEY = ['stand', 'in', 'append', 'test', 'key'].join('-');

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { env, timeoutMs: 20_000 });

type Json = Record<string, unknown>;

/** The JSON tokens and comments of a text, whitespace aside. */
function tokens(text: string): string[] {
  const scanner = createScanner(text, false);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.Trivia && kind !== SyntaxKind.LineBreakTrivia) {
      out.push(text.substr(scanner.getTokenOffset(), scanner.getTokenLength()));
    }
  }
  return out;
}

describe('CLI send --append', function () {
  this.timeout(60000);
  let standIn: StandIn;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const send = (...args: string[]) => cli(['send', ...args, '--max-retries', '0'], env);
  const write = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  const messagesOf = (file: string) => (parse(fs.readFileSync(file, 'utf8')) as { messages: Json[] }).messages;
  const lastSentMessages = () => ((standIn.requests.filter((r) => r.path === '/v1/messages').pop()?.json as Json).messages as Json[]);

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.js)');
    standIn = await startStandIn({ apiKey: KEY });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-append-'));
    env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: standIn.url };
  });
  beforeEach(() => standIn.reset());
  after(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Files of several layouts: comments everywhere, tabs, three spaces, CRLF, a one-line list, a trailing comma.
  const layouts: [string, (turn: string) => string][] = [
    ['comments, two spaces', (t) => `// my chat\n{\n  "model": "claude-sonnet-5-5", // the model\n  "max_tokens": 300,\n  /* the turns */\n  "messages": [\n    ${t} // first\n    // nothing after\n  ]\n}\n`],
    ['tabs and CRLF', (t) => `{\r\n\t"model": "claude-haiku-5-5",\r\n\t"max_tokens": 300,\r\n\t"messages": [\r\n\t\t${t}\r\n\t]\r\n}`],
    ['one line, three spaces', (t) => `{\n   "max_tokens": 300, "messages": [${t}] /* inline */\n}\n`],
    ['trailing comma', (t) => `{\n    "max_tokens": 300,\n    "messages": [\n        ${t},\n    ],\n}\n`],
  ];

  for (const [name, layout] of layouts) {
    it(`text reply, ${name}: the answer and the next turn are appended, the rest is byte for byte the same, and the next send carries all`, async () => {
      const before = layout('{ "role": "user", "content": "My name is Ada. Hello!" }');
      const file = write(`text-${name.replace(/\W+/g, '-')}.claude.json`, before);
      const run = await send(file, '--append', '--next', 'What is my "name"?\nTell me.');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Appended to .*: messages\[1\] assistant \(text\), messages\[2\] user \(text\)\./);
      const after = fs.readFileSync(file, 'utf8');
      // Nothing of the old file is lost or changed: its tokens and comments are all there, in order (a comma added).
      const oldTokens = tokens(before);
      const newTokens = tokens(after);
      let from = 0;
      for (const token of oldTokens) {
        const at = newTokens.indexOf(token, from);
        assert.ok(at >= 0, `${JSON.stringify(token)} is kept, in order`);
        from = at + 1;
      }
      assert.ok(after.startsWith(before.slice(0, before.indexOf('{ "role"'))), 'everything before the turns is byte for byte the same');
      if (before.includes('\r\n')) {
        assert.ok(!/(?<!\r)\n/.test(after), 'a CRLF file stays CRLF');
      }
      const messages = messagesOf(file);
      assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
      assert.equal(messages[2].content, 'What is my "name"?\nTell me.');
      const answer = (messages[1].content as Json[])[0];
      assert.equal(answer.type, 'text');
      assert.match(String(answer.text), /\(stand-in\) You said: "My name is Ada\. Hello!"/);

      const again = await send(file, '--json');
      assert.equal(again.code, 0, again.stderr);
      assert.equal(lastSentMessages().length, 3, 'the whole conversation went out again');
      const text = ((JSON.parse(again.stdout) as { response: { content: Json[] } }).response.content[0].text as string);
      assert.match(text, /What is my \\?"name\\?"\?/);
      assert.match(text, /Ada/, 'the answer read the earlier turns');
    });
  }

  it('tool_use: a tool_result placeholder per id, a warning while unfilled, then the answer uses the result', async () => {
    const file = write('tools.claude.json', fs.readFileSync(path.resolve(__dirname, '../../../examples/tool-use-first-turn.claude.json'), 'utf8'));
    const run = await send(file, '--append', '--json');
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { appended: { turns: { index: number; role: string; blocks: string[] }[]; placeholders: number; stopReason: string } };
    assert.equal(out.appended.stopReason, 'tool_use');
    assert.equal(out.appended.placeholders, 1);
    assert.deepEqual(out.appended.turns.map((t) => [t.index, t.role, t.blocks.join()]), [[1, 'assistant', 'text,tool_use'], [2, 'user', 'tool_result']]);
    const messages = messagesOf(file);
    const use = (messages[1].content as Json[]).find((b) => b.type === 'tool_use') as Json;
    assert.deepEqual(messages[2].content, [{ type: 'tool_result', tool_use_id: use.id, content: 'TODO: the result of get_weather' }]);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith('// Turn 1 of a tool exchange'), 'the comments are kept');

    // Sent unfilled: a warning that names the placeholder, line and column, and the call goes on.
    const unfilled = await send(file, '--json');
    assert.match(unfilled.stderr, /tools\.claude\.json:\d+:\d+: warning: This tool_result still holds the placeholder/);

    fs.writeFileSync(file, text.replace('TODO: the result of get_weather', '11°C and windy'));
    const answered = await send(file, '--append', '--next', 'So, a jacket?');
    assert.equal(answered.code, 0, answered.stderr);
    assert.match(answered.stdout, /get_weather returned: "11°C and windy"/);
    assert.deepEqual(messagesOf(file).map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('thinking: the signature and the redacted data are written byte for byte, a citation\'s file_id is left out, and the API takes it back', async () => {
    const signature = `EqMBCkYIBxgCKkD${'a/+9'.repeat(60)}==`;
    const data = `RWRhY3RlZA==${'Zz+/'.repeat(80)}`;
    standIn.enqueue({
      kind: 'json',
      content: [
        { type: 'thinking', thinking: 'Two and two: "4".\nSure.', signature },
        { type: 'redacted_thinking', data },
        { type: 'text', text: 'It is 4.', citations: [{ type: 'char_location', cited_text: '2+2=4', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 5, file_id: 'file_011CX' }] },
      ],
      stop_reason: 'end_turn',
    });
    const file = write('thinking.claude.json', '{\n  // thinking on\n  "model": "claude-sonnet-5-5",\n  "max_tokens": 4000,\n  "thinking": { "type": "enabled", "budget_tokens": 2000 },\n  "messages": [ { "role": "user", "content": "2+2?" } ]\n}\n');
    const run = await send(file, '--append', '--next', 'And 3+3?', '--json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { appended: { dropped: string[] } }).appended.dropped, ['content[2].citations[0].file_id']);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(`"signature": "${signature}"`), 'the signature, as written');
    assert.ok(text.includes(`"data": "${data}"`), 'the redacted data, as written');
    const assistant = messagesOf(file)[1].content as Json[];
    assert.deepEqual(assistant[0], { type: 'thinking', thinking: 'Two and two: "4".\nSure.', signature });
    assert.deepEqual(assistant[1], { type: 'redacted_thinking', data });
    assert.ok(!text.includes('file_id'));

    const again = await send(file, '--json');
    assert.equal(again.code, 0, `the stand-in checks thinking blocks as the API does: ${again.stdout}${again.stderr}`);
    const sent = lastSentMessages()[1].content as Json[];
    assert.equal(sent[0].signature, signature);
    assert.equal(sent[1].data, data);
  });

  it('pause_turn: the paused turn is appended alone, and sent again it resumes', async () => {
    const file = write('paused.claude.json', '{\n  "max_tokens": 300,\n  "messages": [\n    { "role": "user", "content": "Latest news? [[stand-in: pause-turn]]" }\n  ]\n}\n');
    const run = await send(file, '--append', '--next', 'not now');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /The turn was paused: send the file again/);
    assert.match(run.stdout, /--next was not added: after pause_turn/);
    const messages = messagesOf(file);
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant']);
    assert.deepEqual((messages[1].content as Json[]).map((b) => b.type), ['text', 'server_tool_use', 'web_search_tool_result']);
    const resumed = await send(file, '--json');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(String((JSON.parse(resumed.stdout) as { response: { content: Json[] } }).response.content[0].text), /Resuming the paused turn/);
  });

  it('max_tokens: the cut answer becomes the last turn, and sent again the answer goes on', async () => {
    const file = write('cut.claude.json', '{\n  "max_tokens": 20,\n  "messages": [\n    { "role": "user", "content": "Tell me everything [[stand-in: max-tokens]]" }\n  ]\n}\n');
    const run = await send(file, '--append');
    assert.equal(run.code, 0, run.stderr);
    const last = messagesOf(file)[1].content as Json[];
    assert.ok(!/\s$/.test(String(last[0].text)), 'no trailing whitespace, which the API refuses in a final assistant turn');
    const again = await send(file, '--json');
    assert.equal(again.code, 0, again.stderr);
    assert.match(String((JSON.parse(again.stdout) as { response: { content: Json[] } }).response.content[0].text), /continuing the assistant turn/);
  });

  it('writes nothing, exit 1, when the call fails, breaks, is refused or cannot be continued', async () => {
    const cases: [string, () => void, string[], RegExp][] = [
      ['an API error', () => standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error' }), [], /did not finish with a complete answer/],
      ['a reset connection', () => standIn.enqueue({ kind: 'reset' }), [], /did not finish/],
      ['a stream cut mid-way', () => standIn.enqueue({ kind: 'stream', text: 'Half an answer that goes on', cutAfterEvents: 4 }), ['--stream'], /did not finish/],
      ['a refusal', () => undefined, [], /refused: a refusal cannot be continued/],
      ['max_tokens with thinking on', () => standIn.enqueue({ kind: 'json', content: [{ type: 'thinking', thinking: 'x', signature: 'c2ln' }, { type: 'text', text: 'cut' }], stop_reason: 'max_tokens' }), [], /with thinking on, the API takes no prefilled assistant turn/],
    ];
    for (const [what, arrange, extra, reason] of cases) {
      const body = what === 'a refusal' ? 'Do it [[stand-in: refusal]]' : 'Hello';
      const thinking = what.includes('thinking') ? '\n  "thinking": { "type": "enabled", "budget_tokens": 1024 },' : '';
      const text = `{\n  // ${what}\n  "max_tokens": 2000,${thinking}\n  "messages": [ { "role": "user", "content": "${body}" } ]\n}\n`;
      const file = write('failing.claude.json', text);
      arrange();
      for (const json of [false, true]) {
        if (json) arrange();
        const run = await send(file, '--append', '--next', 'more', ...extra, ...(json ? ['--json'] : []));
        assert.equal(run.code, 1, `${what}: exit 1\n${run.stderr}`);
        assert.equal(fs.readFileSync(file, 'utf8'), text, `${what}: the file is untouched`);
        if (json) {
          const out = JSON.parse(run.stdout) as { appended: unknown; notAppended: string };
          assert.equal(out.appended, null);
          assert.match(out.notAppended, reason, what);
        } else {
          assert.match(run.stderr, new RegExp(`nothing was appended to .*failing\\.claude\\.json: .*${reason.source}`), `${what}: ${run.stderr}`);
        }
      }
    }
  });

  it('usage mistakes exit 2 before anything is sent', async () => {
    const file = write('usage.claude.json', '{"max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}');
    const stdin = await send('-', '--append');
    assert.equal(stdin.code, 2);
    assert.match(stdin.stderr, /--append writes the answer into the request file, and stdin \(-\) is no file/);
    const next = await send(file, '--next', 'x');
    assert.equal(next.code, 2);
    assert.match(next.stderr, /--next .* needs --append/);
    const other = await cli(['curl', file, '--append'], env);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /--append is not an option of curl/);
    assert.equal(standIn.requests.length, 0, 'nothing was sent');
  });
});

// Every request file in examples/ is free of errors, sends without change against the stand-in, streamed or not, and
// gets what its comments promise. The promises are written as data (test/support/examplePromises.ts), each quoting
// the comment it stands for, and checked on the reply the project's own client (sendMessage, real HTTP) gets from
// the stand-in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { sendMessage } from '../../src/core/client';
import type { CallRecord } from '../../src/shared/callRecord';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../../src/shared/defaults';
import { diagnoseRequest } from '../../src/core/requestFiles/diagnostics';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { blocksOf, checkPromise, commentsOf, comparable, EXAMPLES, type Json, PROMISES, readExample, textOf, TOOL_FIRST_TURN } from '../support/examplePromises';

const KEY = 'sk-ant-fake-examples-test-key-0000000000000000';
const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.claude.json'));

describe('examples/', function () {
  this.timeout(20000);
  let standIn: StandIn;

  async function send(body: Json, stream: boolean): Promise<CallRecord> {
    return sendMessage(effectiveRequest(body, { model: DEFAULT_MODEL, maxTokens: DEFAULT_MAX_TOKENS, stream }), {
      apiKey: KEY,
      baseUrl: standIn.url,
      maxRetries: 0,
      source: { kind: 'cli' },
    });
  }

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY });
  });
  after(() => standIn.close());

  it('has the request files the README promises, and a promise for each', () => {
    assert.deepEqual(files.sort(), [
      'continue.claude.json',
      'conversation.claude.json',
      'extended-thinking.claude.json',
      'system-and-stop.claude.json',
      'tool-use-first-turn.claude.json',
      'tool-use.claude.json',
      'triage.claude.json',
    ]);
    assert.deepEqual(Object.keys(PROMISES).sort(), files);
  });

  for (const name of files) {
    it(`${name}: no diagnostics, and it sends streamed and not`, async () => {
      const { text, body } = readExample(name);
      const found = diagnoseRequest(text, { defaultMaxTokens: DEFAULT_MAX_TOKENS, defaultModel: DEFAULT_MODEL });
      assert.deepEqual(found, [], 'no errors, warnings or notes');
      for (const stream of [false, true]) {
        const record = await send(body, stream);
        assert.equal(record.error, undefined, record.error?.message);
        assert.ok(Array.isArray(record.message?.content) && (record.message.content as unknown[]).length > 0);
        assert.ok(record.cost?.known, `${name} has a known price`);
      }
    });

    it(`${name}: gets what its comments promise, streamed and not, the same both ways`, async () => {
      const { text, body } = readExample(name);
      for (const promised of PROMISES[name] ?? []) {
        assert.ok(commentsOf(text).includes(promised.comment), `${name} still says "${promised.comment}"`);
        const json = await send(body, false);
        const streamed = await send(body, true);
        checkPromise(name, body, promised, json);
        checkPromise(name, body, promised, streamed);
        assert.deepEqual(comparable(streamed), comparable(json), 'the stream adds up to the JSON answer');
      }
    });
  }

  it('tool-use-first-turn.claude.json is turn 1 of tool-use.claude.json, and gets a tool_use for its tool, with an input its schema accepts', async () => {
    const { text, body } = readExample('tool-use.claude.json');
    assert.ok(commentsOf(text).includes(TOOL_FIRST_TURN.comment));
    const firstTurn = readExample(TOOL_FIRST_TURN.file).body;
    assert.deepEqual(firstTurn, { ...body, messages: (body.messages as unknown[]).slice(0, 1) }, 'the same request, cut after turn 1');
    const tools = body.tools as { name: string; input_schema: Json }[];
    for (const stream of [false, true]) {
      const record = await send(firstTurn, stream);
      assert.equal(record.error, undefined, record.error?.message);
      assert.deepEqual(blocksOf(record).map((b) => b.type), ['text', 'tool_use']);
      assert.equal((record.message as Json).stop_reason, 'tool_use');
      const use = blocksOf(record).find((b) => b.type === 'tool_use') as { name: string; input: unknown; id: string };
      const tool = tools.find((t) => t.name === use.name);
      assert.ok(tool, `${use.name} is a tool the request defines`);
      const validate = new Ajv({ strict: false }).compile(tool.input_schema);
      assert.ok(validate(use.input), `input ${JSON.stringify(use.input)}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(use.input, { city: 'Lisbon' }, 'the city comes from the question');
      assert.match(use.id, /^toolu_01[A-Za-z0-9]{22}$/);
    }
  });

  it('every example without thinking is cut at a small max_tokens: stop_reason max_tokens, output_tokens = max_tokens', async () => {
    for (const name of files) {
      const { body } = readExample(name);
      if (body.thinking !== undefined) {
        // budget_tokens must stay below max_tokens, so a thinking request cannot have a small max_tokens.
        continue;
      }
      for (const maxTokens of [1, 7]) {
        for (const stream of [false, true]) {
          const record = await send({ ...body, max_tokens: maxTokens }, stream);
          const message = record.message as Json;
          assert.equal(message.stop_reason, 'max_tokens', `${name} at max_tokens ${maxTokens}`);
          assert.equal((message.usage as Json).output_tokens, maxTokens, name);
          assert.ok(textOf(record).length <= maxTokens * 4, name);
        }
      }
    }
  });

  it('notes.md: its paragraph sent as one user message with the default model is answered, quoted, end_turn', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'notes.md'), 'utf8');
    assert.match(text, /The selected text goes out as one user message/);
    for (const selection of [text, text.split('\n\n')[2]]) {
      for (const stream of [false, true]) {
        const record = await send({ messages: [{ role: 'user', content: selection }] }, stream);
        assert.equal(record.error, undefined, record.error?.message);
        assert.deepEqual(blocksOf(record).map((b) => b.type), ['text']);
        assert.equal((record.message as Json).stop_reason, 'end_turn');
        assert.ok(textOf(record).startsWith(`(stand-in) You said: "${selection.slice(0, 40)}`), textOf(record));
      }
    }
  });

  it('triage.claude.json uses a fast, cheap model with max_tokens 256', () => {
    const { body } = readExample('triage.claude.json');
    assert.equal(body.model, 'claude-haiku-5-5');
    assert.equal(body.max_tokens, 256);
  });
});

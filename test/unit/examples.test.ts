// Every request file in examples/ is free of errors, sends without change against the stand-in, streamed or not, and
// gets what its comments promise. The promises are written below as data, each quoting the comment it stands for,
// and checked on the reply the project's own client (sendMessage, real HTTP) gets from the stand-in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { sendMessage } from '../../src/core/client';
import type { CallRecord } from '../../src/shared/callRecord';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../../src/shared/defaults';
import { diagnoseRequest } from '../../src/core/diagnostics';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { parseRequestFile } from '../../src/core/requestFile';
import { StandIn, startStandIn } from '../../src/standIn/server';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const KEY = 'sk-ant-fake-examples-test-key-0000000000000000';
const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.claude.json'));

type Json = Record<string, unknown>;

/** What one example's comments promise about its reply. */
interface Promised {
  /** The words of the example's comment this promise stands for (the test checks the file still says them). */
  comment: string;
  /** The content block types, in order. */
  blocks: string[];
  stopReason: string;
  stopSequence?: string;
  /** What the answer's text holds. */
  textHolds?: string[];
  /** What it must not hold (e.g. the stop sequence itself, which is never sent). */
  textLacks?: string[];
  /** Names given only in earlier turns: the answer to the last turn shows them, so the earlier turns were read. */
  fromEarlierTurns?: string[];
  /** The answer is text opening this tag, with at most this many bullet points. */
  taggedList?: { tag: string; maxBullets: number };
  /** The text is one JSON object with these keys, each value one of its choices (any string for []). */
  jsonObject?: Record<string, string[]>;
  maxOutputTokens?: number;
}

const PROMISES: Record<string, Promised[]> = {
  'continue.claude.json': [
    {
      comment: 'The API keeps no state: each send carries every turn',
      blocks: ['text'],
      stopReason: 'end_turn',
      textHolds: ['Suggest a name for a small bakery in Porto.'],
    },
  ],
  'conversation.claude.json': [
    {
      comment: 'every request carries the whole conversation',
      blocks: ['text'],
      stopReason: 'end_turn',
      textHolds: ['Put the three days into a short plan, one line per day.'],
      fromEarlierTurns: ['Lisbon', 'Sintra'],
    },
  ],
  'extended-thinking.claude.json': [
    {
      comment: 'The panel shows the thinking block (collapsible,\n// with its signature) before the text.',
      blocks: ['thinking', 'text'],
      stopReason: 'end_turn',
      textHolds: ['A bat and a ball cost $1.10'],
    },
  ],
  'system-and-stop.claude.json': [
    {
      comment: 'Generation stops as soon as Claude writes "</list>": stop_reason is "stop_sequence"',
      blocks: ['text'],
      stopReason: 'stop_sequence',
      stopSequence: '</list>',
      textLacks: ['</list>'],
      taggedList: { tag: 'list', maxBullets: 5 },
      textHolds: ['Added dark theme', 'Export to CSV is 3x faster'],
    },
  ],
  'tool-use.claude.json': [
    {
      comment: 'Sending this asks Claude to answer with the result in hand.',
      blocks: ['text'],
      stopReason: 'end_turn',
      textHolds: ['14°C, clear sky, wind 20 km/h from the north', 'get_weather'],
    },
  ],
  'tool-use-first-turn.claude.json': [
    {
      comment: 'it answers\n// with a tool_use block (the tool\'s name and an input that fits its input_schema) and stop_reason "tool_use".',
      blocks: ['text', 'tool_use'],
      stopReason: 'tool_use',
    },
  ],
  'triage.claude.json': [
    {
      comment: 'the answer is one short JSON object.',
      blocks: ['text'],
      stopReason: 'end_turn',
      jsonObject: { queue: ['billing', 'outage', 'account', 'how-to', 'other'], priority: ['p1', 'p2', 'p3'], reason: [] },
      // The ticket is an outage, and says so: a newcomer who sees another queue would think the tool is wrong.
      textHolds: ['"queue":"outage"'],
      maxOutputTokens: 256,
    },
  ],
};

/** The request that got the tool-use example's turn 2: its turn 1 alone, in its own file. */
const TOOL_FIRST_TURN = { comment: 'Turn 2 is Claude asking for the tool (its stop_reason was "tool_use")', file: 'tool-use-first-turn.claude.json' };

function readExample(name: string): { text: string; body: Json } {
  const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  const parsed = parseRequestFile(text);
  assert.ok(parsed.ok, `${name} parses`);
  return { text, body: parsed.body as Json };
}

/** The comment lines of a request file, without their `//`. */
function commentsOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trimStart().startsWith('//'))
    .join('\n');
}

function blocksOf(record: CallRecord): Json[] {
  return (record.message?.content ?? []) as Json[];
}

function textOf(record: CallRecord): string {
  return blocksOf(record)
    .filter((b) => b.type === 'text')
    .map((b) => String(b.text))
    .join('');
}

/** The message without what differs between two calls of the same request (its id) or what only the SDK adds. */
function comparable(record: CallRecord): Json {
  const { id: _id, parsed_output: _parsed, ...rest } = record.message as Json;
  return rest;
}

function lastUserText(body: Json): string {
  const messages = body.messages as { role: string; content: unknown }[];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

function checkPromise(name: string, body: Json, promised: Promised, record: CallRecord): void {
  const where = `${name}: "${promised.comment}"`;
  assert.equal(record.error, undefined, `${where}: ${record.error?.message}`);
  const message = record.message as Json;
  assert.deepEqual(blocksOf(record).map((b) => b.type), promised.blocks, where);
  assert.equal(message.stop_reason, promised.stopReason, where);
  assert.equal(message.stop_sequence, promised.stopSequence ?? null, where);
  const text = textOf(record);
  for (const needle of promised.textHolds ?? []) {
    assert.ok(text.includes(needle), `${where}: the answer holds "${needle}":\n${text}`);
  }
  for (const needle of promised.textLacks ?? []) {
    assert.ok(!text.includes(needle), `${where}: the answer does not hold "${needle}":\n${text}`);
  }
  for (const name_ of promised.fromEarlierTurns ?? []) {
    assert.ok(!lastUserText(body).includes(name_), `${where}: "${name_}" is not in the last turn, so only the earlier turns can give it`);
    assert.ok(text.includes(name_), `${where}: the answer shows "${name_}" from the earlier turns:\n${text}`);
  }
  if (promised.taggedList) {
    const { tag, maxBullets } = promised.taggedList;
    assert.ok(text.startsWith(`<${tag}>\n`), `${where}: opens <${tag}>:\n${text}`);
    const bullets = text.split('\n').filter((line) => line.startsWith('- '));
    assert.ok(bullets.length >= 1 && bullets.length <= maxBullets, `${where}: 1 to ${maxBullets} bullets, not ${bullets.length}`);
  }
  if (promised.jsonObject) {
    const parsed = JSON.parse(text) as Json;
    assert.deepEqual(Object.keys(parsed), Object.keys(promised.jsonObject), where);
    for (const [key, choices] of Object.entries(promised.jsonObject)) {
      assert.equal(typeof parsed[key], 'string', `${where}: ${key}`);
      if (choices.length > 0) {
        assert.ok(choices.includes(parsed[key] as string), `${where}: ${key} is one of ${choices.join(', ')}, not ${String(parsed[key])}`);
      }
    }
  }
  if (promised.blocks.includes('thinking')) {
    const thinking = blocksOf(record).find((b) => b.type === 'thinking') as Json;
    assert.ok(String(thinking.thinking).length > 0 && String(thinking.signature).length > 100, `${where}: thinking with its signature`);
  }
  const usage = message.usage as { output_tokens: number };
  assert.ok(usage.output_tokens >= 1);
  if (promised.maxOutputTokens !== undefined) {
    assert.ok(usage.output_tokens <= promised.maxOutputTokens, `${where}: ${usage.output_tokens} output tokens`);
  }
}

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

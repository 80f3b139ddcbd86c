// What each request file in examples/ promises about its reply, written as data that quotes the comment it stands
// for, and the check of a reply against one promise (examples.test.ts sends the files and checks them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../src/shared/callRecord';
import { parseRequestFile } from '../../src/core/requestFiles/requestFile';

export const EXAMPLES = path.resolve(__dirname, '../../../examples');

export type Json = Record<string, unknown>;

/** What one example's comments promise about its reply. */
export interface Promised {
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

export const PROMISES: Record<string, Promised[]> = {
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
export const TOOL_FIRST_TURN = { comment: 'Turn 2 is Claude asking for the tool (its stop_reason was "tool_use")', file: 'tool-use-first-turn.claude.json' };

export function readExample(name: string): { text: string; body: Json } {
  const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  const parsed = parseRequestFile(text);
  assert.ok(parsed.ok, `${name} parses`);
  return { text, body: parsed.body as Json };
}

/** The comment lines of a request file, without their `//`. */
export function commentsOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trimStart().startsWith('//'))
    .join('\n');
}

export function blocksOf(record: CallRecord): Json[] {
  return (record.message?.content ?? []) as Json[];
}

export function textOf(record: CallRecord): string {
  return blocksOf(record)
    .filter((b) => b.type === 'text')
    .map((b) => String(b.text))
    .join('');
}

/** The message without what differs between two calls of the same request (its id) or what only the SDK adds. */
export function comparable(record: CallRecord): Json {
  const { id: _id, parsed_output: _parsed, ...rest } = record.message as Json;
  return rest;
}

function lastUserText(body: Json): string {
  const messages = body.messages as { role: string; content: unknown }[];
  const last = [...messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

export function checkPromise(name: string, body: Json, promised: Promised, record: CallRecord): void {
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

// The stand-in's own answers read the whole request, for classes of input rather than one case each: earlier turns
// are recalled, stop sequences stop the answer, tool calls fit their tool's schema, tool results are used, JSON
// templates are followed, max_tokens cuts. Through the official SDK over real HTTP, streamed and not.
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { StandIn, startStandIn } from '../../src/standIn/server';

const KEY = 'sk-ant-fake-answers-test-key-000000000000000';
const MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
const PEOPLE = ['Ada', 'Kwame', 'Søren', 'Mei', 'Olusegun'];
const PLACES = ['Kyoto', 'Buenos Aires', 'Reykjavík', 'Nairobi', 'Tallinn'];

function textOf(message: Message): string {
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

describe('stand-in answers read the whole request', function () {
  this.timeout(30000);
  let standIn: StandIn;
  let sdk: Anthropic;

  /** Sends a request streamed and not, checks both give the same message, and returns it. */
  async function both(params: MessageCreateParamsNonStreaming): Promise<Message> {
    const json = await sdk.messages.create(params);
    const streamed = await sdk.messages.stream(params).finalMessage();
    const { id: _a, ...a } = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
    const { id: _b, parsed_output: _p, ...b } = JSON.parse(JSON.stringify(streamed)) as Record<string, unknown>;
    delete a.parsed_output;
    assert.deepEqual(b, a, 'the stream adds up to the JSON answer');
    return json;
  }

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY });
    sdk = new Anthropic({ apiKey: KEY, baseURL: standIn.url, maxRetries: 0 });
  });
  after(() => standIn.close());

  it('answers the last turn and shows what only the earlier turns said (a name, a place)', async () => {
    const intros = [(n: string) => `My name is ${n}.`, (n: string) => `Hi, I'm ${n}!`, (n: string) => `Please call me ${n}.`];
    for (let i = 0; i < PEOPLE.length; i++) {
      const person = PEOPLE[i];
      const place = PLACES[i];
      const last = i % 2 === 0 ? 'Remind me: what did I tell you?' : 'and what should I see first';
      const messages: MessageParam[] = [
        { role: 'user', content: `${intros[i % intros.length](person)} I am going to ${place} in spring.` },
        { role: 'assistant', content: `Spring is a fine time for it.` },
        { role: 'user', content: last },
      ];
      for (const model of MODELS) {
        const text = textOf(await both({ model, max_tokens: 1024, messages }));
        assert.ok(text.includes(last), `${model}: quotes the last turn:\n${text}`);
        assert.ok(text.includes(person), `${model}: recalls the name ${person}:\n${text}`);
        assert.ok(text.includes(place), `${model}: recalls the place ${place}:\n${text}`);
        const alone = textOf(await sdk.messages.create({ model, max_tokens: 1024, messages: [{ role: 'user', content: last }] }));
        assert.ok(!alone.includes(person) && !alone.includes(place), 'the last turn alone knows neither');
      }
    }
  });

  it('shows a fact given only in an earlier turn, named or not, wherever it was given', async () => {
    const facts = ['I have 3 cats', 'my budget is 1200 euros', 'the deadline is on the 14th'];
    for (const fact of facts) {
      for (const position of ['first', 'latest']) {
        const turns: MessageParam[] =
          position === 'first'
            ? [
                { role: 'user', content: `${fact}.` },
                { role: 'assistant', content: 'Noted.' },
                { role: 'user', content: 'And the weather is fine.' },
                { role: 'assistant', content: 'Good.' },
              ]
            : [
                { role: 'user', content: 'Hello there.' },
                { role: 'assistant', content: 'Hello.' },
                { role: 'user', content: `${fact}.` },
                { role: 'assistant', content: 'Noted.' },
              ];
        const messages: MessageParam[] = [...turns, { role: 'user', content: 'What did I tell you?' }];
        for (const model of position === 'first' ? MODELS : MODELS.slice(1)) {
          const text = textOf(await both({ model, max_tokens: 1024, messages }));
          assert.ok(text.includes(fact), `${model}, fact in the ${position} turn: ${text}`);
        }
      }
    }
  });

  it('stops on a stop sequence, whatever it is: the text cut before it, stop_sequence named', async () => {
    const sequences = ['END', '###', '</answer>', '\n\nQ:', 'STOP_HERE', '}}'];
    for (const sequence of sequences) {
      for (const model of MODELS) {
        const message = await both({ model, max_tokens: 1024, stop_sequences: [sequence], messages: [{ role: 'user', content: 'Tell me about tides.' }] });
        assert.equal(message.stop_reason, 'stop_sequence', JSON.stringify(sequence));
        assert.equal(message.stop_sequence, sequence);
        assert.ok(!textOf(message).includes(sequence));
        assert.ok(textOf(message).length > 0);
      }
    }
    // Of several, the one the text reaches first; here it is in the quoted question, before the end.
    const early = await both({ model: MODELS[1], max_tokens: 1024, stop_sequences: ['omega', 'beta'], messages: [{ role: 'user', content: 'alpha beta gamma' }] });
    assert.equal(early.stop_sequence, 'beta');
    assert.ok(textOf(early).endsWith('alpha '));
  });

  it('calls a tool the request defines, with an input valid against its schema, for schemas of every kind', async () => {
    const schemas: Record<string, unknown>[] = [
      { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      { type: 'object', properties: { count: { type: 'integer', minimum: 3, maximum: 9 }, ratio: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 } }, required: ['count', 'ratio'] },
      { type: 'object', properties: { tags: { type: 'array', items: { type: 'string', maxLength: 4 }, minItems: 2 } }, required: ['tags'] },
      { type: 'object', properties: { mode: { enum: ['fast', 'slow'] }, flag: { type: 'boolean' }, nothing: { type: 'null' } }, required: ['mode', 'flag', 'nothing'] },
      { type: 'object', properties: { when: { type: 'string', format: 'date' }, code: { type: 'string', minLength: 12 } }, required: ['when', 'code'] },
      { type: 'object', properties: { where: { $ref: '#/$defs/place' } }, required: ['where'], $defs: { place: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, required: ['lat', 'lon'] } } },
      { type: 'object', allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }] },
      { type: 'object', properties: { either: { anyOf: [{ type: 'integer', minimum: 10 }, { type: 'string' }] }, maybe: { type: ['null', 'string'] } }, required: ['either', 'maybe'], additionalProperties: false },
      { type: 'object', properties: {} },
    ];
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const [i, schema] of schemas.entries()) {
      const tools = [
        { name: 'first_tool', description: 'Something else entirely', input_schema: { type: 'object' as const } },
        { name: `tool_${i}`, description: 'Looks up the weather forecast', input_schema: schema as { type: 'object' } },
      ];
      for (const model of MODELS) {
        const message = await both({ model, max_tokens: 1024, tools, messages: [{ role: 'user', content: `What is the weather forecast in ${PLACES[i % PLACES.length]}?` }] });
        assert.equal(message.stop_reason, 'tool_use');
        const use = message.content.find((b) => b.type === 'tool_use');
        assert.ok(use && use.type === 'tool_use');
        assert.equal(use.name, `tool_${i}`, 'the tool whose description matches the question');
        const validate = ajv.compile(schema);
        assert.ok(validate(use.input), `schema ${i}: ${JSON.stringify(use.input)} ${JSON.stringify(validate.errors)}`);
      }
    }
  });

  it('answers a tool result by using its content, whatever its shape', async () => {
    const results: { content: unknown; is_error?: boolean; shows: string }[] = [
      { content: '21°C and dry', shows: '21°C and dry' },
      { content: [{ type: 'text', text: 'Queue is empty' }], shows: 'Queue is empty' },
      { content: 'city not found', is_error: true, shows: 'city not found' },
    ];
    for (const { content, is_error, shows } of results) {
      for (const model of MODELS) {
        const message = await both({
          model,
          max_tokens: 1024,
          tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
          messages: [
            { role: 'user', content: 'Look it up.' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01BBBBBBBBBBBBBBBBBBBBBB', name: 'lookup', input: {} }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01BBBBBBBBBBBBBBBBBBBBBB', content, ...(is_error ? { is_error } : {}) } as never] },
          ],
        });
        assert.equal(message.stop_reason, 'end_turn');
        const text = textOf(message);
        assert.ok(text.includes(shows) && text.includes('lookup'), text);
        assert.equal(/error/.test(text), is_error === true, text);
      }
    }
  });

  it('follows a JSON template in the system prompt: its keys, one of its choices for each', async () => {
    const templates: { system: string; keys: string[]; choices: Record<string, string[]> }[] = [
      { system: 'Reply in JSON: {"sentiment": "positive" | "negative" | "neutral", "why": "<short>"}', keys: ['sentiment', 'why'], choices: { sentiment: ['positive', 'negative', 'neutral'] } },
      { system: 'Output JSON only, like {"lang": "en" | "fr", "confidence": 0.5, "ok": true}', keys: ['lang', 'confidence', 'ok'], choices: { lang: ['en', 'fr'] } },
      { system: 'Return a JSON object.', keys: ['answer', 'note'], choices: {} },
    ];
    // Asked in the message itself, and not asked: a message that only names a file.json gets a plain answer.
    const asked = await both({ model: MODELS[0], max_tokens: 1024, messages: [{ role: 'user', content: 'Answer in JSON: {"city": "<name>"}. Where is the Louvre?' }] });
    assert.deepEqual(Object.keys(JSON.parse(textOf(asked)) as object), ['city']);
    const named = await both({ model: MODELS[0], max_tokens: 1024, messages: [{ role: 'user', content: 'Open `request.claude.json` and press Send. Then what?' }] });
    assert.ok(textOf(named).startsWith('(stand-in) You said: "Open `request.claude.json`'), textOf(named));
    for (const { system, keys, choices } of templates) {
      for (const model of MODELS) {
        const message = await both({ model, max_tokens: 1024, system, messages: [{ role: 'user', content: 'This is a negative review in fr.' }] });
        const parsed = JSON.parse(textOf(message)) as Record<string, unknown>;
        assert.deepEqual(Object.keys(parsed), keys);
        for (const [key, allowed] of Object.entries(choices)) {
          assert.ok(allowed.includes(parsed[key] as string), `${key}: ${String(parsed[key])}`);
        }
      }
    }
  });

  it('is cut at max_tokens with output_tokens = max_tokens, and not cut when it fits', async () => {
    for (const model of MODELS) {
      for (const maxTokens of [1, 2, 5, 13]) {
        const message = await both({ model, max_tokens: maxTokens, messages: [{ role: 'user', content: 'Tell me everything about rivers.' }] });
        assert.equal(message.stop_reason, 'max_tokens');
        assert.equal(message.usage.output_tokens, maxTokens);
      }
      const fits = await both({ model, max_tokens: 4096, messages: [{ role: 'user', content: 'Tell me everything about rivers.' }] });
      assert.equal(fits.stop_reason, 'end_turn');
      assert.ok(fits.usage.output_tokens < 4096);
    }
  });

  it('thinks first, with a signature, when thinking is enabled or adaptive', async () => {
    for (const thinking of [{ type: 'enabled' as const, budget_tokens: 1024 }, { type: 'adaptive' as const }]) {
      for (const model of MODELS) {
        const message = await both({ model, max_tokens: 2048, thinking, messages: [{ role: 'user', content: 'Why is the sky blue?' }] });
        assert.deepEqual(message.content.map((b) => b.type), ['thinking', 'text']);
        const block = message.content[0];
        assert.ok(block.type === 'thinking' && block.thinking.length > 0 && block.signature.length > 100);
      }
    }
  });
});

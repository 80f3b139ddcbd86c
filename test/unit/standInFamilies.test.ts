// The stand-in's models behave like their families, through the project's own client over real HTTP: a Haiku-class
// model answers sooner, faster and shorter than a Sonnet-class one, which does the same against an Opus-class one;
// the same request sent twice gets the same numbers, give or take the machine's noise. GET /v1/models lists a current
// model of each family, with a known price.
import * as assert from 'node:assert/strict';
import { sendMessage } from '../../src/core/client';
import type { CallRecord } from '../../src/shared/callRecord';
import { DEFAULT_MODEL } from '../../src/shared/defaults';
import { findPrice } from '../../src/shared/prices';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { FAMILIES, familyOf } from '../../src/standIn/family';
import { StandIn, startStandIn } from '../../src/standIn/server';

const KEY = 'sk-ant-fake-families-test-key-00000000000000';
/** Half the realistic pace: the order shows as clearly, in half the time. */
const LATENCY = 0.5;
const MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];

type Json = Record<string, unknown>;

/** Requests of every kind the canned answer makes, with words varied so no one sentence is what passes. */
function requests(): { kind: string; body: Json }[] {
  const people = ['Ada', 'Kofi', 'Ingrid'];
  const places = ['Kyoto', 'Nairobi', 'Lima'];
  return people.flatMap((person, i) => {
    const place = places[i];
    const tools = [{ name: 'find_flights', description: 'Flights to a city', input_schema: { type: 'object', properties: { destination: { type: 'string' } }, required: ['destination'] } }];
    return [
      { kind: 'one message', body: { max_tokens: 1024, messages: [{ role: 'user', content: `What should I pack for ${place}?` }] } },
      {
        kind: 'a conversation',
        body: {
          max_tokens: 1024,
          messages: [
            { role: 'user', content: `Hi, I'm ${person} and I fly to ${place} next week.` },
            { role: 'assistant', content: `Have a good trip to ${place}, ${person}.` },
            { role: 'user', content: 'What was my name again?' },
          ],
        },
      },
      { kind: 'a tool call', body: { max_tokens: 1024, tools, messages: [{ role: 'user', content: `Get me to ${place}.` }] } },
      {
        kind: 'a tool result',
        body: {
          max_tokens: 1024,
          tools,
          messages: [
            { role: 'user', content: `Get me to ${place}.` },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01AAAAAAAAAAAAAAAAAAAAAA', name: 'find_flights', input: { destination: place } }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01AAAAAAAAAAAAAAAAAAAAAA', content: `3 flights to ${place} on Friday` }] },
          ],
        },
      },
      {
        kind: 'a JSON template',
        body: { max_tokens: 512, system: 'Answer with JSON: {"mood": "calm" | "tense", "why": "<one sentence>"}', messages: [{ role: 'user', content: `${person} seems tense today.` }] },
      },
      { kind: 'a tagged list', body: { max_tokens: 512, stop_sequences: ['</todo>'], messages: [{ role: 'user', content: `Plan: book ${place}; pack; call ${person}.` }] } },
      { kind: 'thinking', body: { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: `Is ${place} far?` }] } },
    ];
  });
}

describe('stand-in model families', function () {
  this.timeout(60000);
  let standIn: StandIn;

  async function send(body: Json, model: string, stream: boolean): Promise<CallRecord> {
    const record = await sendMessage(effectiveRequest({ ...body, model }, { model: DEFAULT_MODEL, maxTokens: 1024, stream }), {
      apiKey: KEY,
      baseUrl: standIn.url,
      maxRetries: 0,
      source: { kind: 'cli' },
    });
    assert.equal(record.error, undefined, record.error?.message);
    return record;
  }

  const outputTokens = (record: CallRecord) => (record.message?.usage as { output_tokens: number }).output_tokens;

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY, latency: LATENCY });
    // The first call of a process pays for connecting and warming up; none of the measured ones should.
    await send({ max_tokens: 16, messages: [{ role: 'user', content: 'warm up' }] }, 'claude-haiku-5-5', false);
  });
  after(() => standIn.close());

  it('answers every kind of request shorter on Haiku than on Sonnet, and on Sonnet than on Opus', async () => {
    const quick = await startStandIn({ apiKey: KEY });
    try {
      for (const { kind, body } of requests()) {
        const tokens: number[] = [];
        for (const model of MODELS) {
          const record = await sendMessage(effectiveRequest({ ...body, model }, { model, maxTokens: 1024, stream: false }), {
            apiKey: KEY,
            baseUrl: quick.url,
            maxRetries: 0,
            source: { kind: 'cli' },
          });
          assert.equal(record.error, undefined, record.error?.message);
          tokens.push(outputTokens(record));
        }
        assert.ok(tokens[0] < tokens[1] && tokens[1] < tokens[2], `${kind}: output_tokens ${tokens.join(' < ')} for ${MODELS.join(', ')}`);
      }
    } finally {
      await quick.close();
    }
  });

  for (const stream of [false, true]) {
    it(`keeps the families' order of latency and length when each is sent twice (${stream ? 'streamed' : 'JSON'})`, async () => {
      const body = requests()[1].body;
      const runs: { model: string; first?: number; total: number; tokens: number }[][] = [];
      for (let round = 0; round < 2; round++) {
        const run = [];
        for (const model of MODELS) {
          const record = await send(body, model, stream);
          run.push({ model, first: record.timing.firstTokenMs, total: record.timing.totalMs ?? 0, tokens: outputTokens(record) });
        }
        runs.push(run);
      }
      for (const run of runs) {
        const shown = run.map((r) => `${r.model}: ${Math.round(r.first ?? r.total)} / ${Math.round(r.total)} ms, ${r.tokens} tokens`).join('; ');
        for (let i = 1; i < run.length; i++) {
          assert.ok(run[i - 1].total < run[i].total, `total time in family order: ${shown}`);
          assert.ok(run[i - 1].tokens < run[i].tokens, `output_tokens in family order: ${shown}`);
          if (stream) {
            assert.ok((run[i - 1].first ?? 0) < (run[i].first ?? 0), `time to first token in family order: ${shown}`);
          }
        }
      }
      // The same request gets the same numbers: equal tokens, times within the machine's noise (a 2-core machine
      // running other work, as CI's may, delays one request by a few hundred ms: 60 ms was seen to fail under load).
      runs[0].forEach((a, i) => {
        const b = runs[1][i];
        assert.equal(a.tokens, b.tokens, a.model);
        assert.ok(Math.abs(a.total - b.total) <= Math.max(300, 0.35 * a.total), `${a.model}: ${a.total} then ${b.total} ms`);
      });
      // And roughly the pace the README gives (scaled by LATENCY): the first token no sooner than the family's figure.
      for (const r of runs[0]) {
        const family = familyOf(r.model);
        assert.ok((r.first ?? r.total) >= family.firstTokenMs * LATENCY * 0.9, `${r.model} first token after ${r.first ?? r.total} ms`);
      }
    });
  }

  it('paces a stream cut into random writes, and it still adds up to the JSON answer', async () => {
    const body = { max_tokens: 1024, messages: [{ role: 'user', content: 'Chunks, please: ünïcödé 🙂' }] };
    const json = await send(body, 'claude-opus-5-5', false);
    standIn.enqueue({ kind: 'canned', chunking: { random: 3, maxBytes: 9 }, pings: true });
    const streamed = await send(body, 'claude-opus-5-5', true);
    const { id: _a, ...a } = json.message as Json;
    const { id: _b, parsed_output: _p, ...b } = streamed.message as Json;
    delete a.parsed_output;
    assert.deepEqual(b, a);
    assert.ok((streamed.timing.firstTokenMs ?? 0) >= FAMILIES.opus.firstTokenMs * LATENCY * 0.9, `first token after ${streamed.timing.firstTokenMs} ms`);
    assert.ok((streamed.timing.totalMs ?? 0) > (streamed.timing.firstTokenMs ?? 0) + 100, 'the rest follows at the family\'s pace');
  });

  it('answers at once with latency 0 (the default for tests)', async () => {
    const quick = await startStandIn({ apiKey: KEY });
    try {
      const started = Date.now();
      const record = await sendMessage(effectiveRequest({ model: 'claude-opus-5-5', max_tokens: 1024, messages: [{ role: 'user', content: 'quick' }] }, { model: DEFAULT_MODEL, maxTokens: 1024, stream: true }), {
        apiKey: KEY,
        baseUrl: quick.url,
        maxRetries: 0,
        source: { kind: 'cli' },
      });
      assert.equal(record.error, undefined);
      assert.ok(Date.now() - started < FAMILIES.opus.firstTokenMs, `${Date.now() - started} ms`);
    } finally {
      await quick.close();
    }
  });

  it('lists a current model of each family, with a known price', async () => {
    const response = await fetch(`${standIn.url}/v1/models?limit=1000`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
    const page = (await response.json()) as { data: { id: string; line: string | null; lifecycle: string; created_at: string; max_input_tokens: number; max_tokens: number; capabilities: Json }[] };
    for (const family of ['haiku', 'sonnet', 'opus']) {
      const current = page.data.filter((m) => m.line === family && m.lifecycle === 'active').sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
      assert.ok(current, `an active ${family} model`);
      assert.ok(current.id.includes(family), current.id);
      assert.ok(findPrice(current.id), `${current.id} has a price in src/shared/prices.ts`);
      assert.equal(familyOf(current.id).name, family);
      assert.ok(current.max_input_tokens > 0 && current.max_tokens > 0 && typeof current.capabilities === 'object');
    }
    assert.ok(page.data.some((m) => m.id === DEFAULT_MODEL), 'the default model is listed');
  });
});

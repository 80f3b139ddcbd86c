// The stand-in's behaviours for one model among several (what a comparison is tested against), over real HTTP:
// a directive written `for MODEL` holds for that model only; slow-fail is slow, then fails mid-stream; rate-limit:N
// limits one model while the others go on; and the stand-in's own log of what it sent (standIn.sent) agrees with
// what the client received.
import * as assert from 'node:assert/strict';
import { StandIn, startStandIn } from '../../src/standIn/server';

const KEY = ['sk', 'ant', 'per', 'model', 'test', 'key', '0000'].join('-');
const MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** ms from sending to the response's headers, and to its end, as the client saw them. */
  headersMs: number;
  totalMs: number;
}

async function send(standIn: StandIn, model: string, text: string, stream = false): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${standIn.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 1024, stream, messages: [{ role: 'user', content: text }] }),
  });
  const headersMs = performance.now() - started;
  const body = await response.text();
  return { status: response.status, headers: response.headers, text: body, headersMs, totalMs: performance.now() - started };
}

/** The SSE events of a stream, in order. */
function events(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      return { event: lines.find((l) => l.startsWith('event: '))!.slice(7), data: JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) };
    });
}

describe('stand-in: behaviours for one model among several', function () {
  this.timeout(30_000);
  let standIn: StandIn;
  const lines: string[] = [];

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY, log: (line) => lines.push(line) });
  });
  after(() => standIn.close());
  beforeEach(() => {
    standIn.reset();
    lines.length = 0;
  });

  // Every kind of directive (an error, a content scenario, a modifier) can be written for one model.
  for (const [directive, holds] of [
    ['overloaded', (a: Answer) => a.status === 529 && a.text.includes('overloaded_error')],
    ['empty', (a: Answer) => a.status === 200 && JSON.parse(a.text).content.length === 0],
    ['usage-full', (a: Answer) => a.status === 200 && JSON.parse(a.text).usage.service_tier === 'priority'],
  ] as [string, (a: Answer) => boolean][]) {
    it(`[[stand-in: ${directive} for MODEL]] holds for that model only, named in any case`, async () => {
      for (const target of MODELS) {
        const text = `Which queue? [[stand-in: ${directive} for ${target.toUpperCase()}]]`;
        const answers = await Promise.all(MODELS.map((model) => send(standIn, model, text)));
        answers.forEach((answer, i) => {
          const applies = MODELS[i] === target;
          assert.equal(holds(answer), applies, `${directive} for ${target}, sent to ${MODELS[i]}: ${answer.status} ${answer.text.slice(0, 120)}`);
          if (!applies) {
            assert.equal(answer.status, 200);
            assert.match(JSON.parse(answer.text).content[0].text, /^\(stand-in\) You said: "Which queue\?"/, 'the directive is not quoted');
          }
        });
      }
    });
  }

  it('an unknown name written for a model is answered with the known ones, for that model only', async () => {
    const text = '[[stand-in: nonsense for claude-opus-5-5]] [[stand-in: markdown:3]]';
    const opus = JSON.parse((await send(standIn, 'claude-opus-5-5', '[[stand-in: nonsense for claude-opus-5-5]]')).text);
    assert.match(opus.content[0].text, /^\(stand-in\) Unknown directive "nonsense"\. Write `\[\[stand-in: NAME\]\]` \(or `\[\[stand-in: NAME for MODEL\]\]`, for that model only\)/);
    for (const name of ['slow-fail', 'rate-limit:N', 'mid-stream-error']) {
      assert.ok(opus.content[0].text.includes(`\`${name}\``), name);
    }
    const haiku = JSON.parse((await send(standIn, 'claude-haiku-5-5', '[[stand-in: nonsense for claude-opus-5-5]]')).text);
    assert.doesNotMatch(haiku.content[0].text, /Unknown directive/);
    // A number only where a directive takes one.
    assert.match(JSON.parse((await send(standIn, 'claude-haiku-5-5', text)).text).content[0].text, /Unknown directive "markdown:3"/);
  });

  it('slow-fail: late headers, some text one write at a time, then an error event; the other models answer at once', async () => {
    const text = 'Which queue? [[stand-in: slow-fail for claude-opus-5-5]]';
    const [haiku, opus] = await Promise.all([send(standIn, 'claude-haiku-5-5', text, true), send(standIn, 'claude-opus-5-5', text, true)]);
    assert.equal(opus.status, 200, 'the stream starts as any other');
    assert.ok(opus.headersMs >= 900, `headers after ${Math.round(opus.headersMs)} ms`);
    const sent = events(opus.text);
    const deltas = sent.filter((e) => e.event === 'content_block_delta');
    assert.ok(deltas.length >= 2, `${deltas.length} deltas before the error`);
    assert.equal(sent[sent.length - 1].event, 'error');
    assert.equal((sent[sent.length - 1].data.error as { type: string }).type, 'overloaded_error');
    assert.ok(!sent.some((e) => e.event === 'message_stop'));
    assert.ok(opus.totalMs >= opus.headersMs + 3 * 150 - 50, `the writes are spread: ${Math.round(opus.totalMs)} ms in all`);
    // The others are not held up: Haiku's whole stream ends before Opus's headers come.
    assert.equal(events(haiku.text).pop()?.event, 'message_stop');
    assert.ok(haiku.totalMs < opus.headersMs, `Haiku ${Math.round(haiku.totalMs)} ms, Opus's headers ${Math.round(opus.headersMs)} ms`);
    // The log: Opus failed mid-stream (no output tokens claimed), Haiku complete.
    const logged = (model: string) => standIn.sent.find((s) => s.model === model)!;
    assert.deepEqual(
      { status: logged('claude-opus-5-5').status, errorType: logged('claude-opus-5-5').errorType, outputTokens: logged('claude-opus-5-5').outputTokens },
      { status: 200, errorType: 'overloaded_error', outputTokens: undefined },
    );
    assert.ok(logged('claude-opus-5-5').headersMs! >= 1000 && logged('claude-opus-5-5').firstTokenMs! > logged('claude-opus-5-5').headersMs!);
    assert.equal(logged('claude-haiku-5-5').stopReason, 'end_turn');
  });

  it('slow-fail, not streamed: a 529 after about 2 s', async () => {
    const answer = await send(standIn, 'claude-sonnet-5-5', '[[stand-in: slow-fail for claude-sonnet-5-5]]');
    assert.equal(answer.status, 529);
    assert.match(answer.text, /overloaded_error/);
    assert.ok(answer.headersMs >= 1900, `${Math.round(answer.headersMs)} ms`);
  });

  for (const limit of [1, 3]) {
    it(`rate-limit:${limit} for one model: ${limit} of its requests a second get in, the rest a 429 with retry-after; the others are not counted`, async () => {
      const text = `Which queue? [[stand-in: rate-limit:${limit} for claude-sonnet-5-5]]`;
      const burst = limit + 2;
      const sonnet = await Promise.all(Array.from({ length: burst }, () => send(standIn, 'claude-sonnet-5-5', text)));
      const others = await Promise.all(Array.from({ length: burst }, (_, i) => send(standIn, i % 2 ? 'claude-haiku-5-5' : 'claude-opus-5-5', text)));
      assert.equal(sonnet.filter((a) => a.status === 200).length, limit);
      const refused = sonnet.filter((a) => a.status === 429);
      assert.equal(refused.length, burst - limit);
      for (const answer of refused) {
        assert.equal(answer.headers.get('retry-after'), '1');
        assert.equal(answer.headers.get('anthropic-ratelimit-requests-remaining'), '0');
        const body = JSON.parse(answer.text) as { error: { type: string; message: string } };
        assert.equal(body.error.type, 'rate_limit_error');
        assert.match(body.error.message, new RegExp(`${limit} requests? per second for claude-sonnet-5-5`));
      }
      assert.deepEqual(others.map((a) => a.status), others.map(() => 200), 'the other models go on');
      // Waited as asked, it gets in.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal((await send(standIn, 'claude-sonnet-5-5', text)).status, 200);
      // The log says the same, with the retry-after it sent.
      const logged = standIn.sent.filter((s) => s.model === 'claude-sonnet-5-5');
      assert.equal(logged.filter((s) => s.status === 429 && s.errorType === 'rate_limit_error' && s.retryAfter === '1').length, burst - limit);
      assert.ok(lines.some((line) => /^POST \/v1\/messages 429 claude-sonnet-5-5 rate-limited \d+ ms \(headers \d+ ms, rate_limit_error, retry-after 1\)$/.test(line)), lines.join('\n'));
    });
  }

  it('rate-limit:N without a model counts every model against one limit', async () => {
    const text = '[[stand-in: rate-limit:2]]';
    const answers = await Promise.all(MODELS.map((model) => send(standIn, model, text)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 429]);
  });

  for (const stream of [false, true]) {
    it(`the log of what was sent agrees with what the client received (${stream ? 'streamed' : 'JSON'})`, async () => {
      const answers = await Promise.all(MODELS.map((model) => send(standIn, model, 'Which model is faster?', stream)));
      assert.equal(standIn.sent.length, MODELS.length);
      for (const [i, model] of MODELS.entries()) {
        const answer = answers[i];
        const message = stream
          ? { usage: { ...(events(answer.text)[0].data.message as { usage: object }).usage, ...(events(answer.text).find((e) => e.event === 'message_delta')!.data.usage as object) }, stop_reason: (events(answer.text).find((e) => e.event === 'message_delta')!.data.delta as { stop_reason: string }).stop_reason }
          : (JSON.parse(answer.text) as { usage: { input_tokens: number; output_tokens: number }; stop_reason: string });
        const entry = standIn.sent.find((s) => s.model === model)!;
        const usage = message.usage as { input_tokens: number; output_tokens: number };
        assert.deepEqual(
          { status: entry.status, stream: entry.stream, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens, stopReason: entry.stopReason, errorType: entry.errorType },
          { status: 200, stream, inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, stopReason: message.stop_reason, errorType: undefined },
        );
        // The server's times are inside the client's: it got the request after it was sent and answered before it arrived.
        assert.ok(entry.headersMs! <= answer.headersMs + 2 && entry.totalMs <= answer.totalMs + 2, `${model}: ${JSON.stringify(entry)} vs client ${answer.headersMs}/${answer.totalMs}`);
        if (stream) {
          assert.ok(entry.firstTokenMs! >= entry.headersMs! && entry.totalMs >= entry.firstTokenMs!);
        } else {
          assert.equal(entry.firstTokenMs, undefined);
        }
      }
      assert.ok(lines.every((line) => !line.includes(KEY)));
      assert.ok(lines.some((line) => new RegExp(`^POST /v1/messages 200 claude-haiku-5-5${stream ? ' stream' : ''} \\d+ ms \\(headers \\d+ ms, ${stream ? 'first token \\d+ ms, ' : ''}\\d+ output tokens\\)$`).test(line)), lines.join('\n'));
    });
  }
});

// Events a stream carries after its message ended (anything after message_stop) or that belong to another message
// (a second message_start and everything after it): never folded into the message, never dropped in silence. For
// random streams with such events at random places, the message is the first one as it stood, the call is an error
// that names the first such event, and every such event is kept as it arrived, in the record, --json and the text.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMessage } from '../../src/core/client';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { seededRng } from '../../src/standIn/random';
import { runCli } from '../support/runCli';

const SEED = Number(process.env.STREAM_END_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KEY = ['sk', 'ant', 'stream', 'end', 'not', 'real', 'key0'].join('-');

type Event = [string, Record<string, unknown>];
const sse = (events: Event[]) => events.map(([type, data]) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`).join('');

/** A whole message's events, its text made of `words`. */
function messageEvents(id: string, words: string[]): Event[] {
  return [
    ['message_start', { message: { id, type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } } }],
    ['content_block_start', { index: 0, content_block: { type: 'text', text: '' } }],
    ...words.map((text): Event => ['content_block_delta', { index: 0, delta: { type: 'text_delta', text } }]),
    ['content_block_stop', { index: 0 }],
    ['message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } }],
    ['message_stop', {}],
  ];
}

describe(`stream events after the message's end (seed ${SEED}; STREAM_END_SEED=${SEED} replays it)`, function () {
  this.timeout(60000);
  const rng = seededRng(SEED);
  const word = () => `w${Math.floor(rng() * 1e9).toString(36)} `;
  let server: Server;
  let body = '';
  let url = '';

  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = () =>
    sendMessage(effectiveRequest({ messages: [{ role: 'user', content: 'hi' }] }, { model: 'claude-sonnet-5-5', maxTokens: 16, stream: true }), {
      apiKey: KEY, baseUrl: url, timeoutMs: 5000, maxRetries: 0, source: { kind: 'cli' },
    });

  /** Late events of every kind: deltas, a block, a message_delta, another message_stop, an unknown event, a whole second message. */
  function lateEvents(): Event[] {
    const kinds: (() => Event[])[] = [
      () => [['content_block_delta', { index: 0, delta: { type: 'text_delta', text: word() } }]],
      () => [['content_block_start', { index: 1, content_block: { type: 'text', text: word() } }]],
      () => [['message_delta', { delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 99 } }]],
      () => [['message_stop', {}]],
      () => [['surprise', { note: word() }]],
      () => messageEvents('msg_second', [word(), word()]),
    ];
    return kinds[Math.floor(rng() * kinds.length)]();
  }

  it('after message_stop: the message as it stood at its stop, the call an error naming the event, every late event kept', async () => {
    for (let i = 0; i < 20; i++) {
      const words = [word(), word()];
      const late = [...lateEvents(), ...(rng() < 0.5 ? lateEvents() : [])];
      body = sse([...messageEvents('msg_first', words), ...late]);
      const record = await send();
      const first = messageEvents('msg_first', words).length;
      assert.equal(record.error?.kind, 'unexpected-response', `seed ${SEED}: ${JSON.stringify(record.error)}`);
      assert.match(record.error!.message, new RegExp(`event ${first + 1} \\(${late[0][0]}\\): it came after message_stop`));
      assert.deepEqual((record.message?.content as { text: string }[])[0].text, words.join(''), `seed ${SEED}: the first message is kept whole`);
      assert.equal(record.message?.id, 'msg_first');
      assert.equal(record.message?.stop_reason, 'end_turn', 'a late message_delta changes nothing');
      assert.ok(!record.incomplete, 'the stream did not break off');
      assert.deepEqual(record.unfoldedEvents?.map((e) => [e.event, e.data]), late.map(([type, data]) => [type, { type, ...data }]), `seed ${SEED}: every late event, as it arrived`);
    }
  });

  it('a second message_start mid-message: the first message as it stood, the second one and all after it kept aside', async () => {
    for (let i = 0; i < 20; i++) {
      const first = messageEvents('msg_first', [word(), word(), word()]);
      const cut = 1 + Math.floor(rng() * (first.length - 2)); // after message_start, before message_stop
      const second = messageEvents('msg_second', [word(), word()]);
      body = sse([...first.slice(0, cut), ...second]);
      const record = await send();
      assert.equal(record.error?.kind, 'unexpected-response', `seed ${SEED}: ${JSON.stringify(record.error)}`);
      assert.match(record.error!.message, new RegExp(`event ${cut + 1} \\(message_start\\): a second message_start`));
      assert.equal(record.message?.id, 'msg_first');
      const shown = ((record.message?.content ?? []) as { text?: string }[]).map((b) => b.text ?? '').join('');
      const arrived = first.slice(0, cut).filter(([t]) => t === 'content_block_delta').map(([, d]) => (d.delta as { text: string }).text).join('');
      assert.equal(shown, arrived, `seed ${SEED}: nothing of the second message is folded into the first`);
      assert.equal(record.unfoldedEvents?.length, second.length, `seed ${SEED}: the second message's events are all kept`);
      assert.equal(record.unfoldedEvents?.[0].event, 'message_start');
    }
  });

  it('a ping after message_stop is no fault', async () => {
    body = sse([...messageEvents('msg_first', ['only ']), ['ping', {}]]);
    const record = await send();
    assert.equal(record.error, undefined);
    assert.equal(record.unfoldedEvents, undefined);
  });

  it('the CLI shows the late events in its text and lists them in --json (exit 1)', async () => {
    const lateWord = word().trim();
    body = sse([...messageEvents('msg_first', ['kept ']), ['content_block_delta', { index: 0, delta: { type: 'text_delta', text: lateWord } }]]);
    const file = require('node:path').join(require('node:os').tmpdir(), `stream-end-${process.pid}.claude.json`);
    require('node:fs').writeFileSync(file, '{"model": "claude-sonnet-5-5", "max_tokens": 16, "stream": true, "messages": [{"role": "user", "content": "hi"}]}');
    const env = { ANTHROPIC_API_KEY: KEY };
    const text = await runCli(['send', file, '--base-url', url, '--max-retries', '0'], { env });
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stderr, /not folded into the message above[\s\S]*event 7 \(content_block_delta\)/);
    assert.ok(text.stdout.includes(lateWord) || text.stderr.includes(lateWord), 'the late text is shown');
    assert.ok(!/stream broke off/.test(text.stdout + text.stderr), 'the stream did not break off');
    const json = await runCli(['send', file, '--base-url', url, '--max-retries', '0', '--json'], { env });
    assert.equal(json.code, 1);
    const out = JSON.parse(json.stdout) as { unfoldedEvents: { event: string; data: { delta: { text: string } } }[] };
    assert.equal(out.unfoldedEvents[0].data.delta.text, lateWord);
    require('node:fs').rmSync(file, { force: true });
  });
});

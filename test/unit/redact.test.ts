// Every class of secret (by header name, URL userinfo, key-shaped, a cut-short echo, a secret split across writes)
// in every output this part owns: texts and errors, headers, the streaming writer, the SDK's logger, the curl, and
// the CLI end to end in redactCli.test.ts.
import * as assert from 'node:assert/strict';
import { toCurl } from '../../src/core/code/curl';
import { toCallError } from '../../src/core/callError';
import { KEY_PLACEHOLDER, maskHeaders, Redactor, redactDeep, redactHeaders, redactKey, redactResponseHeaders, redactText } from '../../src/core/secrets/redact';
import { RedactingWriter, redactingLogger } from '../../src/core/secrets/redactingWriter';
import { assertClean, COOKIE, FOREIGN, GATEWAY, KEY, PASSWORD } from '../support/redactSecrets';
// The stand-in's seeded generator (mulberry32): the same sequence for the same seed, so a printed seed replays.
import { seededRng } from '../../src/standIn/random';

const SEED = Number(process.env.REDACT_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Texts in which each class of secret appears, among ordinary words. */
function leakyTexts(): string[] {
  return [
    `the key is ${KEY}, really`,
    `echo: "${KEY.slice(0, 16)}…" and "…${KEY.slice(-14)}"`,
    `a cut-short echo ${KEY.slice(0, 12)}... and one of another key ${FOREIGN.slice(0, 20)}…`,
    `someone else's key ${FOREIGN} in a body`,
    `proxy at https://admin:${PASSWORD}@proxy.example:8080/path and http://${GATEWAY}@host/`,
    `{"authorization":"Bearer ${GATEWAY}","text":"${KEY}"}`,
    `cookie ${COOKIE}; and json-escaped ${JSON.stringify(KEY)}`,
  ];
}

function secrets(): Redactor {
  return new Redactor([
    { value: KEY, variable: 'ANTHROPIC_API_KEY' },
    { value: GATEWAY, variable: 'CLAUDE_HEADER_X_GATEWAY_TOKEN' },
    { value: COOKIE },
    { value: PASSWORD },
  ]);
}

describe('redaction', () => {
  describe('texts', () => {
    it('masks every class: the key, an echo of its start or end, any key-shaped text, URL userinfo, other secrets', () => {
      const redactor = secrets();
      for (const text of leakyTexts()) {
        assertClean(redactor.redact(text), 'Redactor.redact');
      }
      assert.equal(redactor.redact(`key ${KEY}.`), `key ${KEY_PLACEHOLDER}.`);
      assert.equal(redactor.redact('https://u:p@h/x'), 'https://***:***@h/x');
      assert.equal(redactor.redact('ssh://user@h'), 'ssh://***@h');
      assert.equal(redactor.redact(`${FOREIGN.slice(0, 20)}…`), 'sk-ant-***…');
    });

    it('masks a secret echoed encoded: every byte URL-encoded (either case), base64 or base64url at any alignment, whole or inside a blob', () => {
      const redactor = secrets();
      const rng = seededRng(SEED);
      for (const secret of [KEY, GATEWAY, COOKIE, PASSWORD]) {
        const percent = [...Buffer.from(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const around = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
        const blobs = [0, 1, 2].map((n) => Buffer.concat([around(n), Buffer.from(secret), around(Math.floor(rng() * 5))]).toString('base64'));
        for (const text of [percent, percent.toUpperCase(), ...blobs, ...blobs.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_'))]) {
          const out = redactor.redact(`echo=${text};`);
          // What is left of the blob: the characters that mix in its neighbours' bytes (the 3 bytes at each end).
          assert.ok(out.length < text.length, `seed ${SEED}: ${JSON.stringify(text)} came out whole: ${out}`);
          assert.ok(out.includes('***') && !out.includes(KEY_PLACEHOLDER), `seed ${SEED}: an encoded echo is ***, never the variable a shell would expand: ${out}`);
          assert.ok(/^echo=.{0,12}\*\*\*.{0,12};$/.test(out), `seed ${SEED}: ${out}`);
        }
      }
    });

    it('leaves ordinary text alone, and the placeholders it writes itself', () => {
      const redactor = secrets();
      const text = 'Hello: "$ANTHROPIC_API_KEY", sk-ant- alone, https://api.anthropic.com/v1/messages, a@b.c';
      assert.equal(redactor.redact(text), text);
    });

    it('redactKey and redactText keep their signatures and mask every class with the key given', () => {
      for (const text of leakyTexts()) {
        const out = redactKey(redactText(text, KEY), KEY);
        assert.ok(!out.includes(KEY) && !out.includes(FOREIGN) && !out.includes(PASSWORD));
      }
      assert.equal(redactKey('plain', undefined), 'plain');
    });

    it('masks call errors, whatever the SDK put in them', () => {
      const error = toCallError(new Error(`boom ${KEY} via https://u:${PASSWORD}@proxy and ${FOREIGN}`), { apiKey: KEY });
      assert.ok(!error.message.includes(KEY) && !error.message.includes(PASSWORD) && !error.message.includes(FOREIGN), error.message);
    });
  });

  describe('headers', () => {
    it('masks by name whatever the value, and marks each masked header with the variable a curl reads', () => {
      const { headers, masked } = maskHeaders(
        [
          ['Authorization', `Bearer ${KEY}`],
          ['x-api-key', 'short'],
          ['proxy-authorization', `Basic ${GATEWAY}`],
          ['cookie', COOKIE],
          ['set-cookie', 'a=b'],
          ['x-gateway-token', GATEWAY],
          ['x-note', '$ANTHROPIC_API_KEY'],
          ['x-echo', `see ${KEY}`],
          ['anthropic-version', '2023-06-01'],
        ],
        KEY,
      );
      assert.equal(headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
      assert.deepEqual(masked?.authorization, { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' });
      assert.equal(headers['x-api-key'], '$CLAUDE_HEADER_X_API_KEY');
      assert.equal(headers['proxy-authorization'], 'Basic $CLAUDE_HEADER_PROXY_AUTHORIZATION');
      assert.equal(headers.cookie, '$CLAUDE_HEADER_COOKIE');
      assert.equal(headers['set-cookie'], '$CLAUDE_HEADER_SET_COOKIE');
      assert.equal(headers['x-gateway-token'], '$CLAUDE_HEADER_X_GATEWAY_TOKEN');
      // A value that only reads like the placeholder is no secret: shown and sent as written.
      assert.equal(headers['x-note'], '$ANTHROPIC_API_KEY');
      assert.equal(masked?.['x-note'], undefined);
      // A header that is not secret by name but holds a secret is masked too.
      assert.equal(masked?.['x-echo']?.variable, 'CLAUDE_HEADER_X_ECHO');
      assert.equal(headers['anthropic-version'], '2023-06-01');
      assertClean(JSON.stringify(headers), 'maskHeaders');
      assert.deepEqual(redactHeaders([['X-Api-Key', KEY]], KEY), { 'x-api-key': '$ANTHROPIC_API_KEY' });
    });
  });

  describe('records and response headers (for the panel and the record)', () => {
    it('masks set-cookie and the other secret names whatever the value, and every secret in every string', () => {
      redactText('', KEY);
      const headers = redactResponseHeaders([['Set-Cookie', 'sid=abc'], ['x-echo', `you sent ${KEY}`], ['request-id', 'req_1']]);
      assert.deepEqual(headers, { 'set-cookie': '***', 'x-echo': `you sent ${KEY_PLACEHOLDER}`, 'request-id': 'req_1' });
      const record = {
        request: { headers: { authorization: 'Bearer $ANTHROPIC_API_KEY' }, body: `{"k":"${KEY}"}` },
        response: { headers: { 'set-cookie': 'sid=abc', cookie: 'c=d' } },
        message: { content: [{ type: 'text', text: `echo ${FOREIGN} https://u:${PASSWORD}@h` }, { type: 'thinking', signature: 'kept' }] },
      };
      const shown = redactDeep(record);
      assert.equal(shown.request.headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
      assert.equal(shown.response.headers['set-cookie'], '***');
      assert.equal(shown.response.headers.cookie, '***');
      assert.equal((shown.message.content[1] as { signature: string }).signature, 'kept');
      assertClean(JSON.stringify(shown), 'redactDeep');
      assert.notEqual(record.response.headers['set-cookie'], '***', 'the original is left as it was');
    });
  });

  describe(`the streaming writer (seed ${SEED}; REDACT_SEED=${SEED} replays it)`, () => {
    it('masks secrets cut anywhere between writes, and prints the same as one redaction of the whole', () => {
      const random = seededRng(SEED);
      const redactor = secrets();
      for (const text of leakyTexts()) {
        for (let round = 0; round < 40; round++) {
          let out = '';
          const writer = new RedactingWriter({ write: (t: string) => (out += t) }, redactor);
          let at = 0;
          while (at < text.length) {
            const n = 1 + Math.floor(random() * 6);
            writer.write(text.slice(at, at + n));
            at += n;
          }
          writer.flush();
          assert.equal(out, redactor.redact(text), `seed ${SEED}: ${text}`);
          assertClean(out, `writer (seed ${SEED})`);
        }
      }
    });

    it('holds back only what may still become a secret', () => {
      let out = '';
      const writer = new RedactingWriter({ write: (t: string) => (out += t) }, secrets());
      writer.write('Hello world. The key: sk-ant-ap');
      assert.equal(out, 'Hello world. The key: ');
      writer.write('i03-abc and more');
      assert.ok(out.startsWith('Hello world. The key: sk-ant-*** and m'), out);
      writer.flush();
      assert.equal(out, 'Hello world. The key: sk-ant-*** and more');
    });
  });

  describe("the SDK's logger", () => {
    it('masks header values by name and every secret in the text', () => {
      const lines: string[] = [];
      const sink = (line: string) => lines.push(line);
      const logger = redactingLogger({ error: sink, warn: sink, info: sink, debug: sink }, secrets());
      logger.debug('sending request', { headers: { authorization: 'Bearer whatever-it-is', 'x-api-key': 'anything', accept: 'json' }, url: `https://u:${PASSWORD}@h` });
      logger.warn(`retrying with ${KEY}`);
      logger.info(`cookie ${COOKIE}`);
      const all = lines.join('\n');
      assertClean(all, 'logger');
      assert.ok(!all.includes('whatever-it-is') && !all.includes('anything'), all);
      assert.match(all, /accept: 'json'/);
    });
  });

  describe('the curl', () => {
    it('writes masked headers as variables, and a value that reads "$ANTHROPIC_API_KEY" as those characters', async () => {
      const curl = toCurl({
        method: 'POST',
        url: 'http://127.0.0.1:9/v1/messages',
        headers: { authorization: 'Bearer $ANTHROPIC_API_KEY', 'x-gateway-token': '$CLAUDE_HEADER_X_GATEWAY_TOKEN', cookie: 'left unmarked', 'x-note': '$ANTHROPIC_API_KEY `id` $(id)' },
        masked: { authorization: { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' }, 'x-gateway-token': { variable: 'CLAUDE_HEADER_X_GATEWAY_TOKEN' } },
        body: `{"text":"${FOREIGN}"}`,
      }, { redactor: secrets() });
      assert.match(curl, /-H 'authorization: Bearer '"\$ANTHROPIC_API_KEY"/);
      assert.match(curl, /-H 'x-gateway-token: '"\$CLAUDE_HEADER_X_GATEWAY_TOKEN"/);
      // A secret-named header that the record did not mark is still never written.
      assert.match(curl, /-H 'cookie: '"\$CLAUDE_HEADER_COOKIE"/);
      assert.match(curl, /-H 'x-note: \$ANTHROPIC_API_KEY `id` \$\(id\)'/);
      assertClean(curl, 'curl');
    });
  });
});

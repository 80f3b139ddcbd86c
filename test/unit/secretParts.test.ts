// A secret header's value is often made of parts (a cookie's pairs, Basic credentials, a scheme and a token), and a
// server may echo one part alone. Every part, of random headers of each kind given in ANTHROPIC_CUSTOM_HEADERS or on
// the request, is masked when echoed whole, cut short at its start or end, URL-encoded or in base64.
import * as assert from 'node:assert/strict';
import { redactText } from '../../src/core/secrets/redact';
import { maskHeaders } from '../../src/core/secrets/secretHeaders';
import { rememberSecretsInPlay } from '../../src/core/secrets/secretsInPlay';
import { seededRng } from '../../src/standIn/random';

const SEED = Number(process.env.SECRET_PARTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';

describe(`secret parts of header values (seed ${SEED}; SECRET_PARTS_SEED=${SEED} replays it)`, function () {
  this.timeout(20000);
  const rng = seededRng(SEED);
  const token = (n: number) => Array.from({ length: n }, () => ALPHABET[Math.floor(rng() * ALPHABET.length)]).join('');
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  /** A secret header of one kind, and the parts of it that are secrets a server may echo alone. */
  function header(): { name: string; value: string; parts: string[] } {
    const [a, b] = [`v${token(16 + Math.floor(rng() * 20))}`, `p${token(16 + Math.floor(rng() * 20))}`];
    switch (Math.floor(rng() * 5)) {
      case 0:
        return { name: 'cookie', value: `theme=dark; session=${a}; csrf="${b}"`, parts: [a, b] };
      case 1:
        return { name: 'proxy-authorization', value: `Basic ${b64(`${a}:${b}`)}`, parts: [a, b] };
      case 2:
        return { name: 'x-gateway-auth', value: `Token ${a}`, parts: [a] };
      case 3:
        return { name: 'x-session-token', value: `id=${a}, sig=${b}`, parts: [a, b] };
      default:
        return { name: 'authorization', value: `Bearer ${a}`, parts: [a] };
    }
  }

  /** Each way a server may echo a part: whole, its start or end cut short, URL-encoded, base64, among words. */
  const echoes = (part: string) => [part, part.slice(0, 14), part.slice(-13), encodeURIComponent(`${part}/`), b64(`x${part}`).slice(4, -4), b64(part)];

  function assertMasked(part: string) {
    for (const echo of echoes(part)) {
      const shown = redactText(`the server said: ${echo}!`);
      assert.ok(!shown.includes(echo), `seed ${SEED}: ${JSON.stringify(echo)} (of ${part}) shown in ${JSON.stringify(shown)}`);
    }
  }

  it('from ANTHROPIC_CUSTOM_HEADERS: every part of every secret header is masked wherever it is echoed', () => {
    for (let i = 0; i < 25; i++) {
      const { name, value, parts } = header();
      rememberSecretsInPlay({ env: { ANTHROPIC_CUSTOM_HEADERS: `${name}: ${value}` } });
      parts.forEach(assertMasked);
    }
  });

  it('from the headers of a request: every part is masked once the headers were shown', () => {
    for (let i = 0; i < 25; i++) {
      const { name, value, parts } = header();
      const shown = maskHeaders([[name, value], ['content-type', 'application/json']], undefined);
      assert.ok(!JSON.stringify(shown).includes(parts[0]), `seed ${SEED}: ${name} shown`);
      parts.forEach(assertMasked);
    }
  });

  it('ordinary words are left alone', () => {
    rememberSecretsInPlay({ env: { ANTHROPIC_CUSTOM_HEADERS: 'cookie: theme=dark; lang=en' } });
    assert.equal(redactText('theme dark, lang en, Basic and Bearer'), 'theme dark, lang en, Basic and Bearer');
  });
});

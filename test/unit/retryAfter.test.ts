// retry-after and retry-after-ms as HTTP defines them, for any value a hostile server may send: decimal seconds and
// the three HTTP date forms are waits; numerals that only JavaScript reads ("0x10", "1e9", "Infinity") and strings
// that Date.parse takes but are no HTTP date ("Jan 2099", "1, 2") are no instruction, so the SDK's backoff applies.
import * as assert from 'node:assert/strict';
import { retryAfterMs } from '../../src/core/capture/retry';
import { seededRng } from '../../src/standIn/random';

const SEED = Number(process.env.RETRY_AFTER_SEED ?? Math.floor(Math.random() * 2 ** 31));
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A date in each of the three forms HTTP allows (RFC 9110 5.6.7). */
function httpDates(at: Date): string[] {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  const [d, m, y] = [at.getUTCDate(), MONTHS[at.getUTCMonth()], at.getUTCFullYear()];
  return [
    `${DAYS[at.getUTCDay()]}, ${two(d)} ${m} ${y} ${time} GMT`,
    `${FULL_DAYS[at.getUTCDay()]}, ${two(d)}-${m}-${String(y).slice(2)} ${time} GMT`,
    `${DAYS[at.getUTCDay()]} ${m} ${String(d).padStart(2, ' ')} ${time} ${y}`,
  ];
}

describe(`retry-after from a hostile server (seed ${SEED}; RETRY_AFTER_SEED=${SEED} replays it)`, () => {
  const rng = seededRng(SEED);
  const now = Date.parse('2026-11-30T12:00:00Z');
  const wait = (name: string, value: string) => retryAfterMs(new Headers({ [name]: value }), now);

  it('decimal seconds (and milliseconds) are waits, with the spaces around them HTTP allows', () => {
    for (let i = 0; i < 200; i++) {
      const whole = Math.floor(rng() * 100000);
      const fraction = rng() < 0.5 ? '' : `.${Math.floor(rng() * 1000)}`;
      const pad = rng() < 0.3 ? ' \t'.slice(0, 1 + Math.floor(rng() * 2)) : '';
      const text = `${pad}${whole}${fraction}${pad}`;
      assert.equal(wait('retry-after', text), Number(`${whole}${fraction}`) * 1000, JSON.stringify(text));
      assert.equal(wait('retry-after-ms', text), Number(`${whole}${fraction}`), JSON.stringify(text));
    }
  });

  it('numerals only JavaScript reads, signs and junk are no wait, whichever header carries them', () => {
    const digits = () => String(1 + Math.floor(rng() * 999));
    const makers = [
      () => `0x${Math.floor(rng() * 0xffff).toString(16)}`,
      () => `0o${Math.floor(rng() * 0o777).toString(8)}`,
      () => `0b${Math.floor(rng() * 255).toString(2)}`,
      () => `${digits()}e${digits()}`,
      () => `${digits()}E-2`,
      () => `-${digits()}`,
      () => `+${digits()}`,
      () => `${digits()}.`,
      () => `.${digits()}`,
      () => `${digits()} ${digits()}`,
      () => `${digits()}s`,
      () => 'Infinity',
      () => 'NaN',
      () => `${digits()}_000`,
      () => `\u00b2${digits()}`,
    ];
    for (let i = 0; i < 300; i++) {
      const text = makers[Math.floor(rng() * makers.length)]();
      assert.equal(wait('retry-after', text), undefined, `retry-after ${JSON.stringify(text)}`);
      assert.equal(wait('retry-after-ms', text), undefined, `retry-after-ms ${JSON.stringify(text)}`);
    }
  });

  it('HTTP dates in each of the three forms are waits until that moment (GMT, whatever the local zone)', () => {
    for (let i = 0; i < 100; i++) {
      const seconds = Math.floor(rng() * 7200) - 3600;
      for (const text of httpDates(new Date(now + seconds * 1000))) {
        assert.equal(wait('retry-after', text), Math.max(0, seconds * 1000), text);
      }
    }
  });

  it('what Date.parse takes but is no HTTP date is no wait ("Jan 2099" is not a wait of 73 years)', () => {
    for (const text of ['2099-01-01', '1, 2', 'Jan 2099', '2026-12-01T00:00:00Z', '12/31/2099', 'tomorrow', 'Thu, 99 Foo 2020 99:99:99 GMT', 'December 17, 2099']) {
      assert.equal(wait('retry-after', text), undefined, text);
    }
  });
});

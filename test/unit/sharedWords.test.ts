// One formatter per fact, in shared/: counts, a call's time, times to the millisecond, waits, times of day, days,
// models, prices per million tokens, and where a price comes from (a field, not a string compared elsewhere).
import * as assert from 'node:assert/strict';
import { costOf, estimateCost, formatUsd, perMillionText, priceSourceText } from '../../src/shared/cost';
import { dateTimeText, dayText, formatCount, formatMs, secondsText, timeOfDayText, wholeMsText } from '../../src/shared/format';
import { seededRng } from '../../src/standIn/random';
import { describeModel } from '../../src/shared/modelText';
import { estimateText, shortTokenCountText, tokenCountText } from '../../src/shared/tokenCountText';
import { BUILT_IN_PRICES, PRICES_AS_OF, readPriceOverrides } from '../../src/shared/prices';

describe('shared words', () => {
  it('formats counts with thousands separators, and waits in seconds to a tenth', () => {
    for (const n of [0, 7, 999, 1000, 65_536, 1_000_000, 2 ** 31 - 1]) {
      assert.equal(formatCount(n), n.toLocaleString('en-US'));
    }
    assert.equal(secondsText(1000), '1 s');
    assert.equal(secondsText(500), '0.5 s');
    assert.equal(secondsText(1260), '1.3 s');
  });

  it('describes a model in one line, leaving out what is unknown', () => {
    assert.equal(
      describeModel({ contextWindow: 1_000_000, maxOutput: 64_000, createdAt: '2026-02-01T00:00:00Z' }),
      'context window 1,000,000 tokens · max output 64,000 tokens · released 2026-02-01',
    );
    assert.equal(describeModel({ maxOutput: 8192 }), 'max output 8,192 tokens');
    assert.equal(describeModel({ createdAt: '' }), '');
  });

  it('says where a cost\'s prices come from as a field: the list, or the user\'s setting, whatever its note says', () => {
    const usage = { input_tokens: 10, output_tokens: 10 };
    for (const model of Object.keys(BUILT_IN_PRICES)) {
      const listed = costOf(`${model}-20260101`, usage);
      assert.ok(listed.known && listed.priceSource === 'list', model);
      const { prices } = readPriceOverrides({ [model]: { input: 1, output: 2 } });
      const own = costOf(model, usage, prices);
      assert.ok(own.known && own.priceSource === 'setting', model);
      // A user entry written as a built-in one would be (with a note of its own) is still the user's.
      const noted = costOf(model, usage, { [model]: { ...BUILT_IN_PRICES[model] } });
      assert.ok(noted.known && noted.priceSource === 'setting', model);
    }
    assert.equal(priceSourceText('list'), `list prices of ${PRICES_AS_OF}`);
    assert.equal(priceSourceText('setting'), 'your claudeInspector.prices');
  });

  it('says a call\'s time in ms under a second, in seconds to two then one decimal, then in minutes and seconds', () => {
    const rng = seededRng(10);
    // Each band of durations, with random values inside it and its edges.
    const bands: [number, number, RegExp][] = [
      [0, 999.4, /^\d{1,3} ms$/],
      [1000, 9994, /^\d\.\d\d s$/],
      [10_000, 59_949, /^\d\d\.\d s$/],
      [60_000, 10 * 3_600_000, /^\d+ min [1-5]?\d s$/],
    ];
    for (const [low, high, shape] of bands) {
      for (const ms of [low, high, ...Array.from({ length: 50 }, () => low + rng() * (high - low))]) {
        const text = formatMs(ms);
        assert.match(text, shape, `${ms} ms reads "${text}"`);
        // What it says is the duration, rounded: read back, it is within half its last digit.
        const read = /min/.test(text)
          ? Number(text.split(' ')[0]) * 60_000 + Number(text.split(' ')[2]) * 1000
          : Number(text.split(' ')[0]) * (text.endsWith(' ms') ? 1 : 1000);
        const step = text.endsWith(' ms') ? 1 : /min/.test(text) ? 1000 : ms < 10_000 ? 10 : 100;
        assert.ok(Math.abs(read - ms) <= step / 2 + 1e-6, `${ms} ms reads "${text}"`);
      }
    }
    assert.equal(formatMs(Number.NaN), 'NaN');
  });

  it('says a time to the whole millisecond with thousands separators, and a price per million tokens as the list writes it', () => {
    const rng = seededRng(11);
    for (const ms of [0, 0.4, 999.5, 1234, ...Array.from({ length: 50 }, () => rng() * 10_000_000)]) {
      assert.equal(wholeMsText(ms), `${Math.round(ms).toLocaleString('en-US')} ms`);
    }
    for (const rate of [0.08, 0.3, 1, 3, 15, 18.75]) {
      assert.equal(perMillionText(rate), `$${rate}/M`);
    }
  });

  it('says the time of day on a 24-hour clock in this machine\'s zone, the date and time day first, and the day as the date writes it', () => {
    const rng = seededRng(12);
    for (let i = 0; i < 50; i++) {
      const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(rng() * 10 * 365 * 86_400_000));
      const iso = date.toISOString();
      const two = (n: number) => String(n).padStart(2, '0');
      assert.equal(timeOfDayText(iso), `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`);
      assert.equal(dayText(iso), `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`);
      assert.equal(dateTimeText(iso), `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}, ${timeOfDayText(iso)}`);
    }
    // A date that does not parse is shown as written, not as "Invalid Date".
    for (const bad of ['', 'yesterday', '2026-13-45T99:00:00Z']) {
      assert.equal(timeOfDayText(bad), bad);
      assert.equal(dateTimeText(bad), bad);
    }
  });

  it('says a token count in full (Count Tokens, the CLI) and in short (the CodeLens) with the same numbers and costs', () => {
    const rng = seededRng(13);
    for (let i = 0; i < 60; i++) {
      const tokens = Math.floor(rng() * 2_000_000);
      const window = rng() < 0.3 ? undefined : [200_000, 1_000_000][Math.floor(rng() * 2)];
      const model = rng() < 0.3 ? 'claude-unpriced-9' : Object.keys(BUILT_IN_PRICES)[Math.floor(rng() * Object.keys(BUILT_IN_PRICES).length)];
      const estimate = estimateCost(model, tokens, 1024);
      const full = `${tokenCountText(tokens, model, window)} ${estimateText(estimate)}`;
      const short = shortTokenCountText(tokens, window, estimate);
      assert.ok(full.startsWith(`${formatCount(tokens)} input tokens`), full);
      assert.ok(short.startsWith(`${formatCount(tokens)}${window ? ` of ${formatCount(window)}` : ''} input tokens`), short);
      if (estimate.known) {
        assert.match(short, / input tokens · \$[\d.e-]+ in, ≤ \$[\d.]+$/);
        for (const usd of [estimate.inputUsd, estimate.ceilingUsd]) {
          assert.ok(full.includes(formatUsd(usd)) && short.includes(formatUsd(usd)), `${full} / ${short}`);
        }
      } else {
        assert.ok(short.endsWith(' input tokens'), short);
      }
    }
  });
});


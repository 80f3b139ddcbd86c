import * as assert from 'node:assert/strict';
import { costOf, estimateCost, formatUsd, unknownCostText } from '../../src/shared/cost';
import { BUILT_IN_PRICES, findPrice, PRICES_SETTING, priceKey, readPriceOverrides } from '../../src/shared/prices';

describe('cost', () => {
  it('prices every usage line: input, cache writes 5m and 1h, cache reads, output', () => {
    const cost = costOf('claude-sonnet-5-5', {
      input_tokens: 1_000_000,
      output_tokens: 100_000,
      cache_creation_input_tokens: 300_000,
      cache_read_input_tokens: 2_000_000,
      cache_creation: { ephemeral_5m_input_tokens: 200_000, ephemeral_1h_input_tokens: 100_000 },
    });
    assert.ok(cost.known);
    // 1M × $2 + 0.2M × $2.50 + 0.1M × $4 + 2M × $0.20 + 0.1M × $10
    assert.equal(cost.usd.toFixed(6), (2 + 0.5 + 0.4 + 0.4 + 1).toFixed(6));
    assert.deepEqual(cost.parts.map((p) => p.label), ['input', 'cache write (5m)', 'cache write (1h)', 'cache read', 'output']);
    assert.deepEqual(cost.unpriced, []);
  });

  it('bills cache writes without a 5m/1h split at the 5-minute rate', () => {
    const cost = costOf('claude-haiku-4-5', { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 1_000_000 });
    assert.ok(cost.known);
    assert.equal(cost.usd, 1.25);
  });

  it('uses the alias price for a dated snapshot id', () => {
    assert.equal(priceKey('claude-haiku-4-5-20251001'), 'claude-haiku-4-5');
    assert.equal(findPrice('claude-haiku-4-5-20251001'), BUILT_IN_PRICES['claude-haiku-4-5']);
  });

  it('says when a model has no known price, instead of guessing', () => {
    const cost = costOf('claude-fable-5-2', { input_tokens: 10, output_tokens: 10 });
    assert.equal(cost.known, false);
    assert.ok(!cost.known);
    assert.equal(cost.missing, 'price');
    // Core's words name no setting (the CLI has none); the editor's faces say where a price goes.
    assert.equal(cost.reason, 'No known price for claude-fable-5-2.');
    assert.match(unknownCostText(cost, PRICES_SETTING), /^No known price for claude-fable-5-2: add it to the claudeInspector\.prices setting\.$/);
    assert.equal(unknownCostText(cost), cost.reason);
    const estimate = estimateCost('claude-fable-5-2', 10, 10);
    assert.ok(!estimate.known);
    assert.doesNotMatch(estimate.reason, /claudeInspector/);
  });

  it('names the lines that have no published price (Haiku 5.5 cache writes)', () => {
    const cost = costOf('claude-haiku-5-5', { input_tokens: 1000, output_tokens: 1000, cache_creation_input_tokens: 500 });
    assert.ok(cost.known);
    assert.deepEqual(cost.unpriced, ['cache write (5m)']);
  });

  it('lets the setting override and extend the table, and reports malformed entries', () => {
    const { prices, problems } = readPriceOverrides({
      'claude-fable-5-2': { input: 12, output: 60 },
      'claude-sonnet-5-5': { input: 1, output: 1 },
      broken: { input: 'cheap' },
    });
    assert.deepEqual(problems, ['claudeInspector.prices["broken"] needs "input" and "output" in USD per million tokens']);
    const fable = costOf('claude-fable-5-2', { input_tokens: 1_000_000, output_tokens: 0 }, prices);
    assert.ok(fable.known && fable.usd === 12);
    const sonnet = costOf('claude-sonnet-5-5', { input_tokens: 1_000_000, output_tokens: 1_000_000 }, prices);
    assert.ok(sonnet.known && sonnet.usd === 2);
  });

  it('estimates before sending: the input side and the ceiling from max_tokens', () => {
    const estimate = estimateCost('claude-opus-5-5', 10_000, 2_000);
    assert.ok(estimate.known);
    assert.equal(estimate.inputUsd, 0.04);
    assert.equal(estimate.ceilingUsd, 0.04 + 0.04);
    assert.equal(estimateCost('unknown-model', 1, 1).known, false);
  });

  it('formats small amounts with enough digits to mean something', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(1.234), '$1.23');
    assert.equal(formatUsd(0.0456), '$0.0456');
    assert.equal(formatUsd(0.000123), '$0.00012');
  });
});

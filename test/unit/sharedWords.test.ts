// One formatter per fact, in shared/: counts, waits, models, and where a price comes from (a field, not a string
// compared elsewhere).
import * as assert from 'node:assert/strict';
import { costOf, priceSourceText } from '../../src/shared/cost';
import { formatCount, secondsText } from '../../src/shared/format';
import { describeModel } from '../../src/shared/modelText';
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
});

// The History view's filter as typed (src/extension/history/filterText.ts): words and model:/file:/status: parts.
import * as assert from 'node:assert/strict';
import { filterText, parseFilter } from '../../src/extension/history/filterText';

describe('History filter text', () => {
  it('reads free words as text and model:, file:, status: as fields, in any order and case', () => {
    assert.deepEqual(parseFilter('  EU outage  MODEL:haiku file:triage status:429 '), { text: 'EU outage', model: 'haiku', file: 'triage', status: '429' });
    assert.deepEqual(parseFilter('status:error'), { status: 'error' });
    assert.deepEqual(parseFilter(''), {});
  });

  it('keeps a field with nothing after the colon, or an unknown field, as text', () => {
    assert.deepEqual(parseFilter('model: cost:3'), { text: 'model: cost:3' });
  });

  it('writes back what it reads', () => {
    for (const typed of ['outage', 'model:opus', 'a b file:x status:ok', '']) {
      assert.deepEqual(parseFilter(filterText(parseFilter(typed))), parseFilter(typed));
    }
  });
});

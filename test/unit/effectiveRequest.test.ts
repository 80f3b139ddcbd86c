import * as assert from 'node:assert/strict';
import { effectiveRequest, selectionRequest } from '../../src/core/effectiveRequest';

const defaults = { model: 'claude-sonnet-5-5', maxTokens: 1024, stream: false };

describe('effective request', () => {
  it('fills in model and max_tokens only when missing', () => {
    const result = effectiveRequest({ messages: [] }, defaults);
    assert.deepEqual(result.body, { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [] });
    assert.deepEqual(result.defaultsApplied, ['model', 'max_tokens']);
  });

  it('keeps the file\'s own model and max_tokens, even 0', () => {
    const result = effectiveRequest({ model: 'claude-haiku-5-5', max_tokens: 0, messages: [] }, defaults);
    assert.deepEqual(result.body, { model: 'claude-haiku-5-5', max_tokens: 0, messages: [] });
    assert.deepEqual(result.defaultsApplied, []);
  });

  it('passes every other field through untouched, in order', () => {
    const file = {
      model: 'm',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.2,
      a_field_from_the_future: { nested: [1, 'two', null] },
      system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
    };
    const result = effectiveRequest(file, defaults);
    assert.deepEqual(result.body, file);
    assert.deepEqual(Object.keys(result.body), Object.keys(file));
  });

  it('streams by default when the setting says so, and shows it in the body', () => {
    const result = effectiveRequest({ model: 'm', max_tokens: 1, messages: [] }, { ...defaults, stream: true });
    assert.equal(result.streamed, true);
    assert.equal(result.body.stream, true);
    assert.ok(result.defaultsApplied.includes('stream'));
  });

  it('lets the file\'s own "stream" win over the setting', () => {
    assert.equal(effectiveRequest({ stream: false, messages: [] }, { ...defaults, stream: true }).streamed, false);
    const on = effectiveRequest({ stream: true, messages: [] }, defaults);
    assert.equal(on.streamed, true);
    assert.ok(!on.defaultsApplied.includes('stream'));
  });

  it('makes a selection one user message, exactly as selected', () => {
    assert.deepEqual(selectionRequest('  two\nlines  '), { messages: [{ role: 'user', content: '  two\nlines  ' }] });
  });
});

import * as assert from 'node:assert/strict';
import { checkRequest, diagnoseRequest, firstError, RequestDiagnostic } from '../../src/core/requestFiles/diagnostics';

const context = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };

/** The underlined text of each diagnostic, with its code and severity. */
function underlined(text: string, found: RequestDiagnostic[]) {
  return found.map((d) => ({ code: d.code, severity: d.severity, text: text.slice(d.offset, d.offset + d.length) }));
}

const base = (fields: string) => `{\n  "model": "claude-sonnet-5-5",\n  "max_tokens": 1024,\n${fields}\n}`;

describe('request diagnostics', () => {
  it('is silent on a good file', () => {
    assert.deepEqual(diagnoseRequest(base('  "messages": [{"role": "user", "content": "Hi"}]'), context), []);
  });

  it('notes the defaults that will be used for missing model and max_tokens', () => {
    const found = diagnoseRequest('{"messages": [{"role": "user", "content": "Hi"}]}', context);
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['default-max-tokens', 'info'], ['default-model', 'info']]);
    // Core's own words name no setting and no flag; each face passes its own (see below).
    assert.match(found[0].message, /^max_tokens is missing: 1024 from the default will be used\.$/);
    assert.equal(found[0].offset, 0);
    assert.equal(found[0].length, 1);
  });

  it('reports a syntax error as an error at its position', () => {
    const text = '{"messages": [}';
    const [first] = diagnoseRequest(text, context);
    assert.equal(first.severity, 'error');
    assert.equal(first.code, 'json');
    assert.equal(firstError(text, [first]), `line 1, column ${first.offset + 1}: ${first.message}`);
  });

  it('underlines an invalid role, with a hint for "developer"; "system" turns are valid', () => {
    const text = base('  "messages": [{"role": "developer", "content": "Be brief"}, {"role": "system", "content": "Be kind"}, {"role": "user", "content": "Hi"}]');
    const found = diagnoseRequest(text, context);
    assert.deepEqual(underlined(text, found), [{ code: 'invalid-role', severity: 'error', text: '"developer"' }]);
    assert.match(found[0].message, /"user", "assistant" or "system", not "developer".*top-level "system" field/);
  });

  it('underlines empty messages and empty content', () => {
    const empty = base('  "messages": []');
    assert.deepEqual(underlined(empty, diagnoseRequest(empty, context)), [{ code: 'shape', severity: 'error', text: '[]' }]);
    const text = base('  "messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": []}, {"role": "user", "content": [{"type": "text", "text": ""}]}]');
    assert.deepEqual(underlined(text, diagnoseRequest(text, context)), [
      { code: 'empty-content', severity: 'error', text: '""' },
      { code: 'empty-content', severity: 'error', text: '[]' },
      { code: 'empty-content', severity: 'error', text: '""' },
    ]);
  });

  it('underlines a tool_result whose tool_use_id matches no earlier tool_use', () => {
    const text = base(`  "messages": [
    {"role": "user", "content": "weather?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_A", "name": "w", "input": {}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_A", "content": "ok"}, {"type": "tool_result", "tool_use_id": "toolu_B", "content": "?"}]}
  ]`);
    assert.deepEqual(underlined(text, diagnoseRequest(text, context)), [{ code: 'tool-result-orphan', severity: 'error', text: '"toolu_B"' }]);
  });

  it('underlines a tool_use of the last assistant turn with no tool_result after it', () => {
    const text = base(`  "messages": [
    {"role": "user", "content": "weather?"},
    {"role": "assistant", "content": [{"type": "text", "text": "Checking"}, {"type": "tool_use", "id": "toolu_X", "name": "w", "input": {}}]}
  ]`);
    const found = diagnoseRequest(text, context);
    assert.deepEqual(underlined(text, found), [{ code: 'tool-use-unanswered', severity: 'error', text: '"toolu_X"' }]);
  });

  it('underlines a tool_use whose next user turn forgets its tool_result', () => {
    const text = base(`  "messages": [
    {"role": "user", "content": "weather?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_Y", "name": "w", "input": {}}]},
    {"role": "user", "content": "never mind"}
  ]`);
    assert.deepEqual(underlined(text, diagnoseRequest(text, context)).map((d) => d.text), ['"toolu_Y"']);
  });

  it('requires thinking.budget_tokens below max_tokens (the default one too) and at least 1024', () => {
    const text = base('  "thinking": {"type": "enabled", "budget_tokens": 2048},\n  "messages": [{"role": "user", "content": "Hi"}]');
    const found = diagnoseRequest(text, context);
    assert.deepEqual(underlined(text, found), [{ code: 'thinking-budget', severity: 'error', text: '2048' }]);
    assert.match(found[0].message, /below max_tokens \(1024\)/);
    const small = '{"model": "m", "thinking": {"type": "enabled", "budget_tokens": 500}, "messages": [{"role": "user", "content": "Hi"}]}';
    const smallFound = diagnoseRequest(small, { ...context, defaultMaxTokens: 400 }).filter((d) => d.code === 'thinking-budget');
    assert.equal(smallFound.length, 2);
    assert.match(smallFound[1].message, /\(from the default\)/);
  });

  it('underlines the sampling fields the pinned API version rejects', () => {
    const text = base('  "temperature": 0.2,\n  "top_k": 5,\n  "messages": [{"role": "user", "content": "Hi"}]');
    const found = diagnoseRequest(text, context);
    assert.deepEqual(underlined(text, found).map((d) => d.text), ['"temperature"', '"top_k"']);
    assert.match(found[0].message, /rejected under anthropic-version 2026-10-21/);
    assert.deepEqual(diagnoseRequest(text, { ...context, apiVersion: '2023-06-01' }), []);
  });

  it('warns about a model id that is not in the cached models list, only when there is a list', () => {
    const text = base('  "messages": [{"role": "user", "content": "Hi"}]').replace('claude-sonnet-5-5', 'claude-sonet-5-5');
    assert.deepEqual(diagnoseRequest(text, context), []);
    const found = diagnoseRequest(text, { ...context, knownModels: ['claude-sonnet-5-5'] });
    assert.deepEqual(underlined(text, found), [{ code: 'unknown-model', severity: 'warning', text: '"claude-sonet-5-5"' }]);
  });

  it('never throws on half-typed files', () => {
    const full = base(`  "thinking": {"type": "enabled", "budget_tokens": 2048},
  "messages": [{"role": "assistant", "content": [{"type": "tool_use", "id": "t", "input": {}}]}, {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t"}]}]`);
    for (let i = 0; i <= full.length; i++) {
      diagnoseRequest(full.slice(0, i), context);
    }
  });

  it('stays fast on a file of several megabytes', () => {
    const messages = Array.from({ length: 4000 }, (_, i) => `{"role": "${i % 2 ? 'assistant' : 'user'}", "content": "${'lorem ipsum '.repeat(100)}"}`);
    const text = base(`  "messages": [${messages.join(',\n')}]`);
    assert.ok(text.length > 4_000_000);
    const started = Date.now();
    diagnoseRequest(text, context);
    assert.ok(Date.now() - started < 5000, 'a generous bound: the editor debounces, but must not hang');
  });

  it('makes duplicate keys, inexact numbers, deep nesting and UTF-16 errors in the Problems panel, underlining the place', () => {
    const cases: [string, string, string][] = [
      [base('  "messages": [{"role": "user", "content": "Hi", "role": "assistant"}]'), 'duplicate-key', '"role"'],
      [base('  "metadata": {"user_id": "u", "n": 12345678901234567890123},\n  "messages": [{"role": "user", "content": "Hi"}]'), 'inexact-number', '12345678901234567890123'],
      [base(`  "x": ${'['.repeat(100_000)}`), 'too-deep', '['],
    ];
    for (const [text, code, under] of cases) {
      const found = diagnoseRequest(text, context);
      assert.deepEqual(underlined(text, found), [{ code, severity: 'error', text: under }], code);
    }
    const huge = base(`  "messages": [{"role": "user", "content": "${'x'.repeat(32 * 1024 * 1024)}"}]`);
    assert.deepEqual(diagnoseRequest(huge, context).map((d) => [d.code, d.severity, d.offset, d.message]), [['too-large', 'error', 0, 'the file is larger than 32 MB, the most the API accepts in one request']]);
    const utf16 = Buffer.from(base('  "messages": [{"role": "user", "content": "Hi"}]'), 'utf16le').toString('utf8');
    const [encoding] = diagnoseRequest(utf16, context);
    assert.deepEqual([encoding.code, encoding.severity, encoding.message], ['encoding', 'error', 'the file is UTF-16 LE: save it as UTF-8']);
  });

  it('checks only what stops a send with check: false (the CLI\'s --no-check)', () => {
    const text = base('  "temperature": 1,\n  "messages": [{"role": "user", "content": "Hi"}],\n  "messages": []');
    // The duplicate hides the rest until it is fixed: which "messages" would the other checks read?
    assert.deepEqual(diagnoseRequest(text, context).map((d) => d.code), ['duplicate-key']);
    const loose = checkRequest(text, { ...context, check: false });
    assert.deepEqual(loose.diagnostics, []);
    assert.deepEqual(loose.body?.messages, [], 'the last key is what goes out, as JSON.parse reads it');
    assert.deepEqual(checkRequest(base('  "n": 1e400,\n  "messages": [{"role": "user", "content": "Hi"}]'), { ...context, check: false }).diagnostics.map((d) => d.code), ['inexact-number']);
  });

  it('names where the defaults come from in the words of the face that asks: the settings or the CLI options', () => {
    const text = '{"thinking": {"type": "enabled", "budget_tokens": 2048}, "messages": [{"role": "user", "content": "Hi"}]}';
    const messages = (from?: { maxTokens: string; model: string }) => diagnoseRequest(text, { ...context, defaultsFrom: from }).map((d) => d.message);
    assert.ok(messages().some((m) => m.includes('must be below max_tokens (from the default) (1024)')));
    assert.ok(messages().every((m) => !/claudeInspector|--/.test(m)), 'core names no setting and no flag');
    const settings = { maxTokens: 'the claudeInspector.defaultMaxTokens setting', model: 'the claudeInspector.defaultModel setting' };
    assert.ok(messages(settings).some((m) => m.includes('must be below max_tokens (from the claudeInspector.defaultMaxTokens setting) (1024)')));
    assert.ok(messages({ maxTokens: '--max-tokens', model: '--model' }).some((m) => m.includes('must be below max_tokens (from --max-tokens) (1024)')));
  });
});

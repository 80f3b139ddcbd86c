// Every request file in examples/ is free of errors and sends without change against the stand-in, streamed or not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sendMessage } from '../../src/core/client';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../../src/core/defaults';
import { diagnoseRequest } from '../../src/core/diagnostics';
import { effectiveRequest } from '../../src/core/effectiveRequest';
import { parseRequestFile } from '../../src/core/requestFile';
import { StandIn, startStandIn } from '../standIn/server';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const KEY = 'sk-ant-fake-examples-test-key-0000000000000000';
const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.claude.json'));

describe('examples/', function () {
  this.timeout(20000);
  let standIn: StandIn;

  before(async () => {
    standIn = await startStandIn({ apiKey: KEY });
  });
  after(() => standIn.close());

  it('has the request files the README promises', () => {
    assert.deepEqual(files.sort(), [
      'conversation.claude.json',
      'extended-thinking.claude.json',
      'system-and-stop.claude.json',
      'tool-use.claude.json',
      'triage.claude.json',
    ]);
  });

  for (const name of files) {
    it(`${name}: no diagnostics, and it sends streamed and not`, async () => {
      const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
      const found = diagnoseRequest(text, { defaultMaxTokens: DEFAULT_MAX_TOKENS, defaultModel: DEFAULT_MODEL });
      assert.deepEqual(found, [], 'no errors, warnings or notes');
      const parsed = parseRequestFile(text);
      assert.ok(parsed.ok);
      for (const stream of [false, true]) {
        const record = await sendMessage(effectiveRequest(parsed.body, { model: DEFAULT_MODEL, maxTokens: DEFAULT_MAX_TOKENS, stream }), {
          apiKey: KEY,
          baseUrl: standIn.url,
          maxRetries: 0,
          source: { kind: 'cli' },
        });
        assert.equal(record.error, undefined, record.error?.message);
        assert.ok(Array.isArray(record.message?.content) && (record.message.content as unknown[]).length > 0);
        assert.ok(record.cost?.known, `${name} has a known price`);
      }
    });
  }

  it('triage.claude.json uses a fast, cheap model with max_tokens 256', () => {
    const parsed = parseRequestFile(fs.readFileSync(path.join(EXAMPLES, 'triage.claude.json'), 'utf8'));
    assert.ok(parsed.ok);
    assert.equal(parsed.body.model, 'claude-haiku-5-5');
    assert.equal(parsed.body.max_tokens, 256);
  });
});

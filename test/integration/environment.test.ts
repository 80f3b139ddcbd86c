// The runners keep the VS Code under test away from the real API (scripts/runIntegration.ts, runTest.ts).
import * as assert from 'node:assert/strict';

describe('Test environment', () => {
  it('has no API key from the developer\'s environment', () => {
    assert.ok(!process.env.ANTHROPIC_API_KEY, 'ANTHROPIC_API_KEY is set in the extension host');
  });

  it('points ANTHROPIC_BASE_URL at an address that refuses connections', () => {
    assert.equal(process.env.ANTHROPIC_BASE_URL, 'http://127.0.0.1:9');
  });
});

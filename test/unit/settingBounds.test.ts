// The extension's settings and the CLI's flags for the same knob take the same numbers: a setting's bounds in
// package.json are the flag's (src/cli/optionValues.ts), so a value written in settings.json is not refused by the
// CLI, nor the other way round, and no setting offers a timeout a timer cannot hold.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_RETRIES_LIMIT, MAX_TIMEOUT_SECONDS, MAX_TOKENS_LIMIT, retryWaitMs, timeoutMs, wholeNumber } from '../../src/cli/optionValues';
import { UsageError } from '../../src/cli/usage';

interface Setting {
  type: string;
  default: number;
  minimum?: number;
  maximum?: number;
}

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } };
const settings = manifest.contributes.configuration.properties;

function accepts(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return false;
  }
}

describe('settings and CLI flags: the same bounds', () => {
  const pairs: [string, string, (text: string) => unknown, number][] = [
    ['claudeInspector.timeoutSeconds', '--timeout', (text) => timeoutMs(text, 600), MAX_TIMEOUT_SECONDS],
    ['claudeInspector.maxRetryWaitSeconds', '--max-retry-wait', (text) => retryWaitMs(text, 60), MAX_TIMEOUT_SECONDS],
    ['claudeInspector.maxRetries', '--max-retries', (text) => wholeNumber(text, '--max-retries', 2, 0, MAX_RETRIES_LIMIT), MAX_RETRIES_LIMIT],
    ['claudeInspector.defaultMaxTokens', '--max-tokens', (text) => wholeNumber(text, '--max-tokens', 1024, 0, MAX_TOKENS_LIMIT), MAX_TOKENS_LIMIT],
  ];
  for (const [name, flag, read, max] of pairs) {
    it(`${name} and ${flag}`, () => {
      const setting = settings[name];
      assert.ok(setting, `${name} is contributed`);
      assert.equal(setting.maximum, max, `${name}'s maximum is the largest ${flag} takes`);
      assert.ok(setting.minimum !== undefined, `${name} has a minimum`);
      // Every bound the setting allows, the flag takes; one past the maximum, neither does.
      for (const value of [setting.minimum, setting.default, setting.maximum]) {
        assert.ok(accepts(() => read(String(value))), `${flag} ${value}, which the setting allows`);
      }
      assert.ok(!accepts(() => read(String(max + 1))), `${flag} ${max + 1}, above the setting's maximum`);
      if (setting.type === 'integer') {
        assert.ok(!accepts(() => read('1.5')), `${flag} is whole, as the setting is`);
      }
    });
  }
});

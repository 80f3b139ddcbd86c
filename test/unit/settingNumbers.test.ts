// The extension's numeric settings read through one checker (src/shared/settingNumbers.ts): JSON numbers only, whole
// where the setting is an integer, within the bounds package.json declares; anything else is the default and a
// problem naming the setting and the value. Also the runs box of Compare Models (src/shared/typedNumbers.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNumberSetting, NUMBER_SETTINGS } from '../../src/shared/settingNumbers';
import { typedWholeNumber } from '../../src/shared/typedNumbers';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = pkg.contributes.configuration.properties as Record<string, { type: string; default: unknown; minimum?: number; maximum?: number }>;

const check = (name: keyof typeof NUMBER_SETTINGS, value: unknown) => checkNumberSetting('claudeInspector', name, NUMBER_SETTINGS[name], value);

describe('numeric settings', () => {
  it('are checked against the type, default and bounds package.json declares', () => {
    for (const [name, spec] of Object.entries(NUMBER_SETTINGS)) {
      const schema = declared[`claudeInspector.${name}`];
      assert.ok(schema, `package.json declares claudeInspector.${name}`);
      assert.deepEqual(
        { type: spec.type, default: spec.default, minimum: spec.minimum, maximum: (spec as { maximum?: number }).maximum },
        { type: schema.type, default: schema.default, minimum: schema.minimum, maximum: schema.maximum },
        name,
      );
    }
  });

  it('take JSON numbers within bounds as they are, and an absent value as the default', () => {
    assert.deepEqual(check('timeoutSeconds', 2.5), { value: 2.5 });
    assert.deepEqual(check('timeoutSeconds', 1), { value: 1 });
    assert.deepEqual(check('maxRetryWaitSeconds', 0), { value: 0 });
    assert.deepEqual(check('maxRetries', 10), { value: 10 });
    assert.deepEqual(check('defaultMaxTokens', 4096), { value: 4096 });
    assert.deepEqual(check('maxRetries', undefined), { value: 2 });
  });

  it('never read text as a number: "0x10" is not a 16 s timeout nor "1e3" 1000 s; the default is used and the setting named', () => {
    for (const text of ['0x10', '1e3', ' 1 ', '', '+5', '1_000', '30']) {
      for (const name of ['timeoutSeconds', 'maxRetryWaitSeconds', 'maxRetries', 'defaultMaxTokens'] as const) {
        const result = check(name, text);
        assert.equal(result.value, NUMBER_SETTINGS[name].default, `${name}: ${JSON.stringify(text)}`);
        assert.ok(result.problem?.startsWith(`claudeInspector.${name} is ${JSON.stringify(text)}: it must be a JSON number, not text in quotes`), result.problem);
        assert.match(result.problem ?? '', new RegExp(`using ${NUMBER_SETTINGS[name].default} \\(the default\\) instead$`));
      }
    }
  });

  it('refuse fractions where a whole number is wanted, values out of bounds, and what is not a number at all', () => {
    const cases: [keyof typeof NUMBER_SETTINGS, unknown, RegExp][] = [
      ['maxRetries', 2.5, /^claudeInspector\.maxRetries is 2\.5: it must be a whole number of retries, from 0 to 100; using 2/],
      ['maxRetries', 101, /^claudeInspector\.maxRetries is 101: it must be from 0 to 100; using 2/],
      ['maxRetries', -1, /must be from 0 to 100/],
      ['defaultMaxTokens', 100.5, /^claudeInspector\.defaultMaxTokens is 100\.5: it must be a whole number of tokens, from 0 to 2147483647; using 1024/],
      ['defaultMaxTokens', -5, /must be from 0 to 2147483647/],
      ['defaultMaxTokens', 2 ** 31, /must be from 0 to 2147483647/],
      ['timeoutSeconds', 0, /^claudeInspector\.timeoutSeconds is 0: it must be from 1 to 2147483; using 600/],
      ['timeoutSeconds', 0.5, /must be from 1 to 2147483/],
      ['timeoutSeconds', 2147484, /must be from 1 to 2147483/],
      ['maxRetryWaitSeconds', -1, /^claudeInspector\.maxRetryWaitSeconds is -1: it must be from 0 to 2147483; using 60/],
      ['timeoutSeconds', Infinity, /must be a number of seconds, from 1 to 2147483/],
      ['timeoutSeconds', NaN, /must be a number of seconds/],
      ['timeoutSeconds', null, /^claudeInspector\.timeoutSeconds is null: it must be a number of seconds/],
      ['timeoutSeconds', true, /is true: it must be a number/],
      ['timeoutSeconds', [30], /is \[30\]: it must be a number/],
      ['timeoutSeconds', { seconds: 30 }, /is \{"seconds":30\}: it must be a number/],
    ];
    for (const [name, value, pattern] of cases) {
      const result = check(name, value);
      assert.equal(result.value, NUMBER_SETTINGS[name].default, `${name}: ${String(value)}`);
      assert.match(result.problem ?? '', pattern);
    }
  });

  it('quote a long or odd value short and printable', () => {
    const result = check('timeoutSeconds', `${'9'.repeat(100)}\n`);
    assert.ok(result.problem && result.problem.length < 200, result.problem);
    assert.ok(!result.problem.includes('\n'));
    assert.match(result.problem, /…/);
  });
});

describe('Compare Models runs box', () => {
  it('takes decimal digits from 1 to the limit, as the CLI\'s --runs', () => {
    assert.deepEqual(typedWholeNumber('3', 1, 100), { value: 3 });
    assert.deepEqual(typedWholeNumber('100', 1, 100), { value: 100 });
    assert.deepEqual(typedWholeNumber('007', 1, 100), { value: 7 });
  });

  it('refuses surrounding spaces and loose forms while typing, and says what it wants', () => {
    for (const text of [' 3', '3 ', ' 3 ', '', '+3', '3e1', '0x3', '1_0', '3.0', '-3', 'three', '\t3']) {
      const result = typedWholeNumber(text, 1, 100);
      assert.ok('problem' in result, JSON.stringify(text));
      assert.equal(result.problem, 'A whole number from 1 to 100, in digits only');
    }
    for (const text of ['0', '101', '99999999999999999999']) {
      const result = typedWholeNumber(text, 1, 100);
      assert.ok('problem' in result, text);
      assert.match(result.problem, /^A whole number from 1 to 100 \(.* is out of range\)$/);
    }
  });
});

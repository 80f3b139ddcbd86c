import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../src/core/baseUrl';
import { nearest, OPTIONS, parseCommandLine } from '../../src/cli/args';
import { retryWaitMs, timeoutMs, wholeNumber } from '../../src/cli/optionValues';
import { UsageError } from '../../src/cli/usage';
import { seededRng } from './requestFileCases';

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('expected a usage error');
}

describe('CLI options', () => {
  it('takes a timeout a timer can hold, in seconds, and refuses anything else by name', () => {
    assert.equal(timeoutMs(undefined, 600), 600_000);
    assert.equal(timeoutMs('2.5', 600), 2500);
    assert.equal(timeoutMs('2147483', 600), 2_147_483_000);
    for (const bad of ['0', '0.0', '0.0001', '-1', '-0.5', 'abc', '', ' ', '1e3', '0x10', 'Infinity', 'NaN', '2147484', '99999999999999999999', '5s', '1,5']) {
      assert.match(usageError(() => timeoutMs(bad, 600)), /^--timeout must be (a number of seconds|more than 0)|^--timeout can be at most 2147483 seconds/, bad);
    }
  });

  it('takes whole numbers within bounds and refuses the rest', () => {
    assert.equal(wholeNumber('3', '--max-retries', 2, 0, 100), 3);
    assert.equal(wholeNumber(undefined, '--max-retries', 2, 0, 100), 2);
    for (const bad of ['-1', '1.5', 'x', '', '1e2', '101', '0x1', '99999999999999999999']) {
      assert.match(usageError(() => wholeNumber(bad, '--max-retries', 2, 0, 100)), /^--max-retries must be/, bad);
    }
  });

  // Number() and parseInt read all of these as numbers (or 0); a user who typed one meant something else, or nothing.
  const LOOSE = [' 1 ', ' 1', '1 ', '\t2', '2\n', '', ' ', '1e3', '1E3', '0x10', '0o7', '0b1', '+5', '-0', '1_000', '1,000', '.5', '5.', '1.2.3', '１', '٣', 'Infinity', 'NaN', '5s'];

  it('reads a number only as decimal digits (and one decimal point for seconds), refusing the rest by name and value', () => {
    for (const loose of LOOSE) {
      const got = `(got "${loose.replace(/[\u0000-\u001f]/g, '?')}")`;
      for (const [name, read] of [
        ['--timeout', () => timeoutMs(loose, 600)],
        ['--max-retry-wait', () => retryWaitMs(loose, 60)],
        ['--max-retries', () => wholeNumber(loose, '--max-retries', 2, 0, 100)],
        ['--max-tokens', () => wholeNumber(loose, '--max-tokens', 1024, 0, 2 ** 31 - 1)],
      ] as const) {
        const message = usageError(read);
        assert.ok(message.startsWith(`${name} must be`) && message.includes(got), `${name} ${JSON.stringify(loose)}: ${message}`);
      }
    }
    assert.equal(timeoutMs('1', 600), 1000);
    assert.equal(timeoutMs('0.5', 600), 500);
    assert.equal(timeoutMs('007', 600), 7000, 'leading zeros are still decimal');
    assert.equal(retryWaitMs('0', 60), 0);
    assert.equal(retryWaitMs('1.25', 60), 1250);
    assert.equal(wholeNumber('0', '--max-retries', 2, 0, 100), 0);
    assert.equal(wholeNumber('010', '--max-retries', 2, 0, 100), 10);
  });

  it('refuses a base URL that would send the call elsewhere or hold credentials, never repeating it', () => {
    const secret = 'hunter2-not-a-real-password';
    const cases: [string, RegExp][] = [
      ['https://proxy.example/v1?key=' + secret, /has a query/],
      ['https://proxy.example/?', /has a query/],
      ['https://proxy.example/#' + secret, /has a fragment/],
      ['https://proxy.example#', /has a fragment/],
      [`https://user:${secret}@proxy.example`, /contains credentials/],
      [`https://${secret}@proxy.example`, /contains credentials/],
      ['https://@proxy.example', /contains credentials/],
      [`user:${secret}@proxy.example`, /must start with http:\/\/ or https:\/\//],
      ['ftp://proxy.example', /must start with http:\/\/ or https:\/\//],
      ['file:///etc/passwd', /must start with http/],
      ['proxy.example', /must start with http/],
      ['127.0.0.1:8080', /must start with http/],
      ['http://', /not a URL/],
      ['http://prox y.example', /spaces or control characters/],
      ['http://proxy\n.example', /spaces or control characters/],
    ];
    for (const [url, problem] of cases) {
      const checked = checkBaseUrl(url);
      assert.equal(checked.ok, false, url);
      assert.match(checked.ok ? '' : checked.problem, problem, url);
      assert.ok(!(checked.ok ? '' : checked.problem).includes(secret), 'the URL is not repeated');
    }
    for (const url of ['https://api.anthropic.com', 'http://127.0.0.1:8080', 'https://gateway.example/anthropic', 'http://[::1]:9000']) {
      assert.deepEqual(checkBaseUrl(url), { ok: true, url });
    }
  });

  it('reads options before or after the command, with = or a space', () => {
    assert.deepEqual(parseCommandLine(['--base-url', 'http://h', 'send', 'f.json', '--json', '--timeout=5']), {
      command: 'send',
      positionals: ['f.json'],
      values: { 'base-url': 'http://h', json: true, timeout: '5' },
    });
    assert.deepEqual(parseCommandLine(['send', '-', '--', '--not-an-option']).positionals, ['-', '--not-an-option']);
    assert.equal(parseCommandLine(['send', 'f', '--timeout', '-5']).values.timeout, '-5', 'a negative value is refused later, by name');
  });

  it('answers every misspelt option with the nearest one the command takes', () => {
    const rng = seededRng(92);
    const letters = 'abcdefghijklmnopqrstuvwxyz-';
    for (const [name, spec] of Object.entries(OPTIONS)) {
      for (const command of spec.commands.filter((c) => c !== 'help')) {
        for (let i = 0; i < 5; i++) {
          // One typo: a letter dropped, doubled, swapped with the next, or replaced.
          const at = Math.floor(rng() * name.length);
          const typo = [
            name.slice(0, at) + name.slice(at + 1),
            name.slice(0, at) + name[at] + name.slice(at),
            name.slice(0, at) + (name[at + 1] ?? '') + name[at] + name.slice(at + 2),
            name.slice(0, at) + letters[Math.floor(rng() * letters.length)] + name.slice(at + 1),
          ][i % 4];
          if (typo === name || typo in OPTIONS || typo.length < 3) {
            continue;
          }
          const message = usageError(() => parseCommandLine([command, 'f.json', `--${typo}`]));
          const guess = nearest(typo, Object.keys(OPTIONS).filter((o) => OPTIONS[o].commands.includes(command)));
          assert.equal(message, `unknown option --${typo} for ${command}${guess ? `: did you mean --${guess}?` : ''} (see claude-inspector ${command} --help)`);
          if (typo.length > 4) {
            assert.ok(guess, `--${typo} gets a suggestion`);
          }
        }
      }
    }
    assert.equal(usageError(() => parseCommandLine(['send', 'f', '--modle', 'x'])), 'unknown option --modle for send: did you mean --model? (see claude-inspector send --help)');
  });

  it('refuses an unknown command, an option of another command, a missing value, a repeated one', () => {
    assert.equal(usageError(() => parseCommandLine(['sned', 'f'])), 'unknown command "sned": did you mean send? (commands: send, curl, code, count, models, compare, history, help; see --help)');
    assert.equal(usageError(() => parseCommandLine(['launch'])), 'unknown command "launch" (commands: send, curl, code, count, models, compare, history, help; see --help)');
    assert.equal(usageError(() => parseCommandLine(['curl', 'f', '--json'])), '--json is not an option of curl (it is for send, count, models, compare and history)');
    assert.equal(usageError(() => parseCommandLine(['send', 'f', '--model'])), '--model needs a value');
    assert.equal(usageError(() => parseCommandLine(['send', 'f', '--model', '--json'])), '--model needs a value');
    assert.equal(usageError(() => parseCommandLine(['send', 'f', '--json=yes'])), '--json takes no value');
    assert.equal(usageError(() => parseCommandLine(['send', 'f', '--model', 'a', '--model', 'b'])), '--model is given twice');
  });
});

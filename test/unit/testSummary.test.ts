// `npm test`'s summary names the failed tests again at its end, since a CI log is often read from its end only: the
// titles and first error lines are read from mocha's spec output and from the integration runner's own reporter.
import * as assert from 'node:assert/strict';
import { failedTests } from '../../scripts/test';

describe('npm test, its summary of failed tests', () => {
  it('reads mocha spec output: every failure, its title over several lines, and its error', () => {
    const output = [
      '  12 passing (3s)',
      '  2 failing',
      '',
      '  1) The store',
      '       keeps what two processes write:',
      '     AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      '      at Context.<anonymous> (out/test/unit/x.test.js:1:1)',
      '',
      '  2) The CLI refuses a bad file:',
      '     Error: exited with 0',
    ].join('\n');
    assert.deepEqual(failedTests(output), [
      'The store keeps what two processes write:\n        AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      'The CLI refuses a bad file:\n        Error: exited with 0',
    ]);
  });

  it('reads the integration runner\'s "N passing, N failing, N skipped" line, colours and all', () => {
    const output = '  50 passing, \u001b[31m1 failing\u001b[0m, 1 skipped (66667 ms)\n  \n  1) The panel shows the reply:\n     Error: timed out after 20000 ms\n';
    assert.deepEqual(failedTests(output), ['The panel shows the reply:\n        Error: timed out after 20000 ms']);
  });

  it('names nothing when nothing failed, and does not take numbered lines before the failures for failures', () => {
    assert.deepEqual(failedTests('  1) a step of a setup\n  3 passing (1s)\n'), []);
  });
});

// @ts-check
'use strict';
// Where the scripts keep things. Everything they create lives under .vscode-test/ and test-results/ (both git-ignored).

const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const cacheRoot = path.join(repoRoot, '.vscode-test');

module.exports = {
  repoRoot,
  /** Downloads, installs and profiles of the tools the tests run in. */
  cacheRoot,
  /** One folder per use (integration, ui, start): user data, extensions, XDG dirs, logs. */
  profilesRoot: path.join(cacheRoot, 'profiles'),
  /** The workspace the integration suites open. */
  fixturesWorkspace: path.join(repoRoot, 'test', 'integration', 'fixtures'),
  /** The workspace `npm start` and the UI test open. */
  examplesWorkspace: path.join(repoRoot, 'examples'),
  /** Screenshots and logs kept after a run, for CI artefacts. */
  testResults: path.join(repoRoot, 'test-results'),
  /** The .vsix the scripts package and install. */
  vsixPath: path.join(cacheRoot, 'claude-inspector.vsix'),
};

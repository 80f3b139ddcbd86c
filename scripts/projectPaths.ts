// Where the scripts keep things. Everything they create lives under .vscode-test/ and test-results/ (both git-ignored).
import * as path from 'node:path';

/** The repository: the scripts run from out/scripts/ (compiled), two levels below it. */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** Downloads, installs and profiles of the tools the tests run in. */
export const cacheRoot = path.join(repoRoot, '.vscode-test');
/** One folder per use (integration, ui, start): user data, extensions, XDG dirs, logs. */
export const profilesRoot = path.join(cacheRoot, 'profiles');
/** The workspace the integration suites open. */
export const fixturesWorkspace = path.join(repoRoot, 'test', 'integration', 'fixtures');
/** The workspace `npm start` and the UI test open. */
export const examplesWorkspace = path.join(repoRoot, 'examples');
/** Screenshots and logs kept after a run, for CI artefacts. */
export const testResults = path.join(repoRoot, 'test-results');
/** The .vsix the scripts package and install. */
export const vsixPath = path.join(cacheRoot, 'claude-inspector.vsix');
/** The programs of node_modules the scripts run with this Node. */
export const bin = {
  tsc: path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
  mocha: path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
  eslint: path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  vsce: path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
};
/** The bootstrap that runs a script of scripts/ (node scripts/run.js <name>). */
export const runScript = path.join(repoRoot, 'scripts', 'run.js');

// @ts-check
'use strict';
// Packages the extension into a .vsix with @vscode/vsce (offline, a few seconds). vsce runs the `vscode:prepublish`
// script itself, so the package holds the production build (dist/ is rebuilt minified, without source maps).
// @vscode/vsce is pinned to 3.x: 4.x declares Node >= 22 and the project runs on Node 20.
//
// Usage: node scripts/packageExtension.js [--out <file.vsix>]   (default .vscode-test/claude-inspector.vsix)

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, vsixPath } = require('./projectPaths');
const { errorMessage, runCommand } = require('./processes');

/**
 * Packages quietly: vsce's listing of every file and the prepublish build's npm lines are of no use to someone
 * starting the extension; its warnings and errors are printed, and a failure shows the end of its output.
 * @param {{ out?: string }} [options]
 * @returns {Promise<string>} the .vsix path
 */
async function packageExtension(options = {}) {
  const out = path.resolve(options.out ?? vsixPath);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const { output } = await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: repoRoot,
    timeoutMs: 180_000,
    label: 'vsce package',
  });
  for (const line of output.split('\n').filter((text) => /\b(WARNING|ERROR)\b/.test(text))) {
    console.error(`[vsce] ${line.trim()}`);
  }
  if (!fs.existsSync(out)) {
    throw new Error(`vsce package finished but ${out} is not there.`);
  }
  return out;
}

module.exports = { packageExtension };

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  packageExtension({ out: at >= 0 ? process.argv[at + 1] : undefined }).then(
    (out) => console.log(`packaged ${path.relative(process.cwd(), out)}`),
    (error) => {
      console.error(`packageExtension: ${errorMessage(error)}`);
      process.exitCode = 1;
    },
  );
}

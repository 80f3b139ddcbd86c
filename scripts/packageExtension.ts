// Packages the extension into a .vsix with @vscode/vsce (offline, a few seconds). vsce runs the `vscode:prepublish`
// script itself, so the package holds the production build (dist/ is rebuilt minified; its source maps are written apart and left out): the
// scripts that package (start, runUi, screenshots) need no bundle step of their own.
// @vscode/vsce is pinned to 3.x: 4.x declares Node >= 22 and the project runs on Node 20.
//
// Usage: node scripts/run.js packageExtension [--out <file.vsix>]   (default .vscode-test/claude-inspector.vsix)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine } from './args';
import { exitWhenDone } from './cleanup';
import { runCommand } from './processes';
import { bin, repoRoot, vsixPath } from './projectPaths';

/**
 * Packages quietly: vsce's listing of every file and the prepublish build's npm lines are of no use to someone
 * starting the extension; its warnings and errors are printed, and a failure shows the end of its output. Resolves
 * with the .vsix path.
 */
export async function packageExtension(options: { out?: string } = {}): Promise<string> {
  const out = path.resolve(options.out ?? vsixPath);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const { output } = await runCommand(process.execPath, [bin.vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
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

export function main(argv: string[]): void {
  let out: string | undefined;
  try {
    out = parseCommandLine(argv, { out: { type: 'string' } }, 'node scripts/run.js packageExtension [--out file.vsix]').out;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  exitWhenDone(packageExtension({ out }).then((file) => {
    console.log(`packaged ${path.relative(process.cwd(), file)}`);
    return 0;
  }), (why) => `packageExtension: ${why}`);
}

#!/usr/bin/env node
'use strict';
// The one JavaScript file of scripts/: how a fresh clone runs the TypeScript tools on Node 20, which cannot run
// TypeScript itself. It transpiles the tools (scripts/**/*.ts, and src/standIn/, which `npm start` runs) into out/
// with esbuild, file by file, exactly where `tsc -p .` puts them (a few tens of milliseconds, no type-check: the
// compile stage of `npm test` type-checks them with everything else), then calls the named script's main().
//
// Usage: node scripts/run.js <script> [arguments]     e.g. node scripts/run.js test --only unit
//   <script> is a file of scripts/ without .ts that exports main(argv): build, test, start, runIntegration, runUi,
//   screenshots, bench, packageExtension, provideChromium, provideVscode, provideZsh, providePython. The others are their libraries.

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** The folders of TypeScript that run as tools, before or without the product's build. */
const TOOL_FOLDERS = ['scripts', path.join('src', 'standIn')];

/** @param {string} dir @returns {string[]} */
function typeScriptFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return typeScriptFiles(file);
    }
    return entry.isFile() && file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

/**
 * Transpiles the tools into out/ (out/scripts/, out/src/standIn/), the layout of `tsc -p .`. A file is written only
 * when it changed, and then whole at once (a rename): a script already running from out/ (npm test, while one of its
 * stages runs this again) never loads a half-written file.
 */
function transpileTools() {
  const esbuild = require('esbuild');
  const { outputFiles } = esbuild.buildSync({
    entryPoints: TOOL_FOLDERS.flatMap((folder) => typeScriptFiles(path.join(root, folder))),
    outbase: root,
    outdir: path.join(root, 'out'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'error',
    write: false,
  });
  for (const file of outputFiles) {
    let same = false;
    try {
      same = fs.readFileSync(file.path).equals(Buffer.from(file.contents));
    } catch {
      // Not there yet.
    }
    if (!same) {
      fs.mkdirSync(path.dirname(file.path), { recursive: true });
      const temporary = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, file.path);
    }
  }
}

function main() {
  const [name, ...argv] = process.argv.slice(2);
  // The scripts that can be run: those that export main(argv); the rest are their libraries.
  const scripts = typeScriptFiles(path.join(root, 'scripts'))
    .filter((file) => /^export function main\(/m.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(path.join(root, 'scripts'), file).slice(0, -3));
  if (!name || !scripts.includes(name)) {
    console.error(`${name ? `Unknown script "${name}". ` : ''}Usage: node scripts/run.js <script> [arguments]; scripts: ${scripts.join(', ')}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(root, 'node_modules', 'esbuild'))) {
    console.error('node_modules/esbuild is missing: run `npm install` first.');
    process.exit(2);
  }
  try {
    transpileTools();
  } catch (error) {
    // esbuild has printed where (file:line:column).
    console.error(`scripts/run.js: could not transpile the tools: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  require(path.join(root, 'out', 'scripts', `${name}.js`)).main(argv);
}

main();

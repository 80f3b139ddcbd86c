// Builds the three bundles: the extension (Node, CommonJS, `vscode` external), the webview (browser) and the CLI.
// `--production` minifies and drops source maps; `--watch` rebuilds on change and reports problems the way
// VS Code's esbuild problem matcher reads them.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors as `✘ [ERROR] ...` lines with file:line:column, for the problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) {
        console.log('[watch] build started');
      }
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (watch) {
        console.log('[watch] build finished');
      }
    });
  },
};

/** Codicons are shipped as files next to the webview bundle, so the CSP can allow them from dist/ alone. */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

const common = {
  bundle: true,
  // jsonc-parser's UMD main cannot be bundled (dynamic requires); its ES module build can.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    // The compare view's own page (its own panel), on the same block renderers as the response panel.
    entryPoints: ['src/webview/compare/main.ts'],
    outfile: 'dist/compare.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { CLI_VERSION: JSON.stringify(require('./package.json').version) },
  },
];

async function main() {
  fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  copyCodicons();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
  fs.chmodSync(path.join(__dirname, 'dist', 'cli.js'), 0o755);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});

// The one build of the scripts: the bundles (esbuild: the extension for Node with `vscode` external and the loader
// that compiles it with V8's code cache, the SDK it loads
// at its first call, its request-file check worker, the webview for the browser, the CLI) and the compile of src, test, bench and scripts into out/ (tsc -p .). Every
// script that needs a build calls these; `npm run build` (and vsce's prepublish, with --production) runs the bundles.
// `--production` minifies and drops source maps; `--watch` rebuilds on change and reports problems the way VS Code's
// esbuild problem matcher reads them.
//
// Usage: node scripts/run.js build [--production] [--watch]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine } from './args';
import { exitWhenDone } from './cleanup';
import { runCommand } from './processes';
import { bin, repoRoot } from './projectPaths';

const dist = path.join(repoRoot, 'dist');

/** Prints errors as `✘ [ERROR] ...` lines with file:line:column, for the problem matcher. */
function problemMatcher(watch: boolean): esbuild.Plugin {
  return {
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
}

/** Codicons are shipped as files next to the webview bundle, so the CSP can allow them from dist/ alone. */
function copyCodicons(): void {
  const from = path.join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(dist, 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/**
 * The extension reaches the SDK only through src/core/sdk.ts, at the first call: its bundle requires `./sdk.js`, a
 * bundle of its own, so that activation neither loads nor compiles the SDK (most of the code).
 */
const sdkApart: esbuild.Plugin = {
  name: 'sdk-apart',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, (args) => (args.kind === 'require-call' ? { path: './sdk.js', external: true } : undefined));
  },
};

/**
 * markdown-it's dist is built with Babel's class-field helper: each field of each Token (eleven per token, thousands
 * of tokens per screen of markdown) went through toPropertyKey → toPrimitive → _typeof before it was set, about a
 * tenth of the panel's rendering of a long answer. Its keys are all string literals, so the helper's own fast path
 * (`e[r] = t`, or defineProperty when the key is inherited) is kept without the key conversion: the same result.
 * A markdown-it whose helper reads otherwise is bundled as it is.
 */
const markdownItFields: esbuild.Plugin = {
  name: 'markdown-it-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const helper = /function _defineProperty\(e, r, t\) \{\n\treturn \(r = toPropertyKey\(r\)\) in e \?/;
      return { contents: source.replace(helper, 'function _defineProperty(e, r, t) {\n\treturn r in e ?'), loader: 'js' };
    });
  },
};

/**
 * Libraries the extension needs only once a request file is parsed, a stream read or two calls compared: each is a
 * bundle of its own (`dist/lib/<name>.js`), compiled and run at its first use rather
 * than with the extension at activation (compiling main.js is most of a first activation's time, in proportion to
 * its size). Only stateless libraries go apart: a module of ours would take its own copy of what it imports, and
 * some of that is state of the process (core/secrets/redact.ts's secrets in play: a copy apart would not know them, and
 * would let a secret through). The importers are unchanged (`import { parseTree } from 'jsonc-parser'`): in the extension's bundle the import resolves to a
 * stand-in whose members are read from the real module at each use, loaded at the first.
 */
const APART: ReadonlyArray<{ name: string; entry: string; imports: RegExp }> = [
  { name: 'jsonc-parser', entry: 'jsonc-parser', imports: /^jsonc-parser$/ },
  { name: 'diff', entry: 'diff', imports: /^diff$/ },
  { name: 'eventsource-parser', entry: 'eventsource-parser', imports: /^eventsource-parser$/ },
];

const apart: esbuild.Plugin = {
  name: 'apart',
  setup(build) {
    for (const { name, imports } of APART) {
      build.onResolve({ filter: imports }, (args) =>
        args.namespace === 'apart' || args.kind !== 'import-statement' ? undefined : { path: name, namespace: 'apart' },
      );
    }
    build.onResolve({ filter: /^\.\/lib\// }, (args) => (args.namespace === 'apart' ? { path: args.path, external: true } : undefined));
    // A CommonJS stand-in: esbuild copies a CommonJS module's own members into each importer's namespace object,
    // whose prototype is the module's: the stand-in has no member of its own, and its prototype reads the module.
    // __esModule is read when the stand-in is imported (at activation): answered without loading anything.
    build.onLoad({ filter: /.*/, namespace: 'apart' }, (args) => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require(${JSON.stringify(`./lib/${args.path}.js`)}));`,
        "module.exports = Object.create(new Proxy({}, { get: (_target, key) => (key === '__esModule' ? undefined : load()[key]) }));",
      ].join('\n'),
    }));
  },
};

function bundleOptions(production: boolean, watch: boolean): esbuild.BuildOptions[] {
  const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
  const common: esbuild.BuildOptions = {
    absWorkingDir: repoRoot,
    bundle: true,
    // jsonc-parser's UMD main cannot be bundled (dynamic requires); its ES module build can.
    mainFields: ['module', 'main'],
    minify: production,
    // A production build's maps are written apart (no link in the bundle) and left out of the package
    // (.vscodeignore): a benchmark reads the packaged panel's CPU profile through them (bench/lib/panelProfile.ts).
    sourcemap: production ? 'external' : 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [problemMatcher(watch)],
  };
  return [
    {
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/main.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [...(common.plugins ?? []), sdkApart, apart],
    },
    // What the extension loads at its first use (apart).
    ...APART.map(({ name, entry }) => ({ ...common, entryPoints: [entry], outfile: `dist/lib/${name}.js`, platform: 'node' as const, format: 'cjs' as const, target: 'node20' })),
    // What VS Code loads (package.json "main"): dist/main.js compiled with V8's code cache (src/extension/loader.ts).
    { ...common, entryPoints: ['src/extension/loader.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20' },
    // The SDK, loaded by the extension at its first call (src/core/sdk.ts), not at activation.
    { ...common, entryPoints: ['node_modules/@anthropic-ai/sdk/index.js'], outfile: 'dist/sdk.js', mainFields: ['main'], platform: 'node', format: 'cjs', target: 'node20' },
    // The request-file check, in a worker thread of the extension host (src/extension/requestFiles/checkThread.ts).
    { ...common, entryPoints: ['src/core/requestFiles/checkWorker.ts'], outfile: 'dist/checkWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
    { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', plugins: [...(common.plugins ?? []), markdownItFields] },
    // The compare view's own page (its own panel), on the same block renderers as the response panel.
    { ...common, entryPoints: ['src/webview/compare/main.ts'], outfile: 'dist/compare.js', platform: 'browser', format: 'iife', target: 'es2022', plugins: [...(common.plugins ?? []), markdownItFields] },
    // The panels' stylesheets, each one file: media/panel.css @imports its parts, which a webview fetched one after
    // another once panel.css came (the page's script waits for them: 0.16 s of a reload's first screen, 0.5 s
    // while the workbench reloads around it).
    { ...common, entryPoints: ['media/panel.css', 'media/compare.css'], outdir: 'dist', outbase: 'media', loader: { '.css': 'css' } },
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      define: { CLI_VERSION: JSON.stringify(version) },
    },
  ];
}

/** Builds the bundles into dist/ (a few seconds); with `watch`, keeps rebuilding on change and never resolves. */
export async function bundle(options: { production?: boolean; watch?: boolean } = {}): Promise<void> {
  const { production = false, watch = false } = options;
  fs.rmSync(dist, { recursive: true, force: true });
  copyCodicons();
  const contexts = await Promise.all(bundleOptions(production, watch).map((o) => esbuild.context(o)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return new Promise<void>(() => {});
  }
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}

/**
 * Compiles src, test, bench and scripts into out/ (tsc -p .), bounded. With `allowTypeErrors` a type error is
 * reported but does not stop the caller: tsc still emits, and the tests say what works.
 */
export async function compile(options: { allowTypeErrors?: boolean } = {}): Promise<void> {
  await runCommand(process.execPath, [bin.tsc, '-p', '.'], {
    cwd: repoRoot,
    timeoutMs: 5 * 60_000,
    echo: true,
    label: 'tsc -p .',
    okCodes: options.allowTypeErrors ? [0, 1, 2] : [0],
  });
}

/** What a runner builds before it runs: the bundles and/or the compile, said under its `prefix`. */
export async function buildFor(prefix: string, steps: { bundle?: boolean; compile?: boolean; allowTypeErrors?: boolean }): Promise<void> {
  if (steps.bundle) {
    console.log(`${prefix} building the bundles (node scripts/run.js build)`);
    await bundle();
  }
  if (steps.compile) {
    console.log(`${prefix} compiling (tsc -p .)`);
    await compile({ allowTypeErrors: steps.allowTypeErrors });
  }
}

export function main(argv: string[]): void {
  let values: { production?: boolean; watch?: boolean };
  try {
    values = parseCommandLine(argv, { production: { type: 'boolean' }, watch: { type: 'boolean' } }, 'node scripts/run.js build [--production] [--watch]');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  // esbuild has printed each error with its place (the problem matcher); the message says what failed.
  exitWhenDone(bundle(values).then(() => 0), (why) => why);
}

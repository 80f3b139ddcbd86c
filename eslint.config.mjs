// Lint: typescript-eslint's recommended rules, and the rooms of ARCHITECTURE.md as import rules, so that a file's
// folder says what it may import and no import runs back up the layers.
import tseslint from 'typescript-eslint';

/** An import rule for one room: `patterns` are the import paths it must not use, each with the reason. */
function room(files, patterns) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
    },
  };
}

const NODE = { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'child_process', 'os', 'net', 'stream', 'util'], message: 'shared/ and webview/ run in the browser too: no Node modules.' };
const VSCODE = { group: ['vscode'], message: 'Only src/extension/ may import vscode.' };
const SDK = { group: ['@anthropic-ai/sdk', '@anthropic-ai/sdk/*'], message: 'The SDK belongs to core/ (the client with capture).' };
const up = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/*`, `**/${f}/**`]), message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The wire's shapes are open JSON; `unknown` is used where it can be, `any` stays an error.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  room(['src/shared/**/*.ts'], [NODE, VSCODE, SDK, up(['core', 'extension', 'webview', 'cli', 'standIn'], 'shared/ imports nothing of ours outside shared/.')]),
  room(['src/core/**/*.ts'], [VSCODE, up(['extension', 'webview', 'cli', 'standIn'], 'core/ is below the shells: it never imports them.')]),
  room(['src/webview/**/*.ts'], [NODE, VSCODE, SDK, up(['core', 'extension', 'cli', 'standIn'], 'webview/ imports only shared/.')]),
  room(['src/cli/**/*.ts'], [VSCODE, up(['extension', 'webview', 'standIn'], 'cli/ is a shell on core/ and shared/.')]),
  room(['src/standIn/**/*.ts'], [VSCODE, up(['shared', 'core', 'extension', 'webview', 'cli'], 'standIn/ stands for the API: it shares no code with the product it tests.')]),
  // The tools run the product, they do not import it: the stand-in (which they start) excepted.
  room(['scripts/**/*.ts'], [VSCODE, up(['shared', 'core', 'extension', 'webview', 'cli'], 'scripts/ are tools: they build and run the product, they do not import it (src/standIn/ excepted).')]),
  room(['src/extension/**/*.ts'], [up(['webview', 'cli', 'standIn'], 'The extension talks to the webview through shared/protocol.ts only.')]),
  // Below the commands, nothing imports a command (only extension.ts, which registers them): their ids live in
  // extension/commandIds.ts.
  room(['src/extension/!(extension).ts', 'src/extension/{panel,requestFiles,history,conversation,compare}/**/*.ts'], [
    up(['webview', 'cli', 'standIn'], 'The extension talks to the webview through shared/protocol.ts only.'),
    { group: ['**/commands/*', './commands/*', '../commands/*'], message: 'Nothing below the commands imports them.' },
  ]),
);

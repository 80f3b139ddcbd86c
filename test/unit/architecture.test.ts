// The rooms of ARCHITECTURE.md hold because the linter refuses an import that breaks them: each case lints one line
// as if it were a file of that room, with the project's own eslint.config.mjs.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** [file it would be, the import, allowed?] */
const CASES: [string, string, boolean][] = [
  ['src/shared/x.ts', "import * as vscode from 'vscode';", false],
  ['src/shared/x.ts', "import { readFile } from 'node:fs';", false],
  ['src/shared/x.ts', "import Anthropic from '@anthropic-ai/sdk';", false],
  ['src/shared/x.ts', "import { sendMessage } from '../core/client';", false],
  ['src/shared/x.ts', "import type { CallRecord } from './callRecord';", true],
  ['src/core/x.ts', "import * as vscode from 'vscode';", false],
  ['src/core/x.ts', "import { ResponsePanel } from '../extension/panel/responsePanel';", false],
  ['src/core/x.ts', "import { cliJson } from '../cli/jsonOutput';", false],
  ['src/core/x.ts', "import Anthropic from '@anthropic-ai/sdk';", true],
  ['src/core/x.ts', "import type { CallRecord } from '../shared/callRecord';", true],
  ['src/webview/x.ts', "import { sendMessage } from '../core/client';", false],
  ['src/webview/views/x.ts', "import { toCurl } from '../../core/curl';", false],
  ['src/webview/x.ts', "import * as vscode from 'vscode';", false],
  ['src/webview/x.ts', "import * as fs from 'node:fs';", false],
  ['src/webview/views/x.ts', "import type { CallRecord } from '../../shared/callRecord';", true],
  ['src/cli/x.ts', "import * as vscode from 'vscode';", false],
  ['src/cli/x.ts', "import { CallRunner } from '../extension/callRunner';", false],
  ['src/cli/x.ts', "import { sendMessage } from '../core/client';", true],
  ['src/extension/x.ts', "import { render } from '../webview/app';", false],
  ['src/extension/callRunner.ts', "import { registerSend } from './commands/sendRequestFile';", false],
  ['src/extension/panel/x.ts', "import { registerSend } from '../commands/sendRequestFile';", false],
  ['src/extension/requestFiles/x.ts', "import { registerSend } from '../commands/sendRequestFile';", false],
  ['src/extension/history/x.ts', "import { registerSend } from '../commands/sendRequestFile';", false],
  ['src/extension/conversation/x.ts', "import { registerSend } from '../commands/sendRequestFile';", false],
  ['src/extension/compare/x.ts', "import { registerSend } from '../commands/sendRequestFile';", false],
  ['src/extension/requestFiles/x.ts', "import { COMMANDS } from '../commandIds';", true],
  ['src/extension/extension.ts', "import { registerSend } from './commands/sendRequestFile';", true],
  ['src/extension/x.ts', "import * as vscode from 'vscode';", true],
];

describe('architecture: the linter keeps each room to its imports', function () {
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: REPO });

  for (const [file, line, allowed] of CASES) {
    it(`${allowed ? 'allows' : 'refuses'} in ${file}: ${line}`, async () => {
      const [result] = await eslint.lintText(`${line}\nexport const used = ${line.includes('type ') ? '0' : 'typeof Object'};\n`, {
        filePath: path.join(REPO, file),
      });
      const boundary = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      if (allowed) {
        assert.deepEqual(boundary.map((m) => m.message), [], `${file} may import this`);
      } else {
        assert.equal(boundary.length, 1, `${file} must not import this; messages: ${JSON.stringify(result.messages.map((m) => m.message))}`);
      }
    });
  }
});

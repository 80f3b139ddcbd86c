// `npm run test:electron`: runs the integration suites in desktop VS Code through @vscode/test-electron, on a
// machine that can download VS Code (it cannot work on machines that reach only npm: there, scripts/runIntegration.ts
// runs the same suites in code-server). Build (`node esbuild.js`) and compile (`npx tsc -p .`) first.
//
// @vscode/test-electron is pinned to 2.5.x: 3.x declares Node >= 22 and the project runs on Node 20.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // This file is compiled to out/test/integration/runTest.js.
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionDevelopmentPath = repoRoot;
  const extensionTestsPath = path.join(__dirname, 'index');
  const fixturesWorkspace = path.join(repoRoot, 'test', 'integration', 'fixtures');
  const exitCode = await runTests({
    // The oldest VS Code the extension declares (engines.vscode ^1.100.0), unless asked for another.
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [fixturesWorkspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    // As scripts/runIntegration.ts: nothing reaches the real API by accident.
    extensionTestsEnv: { ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
  });
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(`Integration tests did not run or failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

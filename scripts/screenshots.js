// @ts-check
'use strict';
// Makes the README's screenshots (docs/screenshot-*.png) the way a person would see the panel: the packaged
// extension in the cached code-server (a fresh profile), the Messages API stand-in, headless Chromium at 1400×900.
// For each of VS Code's four default themes it sets `workbench.colorTheme` in the profile's user settings, loads the
// workbench (code-server applies a settings change only on reload), opens examples/extended-thinking.claude.json,
// sends it with the editor title's Send button and, once the answer is in, saves the whole window. It fails if the
// panel is not beside the editor or the answer's first block is not visible without scrolling.
//
// Usage: node scripts/screenshots.js [--no-build]    (--no-build: out/ and dist/ are already up to date)

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, examplesWorkspace } = require('./projectPaths');
const { installExtension, profile, startCodeServer, userSettingsFile, workbenchUrl, writeUserSettings } = require('./codeServer');
const { packageExtension } = require('./packageExtension');
const { launchBrowser } = require('./browser');
const { standInApiKey, standInAvailable, startStandIn } = require('./standIn');
const { finishScript, runCommand } = require('./processes');

const EXAMPLE = 'extended-thinking.claude.json';
const VIEWPORT = { width: 1400, height: 900 };
/** docs/screenshot-<name>.png for each theme id. */
const THEMES = [
  { name: 'dark', id: 'Default Dark Modern', workbenchClass: 'vs-dark' },
  { name: 'light', id: 'Default Light Modern', workbenchClass: 'vs' },
  { name: 'high-contrast', id: 'Default High Contrast', workbenchClass: 'hc-black' },
  { name: 'high-contrast-light', id: 'Default High Contrast Light', workbenchClass: 'hc-light' },
];

/** @param {{ build: boolean }} options */
async function screenshots(options) {
  if (options.build) {
    console.log('[screenshots] building: node esbuild.js, tsc -p .');
    await runCommand(process.execPath, ['esbuild.js'], { cwd: repoRoot, timeoutMs: 120_000, echo: true, label: 'node esbuild.js' });
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await runCommand(process.execPath, [tsc, '-p', '.'], { cwd: repoRoot, timeoutMs: 300_000, echo: true, label: 'tsc -p .', okCodes: [0, 1, 2] });
  }
  if (!standInAvailable()) {
    throw new Error('The Messages API stand-in is not compiled (out/src/standIn/main.js): run npx tsc -p . first.');
  }
  // The project's own workbench driver (test/ui/workbench.ts), compiled by tsc.
  const { Workbench } = require(path.join(repoRoot, 'out', 'test', 'ui', 'workbench.js'));

  const vsix = await packageExtension();
  const target = profile('screenshots', { fresh: true });
  await installExtension(vsix, target);
  const apiKey = standInApiKey();
  const standIn = await startStandIn({ apiKey, logFile: path.join(target.logsDir, 'stand-in.log') });
  writeUserSettings(target, { 'claudeInspector.baseUrl': standIn.url });
  const server = await startCodeServer({ profile: target, folder: examplesWorkspace, env: { ANTHROPIC_API_KEY: apiKey } });
  const launched = await launchBrowser({ viewport: VIEWPORT });
  const docs = path.join(repoRoot, 'docs');
  try {
    for (const theme of THEMES) {
      writeUserSettings(target, { 'workbench.colorTheme': theme.id });
      const workbench = new Workbench(launched.page, { screenshotDir: docs, userSettingsFile: userSettingsFile(target) });
      await workbench.open(workbenchUrl(server.url, examplesWorkspace));
      await launched.page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: 'visible', timeout: 30_000 });
      await openExample(launched.page);
      const send = launched.page.locator('.editor-actions .action-label[aria-label*="Send Request File"]').first();
      await send.waitFor({ state: 'visible', timeout: 60_000 });
      await send.click();
      const frame = await workbench.findWebviewFrame('[data-testid="stop-reason"]', 60_000);
      await frame.locator('[data-testid="stop-reason"]').waitFor({ state: 'visible', timeout: 60_000 });
      // Away from the buttons, so that no tooltip or hover colour is in the picture.
      await launched.page.mouse.move(600, 700);
      await launched.page.waitForTimeout(1_500);
      await checkLayout(launched.page, frame);
      const file = await workbench.screenshot(`screenshot-${theme.name}`);
      console.log(`[screenshots] ${theme.id}: ${path.relative(repoRoot, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
      // The next load restores nothing: no scrolled editor, no older answer.
      await workbench.runCommand('View: Close All Editors');
    }
  } finally {
    await launched.close();
    await server.stop();
    await standIn.stop();
  }
  return 0;
}

/**
 * Opens the example with Quick Open, cursor and view at its top. (Workbench.openFile first clicks into the side bar
 * when no editor is open, which opens an explorer row as a preview tab: not wanted in the picture.)
 * @param {import('playwright-core').Page} page
 */
async function openExample(page) {
  await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
  await page.keyboard.press('Control+P');
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.fill(EXAMPLE);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: EXAMPLE }).first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label^="${EXAMPLE}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Control+Home');
}

/**
 * What the picture must show: the panel in its own editor group right of the request file, and the answer's first
 * block inside the window.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Frame} frame
 */
async function checkLayout(page, frame) {
  const groups = await page.locator('.editor-group-container').evaluateAll((elements) =>
    elements.map((element) => ({ x: element.getBoundingClientRect().x, tabs: element.querySelector('.tabs-container')?.textContent ?? '' })));
  const editor = groups.find((group) => group.tabs.includes(EXAMPLE));
  const panel = groups.find((group) => group.tabs.includes('Claude Response'));
  if (!editor || !panel || editor === panel || panel.x <= editor.x) {
    throw new Error(`The panel is not beside the editor: ${JSON.stringify(groups)}`);
  }
  // A frame's boundingBox is in the page's coordinates already.
  const block = await frame.locator('[data-testid="reply"] > *').first().boundingBox();
  if (!block || block.y + Math.min(block.height, 40) > VIEWPORT.height) {
    throw new Error(`The answer's first block is not in the window: ${JSON.stringify(block)}`);
  }
}

if (require.main === module) {
  finishScript((argv) => {
    if (argv.some((arg) => arg !== '--no-build')) {
      throw new Error('Usage: node scripts/screenshots.js [--no-build]');
    }
    return { timeoutMs: 600_000, run: () => screenshots({ build: !argv.includes('--no-build') }) };
  }, { prefix: '[screenshots]', what: 'Making the screenshots' });
}

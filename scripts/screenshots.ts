// Makes the README's screenshots (docs/screenshot-*.png) the way a person would see the panel: the packaged
// extension in the cached code-server (a fresh profile), the Messages API stand-in, headless Chromium at 1400×900.
// For each of VS Code's four default themes it sets `workbench.colorTheme` in the profile's user settings, loads the
// workbench (code-server applies a settings change only on reload), opens examples/extended-thinking.claude.json,
// sends it with the editor title's Send button and, once the answer is in, saves the whole window. It fails if the
// panel is not beside the editor or the answer's first block is not visible without scrolling.
//
// Usage: node scripts/run.js screenshots [--no-build]    (--no-build: out/ is already up to date)
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { parseCommandLine } from './args';
import { launchBrowser } from './browser';
import { buildFor } from './build';
import { finishScript } from './cleanup';
import { installExtension, profile, startCodeServer, userSettingsFile, workbenchUrl, writeUserSettings } from './codeServer';
import { packageExtension } from './packageExtension';
import { examplesWorkspace, repoRoot } from './projectPaths';
import { standInApiKey, standInAvailable, startStandIn } from './standIn';

const EXAMPLE = 'extended-thinking.claude.json';
const VIEWPORT = { width: 1400, height: 900 };
/** docs/screenshot-<name>.png for each theme id. */
const THEMES = [
  { name: 'dark', id: 'Default Dark Modern', workbenchClass: 'vs-dark' },
  { name: 'light', id: 'Default Light Modern', workbenchClass: 'vs' },
  { name: 'high-contrast', id: 'Default High Contrast', workbenchClass: 'hc-black' },
  { name: 'high-contrast-light', id: 'Default High Contrast Light', workbenchClass: 'hc-light' },
];

async function screenshots(options: { build: boolean }): Promise<number> {
  // The workbench driver below is compiled by tsc; the bundles are the .vsix's, which vsce builds.
  await buildFor('[screenshots]', { compile: options.build, allowTypeErrors: true });
  if (!standInAvailable()) {
    throw new Error('The Messages API stand-in is not there (out/src/standIn/main.js): run node scripts/run.js screenshots, which transpiles it.');
  }
  // The project's own workbench driver (test/ui/workbench.ts), compiled by tsc: loaded once compiled, not imported.
  const { Workbench } = require(path.join(repoRoot, 'out', 'test', 'ui', 'workbench.js')) as typeof import('../test/ui/workbench');

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
 */
async function openExample(page: Page): Promise<void> {
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
 */
async function checkLayout(page: Page, frame: Frame): Promise<void> {
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

export function main(argv: string[]): void {
  finishScript(argv, (args) => {
    const values = parseCommandLine(args, { 'no-build': { type: 'boolean' } }, 'node scripts/run.js screenshots [--no-build]');
    return { timeoutMs: 600_000, run: () => screenshots({ build: !values['no-build'] }) };
  }, { prefix: '[screenshots]', what: 'Making the screenshots' });
}

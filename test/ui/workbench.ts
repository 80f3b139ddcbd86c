// Drives a VS Code workbench in a browser the way a person does: keys, the command palette, clicks. Used by the UI
// tests (test/ui/*.test.ts), which scripts/runUi.ts runs against code-server in headless Chromium: the runner starts
// the stand-in and code-server; each suite opens its own browser on them with `useWorkbench()`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../../scripts/browser'; // one set of Chromium flags for every script

const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Where the UI tests' screenshots go: test-results/ui/. */
export const screenshotDir = path.join(repoRoot, 'test-results', 'ui');

/** Theme ids of the built-in default themes, and the class each puts on `.monaco-workbench`. */
export const THEMES = {
  light: { id: 'Default Light Modern', label: 'Light Modern', workbenchClass: 'vs' },
  dark: { id: 'Default Dark Modern', label: 'Dark Modern', workbenchClass: 'vs-dark' },
  'high-contrast': { id: 'Default High Contrast', label: 'Dark High Contrast', workbenchClass: 'hc-black' },
  'high-contrast-light': { id: 'Default High Contrast Light', label: 'Light High Contrast', workbenchClass: 'hc-light' },
} as const;

export interface WorkbenchOptions {
  /** Where screenshots go (created if missing). */
  screenshotDir: string;
  /** The user settings file of the code-server profile, to read settings the workbench has written. */
  userSettingsFile?: string;
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const QUICK_INPUT_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

export class Workbench {
  constructor(readonly page: Page, private readonly options: WorkbenchOptions) {}

  /** Opens `url` (a workbench URL with `?folder=`) and waits until the workbench and its explorer are shown. */
  async open(url: string, timeoutMs = 90_000): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // The explorer lists the folder once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Opens a file of the workspace through Quick Open (Ctrl+P), as a person would, and waits for its editor. */
  async openFile(fileName: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.closeQuickInput();
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+P');
      await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: 5_000 });
      await this.page.locator(QUICK_INPUT_BOX).fill(fileName);
      // The row named as the file, not an untitled export titled "Compare Models: triage.claude.json" listed first.
      const name = this.page.locator('.label-name', { hasText: new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
      const row = this.page.locator(QUICK_INPUT_ROWS).filter({ has: name }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        await row.click();
        // Active, not only visible: an open file's tab shows before the click lands, and the next command acts on the active editor.
        await this.page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
        await this.page.locator('.editor-instance .monaco-editor .view-lines').first()
          .waitFor({ state: 'visible', timeout: 10_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`Could not open ${fileName} with Quick Open within ${timeoutMs} ms: ${(error as Error).message}`);
        }
      }
    }
  }

  /** Puts the cursor in the active editor and selects all of its text (Ctrl+A). Returns the status bar's selection text. */
  async selectAll(): Promise<string> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+A');
    const selection = this.page.locator('.statusbar-item[id="status.editor.selection"]');
    await selection.filter({ hasText: /selected/ }).waitFor({ state: 'visible', timeout: 10_000 });
    return (await selection.innerText()).trim();
  }

  /**
   * Runs a command by its palette title (e.g. "Claude: Send Selection"): F1, type the title, Enter. Until the
   * command's row shows (an extension may need a few seconds to be ready), closes the palette and tries again.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const box = this.page.locator(QUICK_INPUT_BOX);
      await box.waitFor({ state: 'visible', timeout: 10_000 });
      await box.fill(`>${title}`);
      const row = this.page.locator(QUICK_INPUT_ROWS).filter({ hasText: title }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        // The first row must be the command, not a near match: the palette runs the focused row on Enter.
        const first = (await this.page.locator(QUICK_INPUT_ROWS).first().getAttribute('aria-label')) ?? '';
        if (!first.startsWith(title)) {
          await row.click();
        } else {
          await this.page.keyboard.press('Enter');
        }
        await this.waitForPaletteToLeave(title);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          const rows = await this.page.locator(QUICK_INPUT_ROWS).allInnerTexts().catch(() => []);
          throw new Error(`The command palette never showed "${title}" in ${attempt} tries over ${timeoutMs} ms. ` +
            `Rows shown: ${JSON.stringify(rows.slice(0, 5))}. Last error: ${(error as Error).message}`);
        }
        await this.page.waitForTimeout(1_000);
      }
    }
  }

  /** After Enter: the palette closes, or (for a command that asks something) shows another input. */
  private async waitForPaletteToLeave(title: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!(await this.page.locator(QUICK_INPUT).isVisible())) {
        return;
      }
      const value = await this.page.locator(QUICK_INPUT_BOX).inputValue().catch(() => '');
      if (value !== `>${title}`) {
        return;
      }
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The palette still shows "${title}" ${timeoutMs} ms after Enter.`);
  }

  /**
   * What the workbench is telling the user now: the texts of notification toasts and of modal dialogs (a command
   * that throws, e.g. "command '...' not found", shows a dialog).
   */
  async messages(): Promise<string[]> {
    const toasts = await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    const dialogs = await this.page.locator('.monaco-dialog-box').allInnerTexts();
    return [...toasts, ...dialogs].map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /**
   * The frame of a webview whose document has `selector`. Webviews are nested iframes (an outer host frame and the
   * content's `active-frame`), so every frame of the page is searched, until `timeoutMs`.
   */
  async findWebviewFrame(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) {
          continue;
        }
        const count = await frame.locator(selector).count().catch(() => 0);
        if (count > 0) {
          return frame;
        }
      }
      if (Date.now() > deadline) {
        const urls = this.page.frames().map((frame) => frame.url().slice(0, 120));
        throw new Error(`No webview frame has "${selector}" after ${timeoutMs} ms. Frames: ${JSON.stringify(urls)}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  /**
   * Switches the color theme as a person does, with Preferences: Color Theme (which writes the user setting
   * `workbench.colorTheme`), and waits until the workbench has repainted in it. Writing the settings file from
   * outside is not enough here: code-server 4.100.3 sees the file change but the open workbench does not apply it
   * until reloaded (tried).
   */
  async setTheme(theme: keyof typeof THEMES, timeoutMs = 60_000): Promise<void> {
    const { label, workbenchClass } = THEMES[theme];
    const current = await this.page.locator('.monaco-workbench').getAttribute('class');
    if (current?.split(/\s+/).includes(workbenchClass) && (await this.currentThemeSetting()) === THEMES[theme].id) {
      return;
    }
    // Right after start-up the picker may list no themes yet (only "Browse Additional Color Themes..."): the
    // built-in theme extensions are still being registered. Close it and ask again until the theme shows.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runCommand('Preferences: Color Theme');
      const box = this.page.locator(QUICK_INPUT_BOX);
      await box.waitFor({ state: 'visible', timeout: 10_000 });
      await box.fill(label);
      const row = this.page.locator(QUICK_INPUT_ROWS).filter({ hasText: label }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`The color theme picker never listed "${label}" within ${timeoutMs} ms: ${(error as Error).message}`);
        }
        await this.closeQuickInput();
        await this.page.waitForTimeout(1_000);
      }
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    // Let the editor and the views repaint before a screenshot.
    await this.page.waitForTimeout(500);
  }

  /** `workbench.colorTheme` in the profile's user settings file, when the runner said where it is. */
  private async currentThemeSetting(): Promise<string | undefined> {
    const file = this.options.userSettingsFile;
    if (!file) {
      return undefined;
    }
    try {
      const settings = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Record<string, unknown>;
      return typeof settings['workbench.colorTheme'] === 'string' ? settings['workbench.colorTheme'] : undefined;
    } catch {
      return undefined;
    }
  }

  /** Saves a screenshot of the whole page as `<screenshotDir>/<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.options.screenshotDir, { recursive: true });
    const file = path.join(this.options.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, timeout: 20_000 });
    return file;
  }

  private async closeQuickInput(): Promise<void> {
    if (await this.page.locator(QUICK_INPUT).isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    }
  }

  /** Keys go to the workbench, not to a webview or the browser's chrome. */
  private async focusWorkbench(): Promise<void> {
    const editor = this.page.locator('.editor-instance .monaco-editor .view-lines').first();
    if (await editor.isVisible()) {
      await editor.click();
    } else {
      // The empty editor area, not the side bar: a click there could land on a file of the explorer and open it.
      await this.page.locator('.monaco-workbench .part.editor').click({ position: { x: 300, y: 300 } }).catch(() => {});
    }
  }
}

/** A suite's workbench, set once its `before` hook has opened it. */
export interface WorkbenchSession {
  readonly workbench: Workbench;
  /** The page's uncaught script errors, in order. */
  readonly pageErrors: string[];
}

/**
 * Call at the top of a `describe`: its `before` opens Chromium on the workbench runUi.ts serves
 * (CLAUDE_INSPECTOR_UI_URL), each failed test leaves a screenshot in test-results/ui/ (its path printed), and its
 * `after` closes the browser. The suite's tests read `session.workbench`.
 */
export function useWorkbench(options: { viewport?: { width: number; height: number } } = {}): WorkbenchSession {
  let launched: LaunchedBrowser | undefined;
  let workbench: Workbench | undefined;
  const pageErrors: string[] = [];
  const session: WorkbenchSession = {
    get workbench(): Workbench {
      if (!workbench) {
        throw new Error('The workbench is not open: useWorkbench() opens it in the suite\'s before hook.');
      }
      return workbench;
    },
    pageErrors,
  };

  before(async () => {
    const url = process.env.CLAUDE_INSPECTOR_UI_URL;
    if (!url) {
      throw new Error('CLAUDE_INSPECTOR_UI_URL is not set: run the UI tests with `npm run test:ui`.');
    }
    launched = await launchBrowser({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    launched.page.on('pageerror', (error) => pageErrors.push(error.message));
    workbench = new Workbench(launched.page, { screenshotDir, userSettingsFile: process.env.CLAUDE_INSPECTOR_UI_SETTINGS_FILE });
    await workbench.open(url);
  });

  after(async () => {
    await launched?.close();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const name = `failed-${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 120)}`;
      const file = await workbench.screenshot(name).catch(() => undefined);
      if (file) {
        console.log(`      screenshot of the failure: ${path.relative(repoRoot, file)}`);
      }
    }
  });

  return session;
}

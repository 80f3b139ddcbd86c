// UI test: a person sends a request file whose answer is big (about 5 MB of markdown, streamed fast by the stand-in),
// and while it streams switches between two other editors, by a click on a tab and by Ctrl+PageDown: each time the
// other editor's text shows. When the stream ends, the panel no longer says "streaming…" and holds the answer's last
// words. The workspace is a temporary folder of its own (the examples stay as they are). Bounds are generous: this
// checks what a user sees, not how fast (bench/workbenchStream.ts measures that).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../../scripts/browser';
import { bigMarkdown } from '../../src/standIn/scenarios';
import { Workbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const screenshotDir = path.join(repoRoot, 'test-results', 'ui');
const KILOBYTES = 5120;
const ALPHA = 'ALPHA_TAB_TEXT_7';
const BETA = 'BETA_TAB_TEXT_9';

/** The answer's last words: its last section's code line. */
function lastWords(): string {
  const match = /console\.log\((\d+)\);\s*```\s*$/.exec(bigMarkdown(KILOBYTES));
  assert.ok(match, 'the stand-in\'s big answer ends with a console.log line');
  return `console.log(${match[1]});`;
}

describe('A big answer streaming in the workbench', function () {
  this.timeout(240_000);
  let launched: LaunchedBrowser | undefined;
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    const url = process.env.CLAUDE_INSPECTOR_UI_URL;
    if (!url) {
      throw new Error('CLAUDE_INSPECTOR_UI_URL is not set: run the UI tests with `npm run test:ui`.');
    }
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-ui-big-'));
    fs.writeFileSync(path.join(folder, 'alpha.ts'), `export const ${ALPHA} = 'the first ordinary editor';\n`);
    fs.writeFileSync(path.join(folder, 'beta.md'), `# ${BETA}\n\nThe second ordinary editor.\n`);
    fs.writeFileSync(path.join(folder, 'big.claude.json'), `${JSON.stringify({
      model: 'claude-haiku-5-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: `A big answer please. [[stand-in: big:${KILOBYTES}]]` }],
    }, null, 2)}\n`);
    // The same workbench, on this folder instead of the examples.
    const own = new URL(url);
    own.searchParams.set('folder', folder);
    launched = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    workbench = new Workbench(launched.page, { screenshotDir, userSettingsFile: process.env.CLAUDE_INSPECTOR_UI_SETTINGS_FILE });
    await workbench.open(own.toString());
  });

  after(async () => {
    await launched?.close();
    if (folder) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && launched) {
      const file = await workbench.screenshot('failed-big-stream').catch(() => undefined);
      if (file) {
        console.log(`      screenshot of the failure: ${path.relative(repoRoot, file)}`);
      }
    }
  });

  /** Waits, bounded, until an editor on screen shows `marker`. */
  async function editorShows(marker: string, what: string): Promise<void> {
    await workbench.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: marker }).first()
      .waitFor({ state: 'visible', timeout: 20_000 })
      .catch(() => assert.fail(`${what}: the editor shows "${marker}" within 20 s`));
  }

  it('switches editors while the answer streams, then shows the whole answer without "streaming"', async () => {
    const page = workbench.page;
    await workbench.openFile('alpha.ts');
    await workbench.openFile('beta.md');
    await workbench.openFile('big.claude.json');
    const button = page.locator('.editor-actions .action-label[aria-label*="Send Request File"]').first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await button.click();

    const frame: Frame = await workbench.findWebviewFrame('[data-testid="call-header"]', 60_000);
    const chip = frame.locator('.status-chip');
    await chip.filter({ hasText: 'streaming…' }).waitFor({ state: 'visible', timeout: 60_000 });

    // While it streams: a click on a tab, then Ctrl+PageDown (alpha's next editor in the group is beta). The stand-in
    // takes about 6 s to write it (its realistic pace, capped), so the first switch starts while it streams.
    assert.match(await chip.innerText(), /streaming…/, 'the answer is still streaming when the tabs are switched');
    await page.locator('.tabs-container .tab[aria-label^="alpha.ts"]').first().click({ timeout: 20_000 });
    await editorShows(ALPHA, 'after a click on alpha.ts\'s tab');
    await page.keyboard.press('Control+PageDown');
    await editorShows(BETA, 'after Ctrl+PageDown');
    await workbench.screenshot('big-stream-switched');

    // The end: the status no longer says "streaming…", and the reply holds the last words (looked for in its text
    // content: paragraphs outside the view may be left out of innerText, as in any long answer).
    const last = lastWords();
    const deadline = Date.now() + 120_000;
    let status = '';
    let hasLast = false;
    for (;;) {
      status = (await chip.innerText().catch(() => '')).trim();
      hasLast = await frame.locator('[data-testid="reply"]').first()
        .evaluate((reply, words) => (reply.textContent ?? '').includes(words), last).catch(() => false);
      if (!/streaming…/.test(status) && /200/.test(status) && hasLast) {
        break;
      }
      assert.ok(Date.now() < deadline, `within 120 s the panel stops streaming and shows "${last}"; status "${status}", last words shown: ${hasLast}`);
      await page.waitForTimeout(500);
    }
    await workbench.screenshot('big-stream-done');
    const errors = (await workbench.messages()).filter((text) => /error|failed|not found/i.test(text));
    assert.deepEqual(errors, [], 'no error message from the workbench');
  });
});

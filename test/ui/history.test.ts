// UI test: a person sends the triage example with Haiku, changes its model to Opus and sends it again, opens the
// Claude view's History, selects both calls and compares them: the diff editor and the panel's Compare view open.
// Screenshots of the History view and the comparison in dark and light go to test-results/ui/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const triageFile = path.join(repoRoot, 'examples', 'triage.claude.json');
/** The example as it is before the test edits it in the editor. */
const triageText = fs.readFileSync(triageFile, 'utf8');

describe('History and Compare, in the workbench', function () {
  this.timeout(180_000);
  const session = useWorkbench();

  after(() => {
    // Whatever saved the edited example on the way (a theme switch's settings edit, a hot exit), it leaves as it came.
    if (fs.readFileSync(triageFile, 'utf8') !== triageText) {
      fs.writeFileSync(triageFile, triageText);
    }
  });

  async function send(model: string): Promise<void> {
    const workbench = session.workbench;
    const button = workbench.page.locator('.editor-actions .action-label[aria-label*="Send Request File"]').first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await button.click();
    const frame = await workbench.findWebviewFrame('[data-testid="call-header"]', 60_000);
    await frame.locator('[data-testid="call-header"]').filter({ hasText: model }).waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('[data-testid="stop-reason"]').waitFor({ state: 'visible', timeout: 60_000 });
  }

  it('sends the triage example with two models, then compares the two calls from the History view', async () => {
    const workbench = session.workbench;
    const page = workbench.page;
    await workbench.openFile('triage.claude.json');
    await send('claude-haiku-5-5');
    // The model, changed in the editor as a person would: Find and Replace, replace all, not saved.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+H');
    const find = page.locator('.find-widget .find-part textarea, .find-widget .find-part input').first();
    await find.waitFor({ state: 'visible', timeout: 10_000 });
    await find.fill('claude-haiku-5-5');
    const replace = page.locator('.find-widget .replace-part textarea, .find-widget .replace-part input').first();
    await replace.fill('claude-opus-5-5');
    await replace.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    await send('claude-opus-5-5');
    // The example is shared with the other UI tests (and is the repository's own file): put back as it was.
    await workbench.runCommand('File: Revert File');

    // The Claude view container, from its activity bar icon.
    await page.locator('.activitybar .action-item a[aria-label^="Claude"], .activitybar .action-item .action-label[aria-label^="Claude"]').first().click();
    const rows = page.locator('.pane:has(.pane-header[aria-label*="History"]) .monaco-list-row, [id="workbench.view.extension.claudeInspector"] .monaco-list-row');
    const opus = rows.filter({ hasText: 'claude-opus-5-5' }).first();
    const haiku = rows.filter({ hasText: 'claude-haiku-5-5' }).first();
    await opus.waitFor({ state: 'visible', timeout: 30_000 });
    await haiku.waitFor({ state: 'visible', timeout: 30_000 });
    const listed = await rows.allInnerTexts();
    assert.ok(listed.some((row) => /Today/.test(row)), `a day group: ${JSON.stringify(listed)}`);
    assert.match(await opus.innerText(), /triage\.claude\.json · 200 · end_turn · [\d,]+→[\d,]+ tok · \$[\d.]+ · (?:[\d.]+ m?s|\d+ min \d+ s)/);
    await page.mouse.move(700, 800);
    await workbench.setTheme('dark');
    await workbench.screenshot('history-dark');
    await workbench.setTheme('light');
    await workbench.screenshot('history-light');

    await haiku.click();
    await opus.click({ modifiers: ['Control'] });
    await workbench.runCommand('Claude: Compare Calls');
    await page.locator('.tabs-container .tab[aria-label*="Request:"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('.tabs-container .tab[aria-label*="Answer:"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await workbench.findWebviewFrame('#panel-compare .compare-table', 60_000);
    const table = await frame.locator('#panel-compare .compare-table').innerText();
    assert.match(table, /Model\s+claude-haiku-5-5\s+claude-opus-5-5\s+changed/);
    assert.match(table, /Total time/);
    await workbench.screenshot('compare-light');
    await workbench.setTheme('dark');
    await workbench.screenshot('compare-dark');
    const errors = (await workbench.messages()).filter((text) => /error|failed|not found/i.test(text));
    assert.deepEqual(errors, [], 'no error message from the workbench');
  });
});

// UI test: a person opens the triage example and runs Claude: Compare Models from the palette, ticks two models in
// the list, asks for two runs each, and reads the compare view. Run it with `npm run test:ui`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useWorkbench } from './workbench';

const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

describe('Claude: Compare Models, in the workbench', function () {
  this.timeout(180_000);
  const session = useWorkbench({ viewport: { width: 1600, height: 1000 } });

  it('compares two models on the triage example: the pickers, then one column per model filling in', async () => {
    const workbench = session.workbench;
    const page = workbench.page;
    await workbench.openFile('triage.claude.json');
    await workbench.runCommand('Claude: Compare Models');
    // The models: tick Haiku 5.5 and Opus 5.5 in the multi-select list, then OK.
    for (const model of ['claude-haiku-5-5', 'claude-opus-5-5']) {
      const row = page.locator(ROWS).filter({ hasText: model }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      // A click on a row of a multi-select list ticks its checkbox.
      await row.click();
    }
    await page.locator('.quick-input-widget').filter({ hasText: '2 Selected' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    // The runs per model: 2.
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget').filter({ hasText: 'runs per model' }).waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill('2');
    await page.keyboard.press('Enter');
    const frame = await workbench.findWebviewFrame('.model-column', 60_000);
    await frame.locator('.compare-progress').filter({ hasText: '4 of 4 runs done' }).waitFor({ state: 'visible', timeout: 60_000 });
    // In the models list's order (newest first), whatever order they were ticked in.
    assert.deepEqual(await frame.locator('.model-column .model-name').allInnerTexts(), ['claude-opus-5-5', 'claude-haiku-5-5']);
    assert.match(await frame.locator('.model-column[data-model="claude-haiku-5-5"] .run-answer').innerText(), /"queue"/, 'the triage answer, as JSON');
    assert.equal(await frame.locator('.figures-table tr[data-row="costPerCall"] td.best').count(), 1);
    // Diff two columns: the shown runs of Opus and Haiku, word by word.
    await frame.getByRole('button', { name: 'Diff Two Columns' }).click();
    await frame.locator('.diff-area .diff-view').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await frame.locator('.diff-area').innerText(), /claude-opus-5-5 run \d/);
    assert.ok((await frame.locator('.diff-area ins, .diff-area del, .diff-area .added, .diff-area .removed').count()) > 0, 'the words that differ are marked');
    await page.mouse.move(10, 700);
    for (const theme of ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const) {
      await workbench.setTheme(theme);
      await workbench.screenshot(`compare-${theme}`);
    }
    await workbench.setTheme('dark');
    // Export Markdown: a new document with the table, one column per model.
    await frame.getByRole('button', { name: 'Export Markdown' }).click();
    const editor = page.locator('.editor-instance .view-lines').filter({ hasText: '## Compare Models: triage.claude.json' });
    await editor.first().waitFor({ state: 'visible', timeout: 20_000 });
    await workbench.screenshot('compare-export-markdown');
  });

  it('Cancel stops the runs left: those not sent say so, the view says how many ran', async () => {
    const workbench = session.workbench;
    const page = workbench.page;
    await workbench.openFile('triage.claude.json');
    await workbench.runCommand('Claude: Compare Models');
    // The last choice is remembered: the two models are ticked already.
    await page.locator('.quick-input-widget').filter({ hasText: '2 Selected' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').filter({ hasText: 'runs per model' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.quick-input-widget .quick-input-box input').fill('20');
    await page.keyboard.press('Enter');
    const frame = await workbench.findWebviewFrame('.model-column', 60_000);
    await frame.locator('.compare-progress').filter({ hasText: 'of 40 runs done' }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.getByRole('button', { name: 'Cancel', exact: true }).click();
    await frame.locator('.compare-progress').filter({ hasText: '40 of 40 runs done' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.getByRole('button', { name: 'Cancel', exact: true }).count(), 0, 'no Cancel once nothing runs');
    const cancelled = await frame.locator('.run-button.status-cancelled').count();
    assert.ok(cancelled > 0, 'runs not sent are shown cancelled');
    assert.equal(await frame.getByRole('button', { name: /^Run \d+: cancelled$/ }).count(), cancelled, 'each says so by its name');
    assert.match(await frame.locator('.figures-table tr[data-row="runs"]').innerText(), /cancelled/);
    await workbench.screenshot('compare-cancelled');
    // Save: VS Code asks where, beside the request and named after it; the view says where it went.
    const saved = path.join(__dirname, '..', '..', '..', 'examples', 'triage.claude-compare.json');
    fs.rmSync(saved, { force: true });
    try {
      await frame.getByRole('button', { name: 'Save', exact: true }).click();
      const box = page.locator('.quick-input-widget .quick-input-box input');
      await box.waitFor({ state: 'visible', timeout: 20_000 });
      // The dialog shows a folder first, then fills in the name it was given.
      let value = '';
      for (let waited = 0; waited < 10_000 && !/triage\.claude-compare\.json$/.test(value); waited += 200) {
        value = await box.inputValue();
        await page.waitForTimeout(200);
      }
      assert.match(value, /examples\/triage\.claude-compare\.json$/);
      await page.keyboard.press('Enter');
      await frame.locator('.toast').filter({ hasText: 'Saved triage.claude-compare.json' }).waitFor({ state: 'visible', timeout: 20_000 });
      const file = (JSON.parse(fs.readFileSync(saved, 'utf8')) as { comparison: { runs: { status: string }[] } }).comparison;
      assert.equal(file.runs.length, 40);
      assert.ok(file.runs.some((r) => r.status === 'cancelled'));
    } finally {
      // The examples are the project's: leave them as they were.
      fs.rmSync(saved, { force: true });
    }
  });
});

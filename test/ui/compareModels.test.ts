// UI test: a person opens the triage example and runs Claude: Compare Models from the palette, ticks two models in
// the list, asks for two runs each, and reads the compare view. Run it with `npm run test:ui`.
import * as assert from 'node:assert/strict';
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
    await page.mouse.move(10, 700);
    await workbench.setTheme('dark');
    await workbench.screenshot('compare-dark');
    await workbench.setTheme('light');
    await workbench.screenshot('compare-light');
  });
});

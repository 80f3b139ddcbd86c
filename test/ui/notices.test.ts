// UI test: a person breaks a request file and presses Ctrl+Alt+Enter again and again. One notification says why
// nothing was sent (not a pile of them), and it goes away by itself once the mistake is undone.
// Run it with `npm run test:ui` (see sendSelection.test.ts).
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

const REFUSED = /nothing was sent/i;

describe('A refused send, in the workbench', function () {
  this.timeout(120_000);
  const session = useWorkbench();

  it('shows one notice however often Send is pressed, and closes it when the file is fixed', async () => {
    const workbench = session.workbench;
    const page = workbench.page;
    // A new untitled request file: never saved (not even by auto-save), so the examples stay as they are.
    await workbench.runCommand('Claude: New Request File');
    const tab = page.locator('.tabs-container .tab[aria-label^="request"]').first();
    await tab.waitFor({ state: 'visible', timeout: 15_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    // The new file opens empty and its template is written into it just after: type only once it is there (typed
    // before, the stray brace would land in an empty file and Undo would not make it valid).
    await editor.filter({ hasText: 'Write your message here.' }).waitFor({ state: 'visible', timeout: 15_000 });
    await editor.click();
    // A stray brace after the request object: invalid JSON.
    await page.keyboard.press('Control+End');
    await page.keyboard.type('}');
    const refusals = async () => (await workbench.messages()).filter((text) => REFUSED.test(text));
    for (let i = 0; i < 3; i++) {
      await editor.click();
      await page.keyboard.press('Control+Alt+Enter');
      await page.waitForTimeout(1_500);
    }
    const shown = await refusals();
    assert.equal(shown.length, 1, `one notice, not a pile: ${JSON.stringify(shown)}`);
    assert.match(shown[0], /request(-\d+)?\.claude\.json:\d+:\d+: invalid JSON/);
    await workbench.screenshot('refused-send-notice');
    // Undo the stray brace: the file is valid again and the notice goes by itself.
    await editor.click();
    await page.keyboard.press('Control+Z');
    const deadline = Date.now() + 15_000;
    while ((await refusals()).length > 0) {
      assert.ok(Date.now() < deadline, 'the notice closed once the file was fixed');
      await page.waitForTimeout(250);
    }
    await workbench.runCommand('View: Revert and Close Editor');
  });
});

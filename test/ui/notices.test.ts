// UI test: a person breaks a request file and presses Ctrl+Alt+Enter again and again, the panel not in view. One
// plain error message says why nothing was sent (not a pile of them), with Show Problems; no Cancel button and no
// progress bar, as if something were still being sent. Closed, and the file fixed, the next mistake is said anew.
// Run it with `npm run test:ui` (see sendSelection.test.ts).
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

const REFUSED = /nothing was sent/i;

describe('A refused send, in the workbench', function () {
  this.timeout(120_000);
  const session = useWorkbench();

  it('shows one error message however often Send is pressed, with Show Problems and no Cancel, and says a new mistake anew', async () => {
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
    assert.match(shown[0], /request(-\d+)?\.claude\.json:\d+:\d+: \S/);
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: REFUSED });
    assert.equal(await toast.getByRole('button', { name: 'Show Problems' }).count(), 1, 'a Show Problems button');
    assert.equal(await toast.getByRole('button', { name: 'Cancel' }).count(), 0, 'no Cancel: nothing is being sent');
    assert.equal(await toast.locator('.monaco-progress-container.active, .progress-bit').filter({ visible: true }).count(), 0, 'no progress bar');
    assert.equal(await toast.locator('.codicon-error').count(), 1, 'an error, not an information');
    await workbench.screenshot('refused-send-notice');
    // Show Problems opens the Problems panel, and the message is closed by it.
    await toast.getByRole('button', { name: 'Show Problems' }).click();
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await refusals()).length, 0);
    // Undo the stray brace, then break the file again: the new mistake is said anew, once.
    await editor.click();
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(1_000);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('}');
    await page.waitForTimeout(1_000);
    await page.keyboard.press('Control+Alt+Enter');
    await page.waitForTimeout(1_500);
    assert.equal((await refusals()).length, 1, 'said anew');
    await editor.click();
    await page.keyboard.press('Control+Z');
    await workbench.runCommand('View: Revert and Close Editor');
  });
});

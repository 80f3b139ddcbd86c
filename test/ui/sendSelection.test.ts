// UI test: a person opens the examples folder, selects text and runs Claude: Send Selection from the palette.
// Run it with `npm run test:ui` (scripts/runUi.ts), which packages and installs the .vsix into the cached code-server, starts it
// (and the Messages API stand-in) and passes the workbench URL in CLAUDE_INSPECTOR_UI_URL.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Claude: Send Selection, in the workbench', function () {
  this.timeout(120_000);
  const session = useWorkbench();

  it('shows the examples folder in light and dark themes', async () => {
    const workbench = session.workbench;
    const rows = await workbench.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((row) => row.includes('notes.md')), `explorer rows: ${JSON.stringify(rows)}`);
    await workbench.setTheme('dark');
    await workbench.screenshot('workbench-dark');
    await workbench.setTheme('light');
    await workbench.screenshot('workbench-light');
  });

  it('opens a file and selects its text', async () => {
    const workbench = session.workbench;
    await workbench.openFile('notes.md');
    const selection = await workbench.selectAll();
    assert.match(selection, /\(\d[\d,]* selected\)/);
  });

  it('sends the selection from the palette and shows the reply, stop_reason and usage in the panel', async () => {
    const workbench = session.workbench;
    await workbench.runCommand('Claude: Send Selection');
    const frame = await workbench.findWebviewFrame('[data-testid="reply"]', 60_000);
    const reply = frame.locator('[data-testid="reply"]');
    await reply.filter({ hasText: 'stand-in' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await reply.innerText(), /Try "Claude: Send Selection"/, 'the stand-in echoes the selected text');
    const stop = frame.locator('[data-testid="stop-reason"]');
    await stop.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await stop.innerText(), /end_turn/);
    assert.match(await stop.innerText(), /finished its answer naturally/);
    const usage = await frame.locator('[data-testid="usage"]').innerText();
    assert.match(usage, /input_tokens\s+\d+/);
    assert.match(usage, /output_tokens\s+\d+/);
    const header = await frame.locator('[data-testid="call-header"]').innerText();
    assert.match(header, /not api\.anthropic\.com/, 'the stand-in\'s base URL is flagged in the panel');
    const errors = (await workbench.messages()).filter((text) => /error|failed|not found/i.test(text));
    assert.deepEqual(errors, [], 'no error message from the workbench');
    assert.deepEqual(session.pageErrors, [], 'no script error in the workbench page');
  });

  it('sends a request file with the editor title button and shows its reply', async () => {
    const workbench = session.workbench;
    await workbench.openFile('triage.claude.json');
    const button = workbench.page.locator('.editor-actions .action-label[aria-label*="Send Request File"]').first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await button.click();
    const frame = await workbench.findWebviewFrame('[data-testid="reply"]', 60_000);
    const reply = frame.locator('[data-testid="reply"]');
    // The triage example asks for JSON with its template's keys; the stand-in answers in that shape.
    await reply.filter({ hasText: '"queue"' }).waitFor({ state: 'visible', timeout: 30_000 });
    const header = await frame.locator('[data-testid="call-header"]').innerText();
    assert.match(header, /claude-haiku-5-5/, 'the file\'s own model');
    assert.match(await frame.locator('[data-testid="stop-reason"]').innerText(), /end_turn/);
    assert.match(await frame.locator('[data-testid="usage"]').innerText(), /input_tokens/);
    // Away from the title button, so that no tooltip covers the screenshots.
    await workbench.page.mouse.move(600, 700);
    await workbench.page.waitForTimeout(500);
    await workbench.setTheme('dark');
    await workbench.screenshot('reply-dark');
    await workbench.setTheme('light');
    await workbench.page.mouse.move(600, 700);
    await workbench.screenshot('reply-light');
  });
});

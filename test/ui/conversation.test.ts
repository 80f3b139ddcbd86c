// UI test: a person grows a conversation with a tool call, by clicks and keys only. They open the example that offers
// a tool, send it with the editor title's ▷ button (the stand-in answers with a tool_use), press the panel's
// "Answer the tool call" (the file gets the assistant turn and a tool_result placeholder), type the result over the
// placeholder, send again (the answer quotes the result), press "Continue conversation", type a next question about
// another city, send a third time (the tool is called for that city), and read the Conversation view: three calls,
// the input growing each time. A screenshot at each step goes to test-results/ui/conversation-*.png. The example is
// put back on disk as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../../scripts/browser';
import { Workbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const screenshotDir = path.join(repoRoot, 'test-results', 'ui');
const EXAMPLE = 'tool-use-first-turn.claude.json';
const exampleFile = path.join(repoRoot, 'examples', EXAMPLE);
/** The example as it is before the test edits it in the editor. */
const exampleText = fs.readFileSync(exampleFile, 'utf8');

const PLACEHOLDER = 'TODO: the result of get_weather';
/** Typed as a person would: no quote or bracket, which the editor would close by itself. */
const TOOL_RESULT = '14 C, light rain, wind 30 km/h from the north';
/** A next question the offered tool answers: the stand-in, like a model, calls the tool again, for the new city. */
const NEXT_QUESTION = 'And in Porto tomorrow morning?';

/** Monaco draws spaces as no-break spaces: the text as a person reads it. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('A conversation with a tool call, in the workbench', function () {
  this.timeout(240_000);
  let launched: LaunchedBrowser | undefined;
  let workbench: Workbench;

  before(async () => {
    const url = process.env.CLAUDE_INSPECTOR_UI_URL;
    if (!url) {
      throw new Error('CLAUDE_INSPECTOR_UI_URL is not set: run the UI tests with `npm run test:ui`.');
    }
    launched = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    workbench = new Workbench(launched.page, { screenshotDir, userSettingsFile: process.env.CLAUDE_INSPECTOR_UI_SETTINGS_FILE });
    await workbench.open(url);
  });

  after(async () => {
    await launched?.close();
    // The test never saves, but the workbench's auto-save does (see the end of the test): the example comes back.
    if (fs.readFileSync(exampleFile, 'utf8') !== exampleText) {
      fs.writeFileSync(exampleFile, exampleText);
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && launched) {
      const file = await workbench.screenshot('failed-conversation').catch(() => undefined);
      if (file) {
        console.log(`      screenshot of the failure: ${path.relative(repoRoot, file)}`);
      }
    }
  });

  /** The request file's editor: its lines as shown, and the status bar's selection. */
  const editorLines = () => workbench.page.locator('.editor-instance .monaco-editor .view-lines').first();
  const selectionStatus = () => workbench.page.locator('.statusbar-item[id="status.editor.selection"]');

  /** Waits, bounded, until the request file's editor shows `wanted` (and, if given, no longer shows `gone`). */
  async function waitForEditorText(what: string, wanted: string, gone?: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    let text = '';
    for (;;) {
      text = plain(await editorLines().innerText());
      if (text.includes(wanted) && (gone === undefined || !text.includes(gone))) {
        return text;
      }
      assert.ok(Date.now() < deadline, `the editor shows ${what} within 20 s; it shows:\n${text}`);
      await workbench.page.waitForTimeout(200);
    }
  }

  /** After a button of the panel: the file is edited in its own editor, and the panel is still in front beside it. */
  async function assertPanelStillBeside(): Promise<void> {
    const tabs = workbench.page.locator(`.tabs-container .tab[aria-label^="${EXAMPLE}"]`);
    assert.equal(await tabs.count(), 1, 'the request file is not opened a second time (over the panel)');
    await workbench.page.locator('.tabs-container .tab.active[aria-label^="Claude Response"]').waitFor({ state: 'visible', timeout: 5_000 });
  }

  /** Clicks the editor title's ▷ (Send Request File) and returns the panel's frame once `reply` shows `expected`. */
  async function sendAndWaitFor(expected: string | RegExp): Promise<Frame> {
    const button = workbench.page.locator('.editor-actions .action-label[aria-label*="Send Request File"]').first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await button.click();
    const frame = await workbench.findWebviewFrame('[data-testid="continue-bar"]', 60_000);
    await frame.locator('[data-testid="reply"]').filter({ hasText: expected }).waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('[data-testid="call-header"]').filter({ hasText: EXAMPLE }).waitFor({ state: 'visible', timeout: 10_000 });
    // Away from the title button, so that no tooltip covers the screenshots.
    await workbench.page.mouse.move(600, 850);
    return frame;
  }

  it('sends a tool offer, answers the tool call, continues with a question, and shows the input growing turn by turn', async () => {
    const page = workbench.page;
    // From the explorer, as a person would (Quick Open's file search can be slow to answer on a cold, busy machine).
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: new RegExp(`^${EXAMPLE.replace(/\./g, '\\.')}$`) }).first().click();
    await page.locator(`.tabs-container .tab[aria-label^="${EXAMPLE}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
    await editorLines().filter({ hasText: 'get_weather' }).waitFor({ state: 'visible', timeout: 30_000 });

    // Turn 1: the stand-in asks for the tool.
    let frame = await sendAndWaitFor(/get_weather/);
    assert.match(await frame.locator('[data-testid="stop-reason"]').innerText(), /tool_use/);
    await workbench.screenshot('conversation-1-tool-use');

    // The panel's button writes the answer and a tool_result placeholder into the file, the placeholder selected.
    await frame.getByRole('button', { name: 'Answer the tool call' }).click();
    const withPlaceholder = await waitForEditorText('the tool_result placeholder', PLACEHOLDER);
    // (The assistant turn above it may be scrolled out of view: the Conversation view shows every turn at the end.)
    assert.match(withPlaceholder, /"type": "tool_result",\s+"tool_use_id": "toolu_\w+"/);
    await assertPanelStillBeside();
    await selectionStatus().filter({ hasText: `(${PLACEHOLDER.length} selected)` }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await page.locator('.tabs-container .tab.active').first().getAttribute('aria-label') ?? '', new RegExp(EXAMPLE.replace(/\./g, '\\.')),
      'the request file is the active editor, ready to type in');
    await workbench.screenshot('conversation-2-placeholder');

    // Typed over the placeholder, as a person would, then sent: the answer uses the result.
    await page.keyboard.type(TOOL_RESULT);
    await waitForEditorText('the typed tool result', `"content": "${TOOL_RESULT}"`, PLACEHOLDER);
    await workbench.screenshot('conversation-3-result-typed');
    frame = await sendAndWaitFor(`get_weather returned: "${TOOL_RESULT}"`);
    assert.match(await frame.locator('[data-testid="stop-reason"]').innerText(), /end_turn/);
    await workbench.screenshot('conversation-4-answer-uses-result');

    // Continue: the answer and an empty user turn, the cursor in its text; the next question typed and sent.
    await frame.getByRole('button', { name: 'Continue conversation' }).click();
    await waitForEditorText('the new user turn', '"content": ""');
    await assertPanelStillBeside();
    await page.keyboard.type(NEXT_QUESTION);
    await waitForEditorText('the next question', `"content": "${NEXT_QUESTION}"`);
    await workbench.screenshot('conversation-5-next-question');
    frame = await sendAndWaitFor(/"city": "Porto"/);
    assert.match(await frame.locator('[data-testid="stop-reason"]').innerText(), /tool_use/);
    await workbench.screenshot('conversation-6-third-answer');

    // The Conversation view: the five messages the third call carried, and the input of each call, growing.
    await frame.getByRole('tab', { name: 'Conversation' }).click();
    const growth = frame.locator('[data-testid="input-growth"]');
    await growth.waitFor({ state: 'visible', timeout: 10_000 });
    const turns = await frame.locator('[data-testid="turn"] summary').allInnerTexts();
    assert.deepEqual(turns.map((t) => t.split('·')[0].trim()), ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'],
      `five messages sent and this answer: ${JSON.stringify(turns)}`);
    const rows = (await growth.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    assert.equal(rows.length, 3, `three calls of this file: ${JSON.stringify(rows)}`);
    assert.deepEqual(rows.map((row) => row[1]), ['1', '3', '5'], 'the messages each call carried: the whole conversation again');
    const inputs = rows.map((row) => Number(row[2].replace(/,/g, '')));
    assert.ok(inputs.every((n) => n > 0) && inputs[0] < inputs[1] && inputs[1] < inputs[2], `input tokens grow call by call: ${inputs.join(', ')}`);
    await growth.scrollIntoViewIfNeeded();
    await workbench.screenshot('conversation-7-input-growing');
    const errors = (await workbench.messages()).filter((text) => /error|failed|not found/i.test(text));
    assert.deepEqual(errors, [], 'no error message from the workbench');

    // Closed, and put back on disk by the after hook: VS Code in the browser saves edits by itself (files.autoSave
    // defaults to afterDelay on the web), so the example on disk has the conversation by now.
    // Its tab clicked first, as a person would: the focus is in the panel since the Conversation tab was clicked, and
    // the command closes the active editor.
    await page.locator(`.tabs-container .tab[aria-label^="${EXAMPLE}"]`).first().click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${EXAMPLE}"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
    await workbench.runCommand('View: Revert and Close Editor');
    await page.locator(`.tabs-container .tab[aria-label^="${EXAMPLE}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  });
});

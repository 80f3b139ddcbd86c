// Typing in a big request file in the real workbench (code-server + headless Chromium, the packaged extension): does
// the extension add a long frame while the user types? The extension runs in the extension host, another process;
// what it can cost the page is the work of showing what it sends back (diagnostics, CodeLenses, decorations). So the
// same typing is done in the same 5 MB text as a plain .json file, which the extension does not handle (VS Code's own
// editor and JSON server still do), and the frames compared.
//   1. A 5 MB request file (one long string) and the same text as big.json are open; each in turn is shown, twice.
//   2. In the middle of the long string a stray `"` is typed, then removed, four times, 0.8 s apart, as a person
//      would; the workbench page's long animation frames are recorded from the first keystroke to 2 s after the last,
//      and a CPU profile of the page over the same stretch (bench/lib/sourceProfile.ts) says whose code ran.
// Before each measured stretch, one stray quote is typed and removed unmeasured: the first keystroke's one-time work
// (the plain file is measured first) is in neither. The profiler runs during the measured frames, in both files.
// Rows: the longest frame and the time in frames over 100 ms, in the request file against the plain JSON file (a
// ratio near 1: the extension adds none; on 2 shared cores they vary run to run); the time the page was busy and its
// time in exchanges with extension hosts, file against plain, and the most of that in one busy stretch against the
// 100 ms budget; and the request file's longest frame against the issue's 100 ms budget (VS Code's own editing is in
// it).
//
//   npm run bench -- --only workbenchTyping [--workbench-typing-kb=5120] [--workbench-typing-rounds=2]
//     [--workbench-typing-messages=4000]
import type { Page } from 'playwright-core';
import { report, row, runMain } from './lib/report';
import { numberOption } from './lib/options';
import { type ProfileSummary, startSourceProfile } from './lib/sourceProfile';
import { installLongFrames, type LongFrame, longFrames } from './lib/workbenchProbes';
import { openWorkbenchBench, type WorkbenchBench } from './lib/workbenchSession';

const KB = numberOption('workbench-typing-kb', 5120);
/** --workbench-typing-messages=N: the text is N messages (each with a "Fork here" CodeLens), not one long string. */
const MESSAGES = Math.max(0, Math.round(numberOption('workbench-typing-messages', 0)));
const FRAME_BUDGET_MS = 100;
const ROUNDS = Math.max(1, Math.round(numberOption('workbench-typing-rounds', 2)));
const SHAPE = MESSAGES > 0 ? `${KB} KB of ${MESSAGES} messages` : `${KB} KB`;

const lorem = (chars: number) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(chars / 27));
const text = `${JSON.stringify({
  model: 'claude-haiku-5-5',
  max_tokens: 1024,
  messages: MESSAGES > 0
    ? Array.from({ length: MESSAGES }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: lorem((KB * 1024) / MESSAGES) }))
    : [{ role: 'user', content: lorem(KB * 1024) }],
}, null, 2)}\n`;
/**
 * Where the stray quote goes: in the long string (JSON.stringify with 2 spaces: {, model, max_tokens, messages, {,
 * role, content), or in the middle message's content; 1-based, as Go to Line takes it.
 */
const STRING_LINE = MESSAGES > 0 ? 7 + 4 * Math.floor(MESSAGES / 2) : 7;
const COLUMN = MESSAGES > 0 ? 40 : 4000;

const FILES = { 'big.claude.json': text, 'big.json': text };

interface Typed {
  file: string;
  frames: LongFrame[];
  longest: number;
  over: number;
  /** The time in frames over the budget, in all. */
  overMs: number;
  /** Whose work filled the page's time, from a CPU profile of the same stretch. */
  profile: ProfileSummary;
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** Opens `file`, lets it settle, then types a stray quote in the long string and removes it, four times. */
/**
 * Shows `file`: opened with Quick Open the first time, then by a click on its tab, as a person switching between two
 * open files would (Quick Open's row, clicked while the page was busy with a 5 MB line, missed now and then).
 */
async function show(bench: WorkbenchBench, file: string): Promise<void> {
  const page = bench.workbench.page;
  const tab = page.locator(`.tabs-container .tab[aria-label^="${file}"]`).first();
  if ((await tab.count()) === 0) {
    await bench.workbench.openFile(file, 120_000);
    return;
  }
  await tab.click({ timeout: 30_000 });
  await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function typeIn(bench: WorkbenchBench, file: string): Promise<Typed> {
  const { workbench } = bench;
  const page = workbench.page;
  await show(bench, file);
  // The first check of the file and VS Code's own tokenizing are not what is measured: they settle first.
  await page.waitForTimeout(5000);
  await goTo(page, STRING_LINE, COLUMN);
  await page.waitForTimeout(1000);
  // Unmeasured: the first keystroke's one-time work.
  await page.keyboard.type('"');
  await page.waitForTimeout(800);
  const problems = await page.locator('[id="status.problems"]').first().getAttribute('aria-label', { timeout: 5000 }).catch(() => null);
  console.log(`  ${file} with the stray quote: ${problems ?? 'no problems count in the status bar'}`);
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(1500);
  const stopProfile = await startSourceProfile(page);
  const from = Date.now();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.type('"');
    await page.waitForTimeout(800);
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(800);
  }
  await page.waitForTimeout(2000);
  const to = Date.now();
  const profile = await stopProfile();
  const frames = (await longFrames(page)).filter((f) => f.kind === 'long-animation-frame' && f.at >= from && f.at <= to);
  const longest = Math.max(0, ...frames.map((f) => f.durationMs));
  const long = frames.filter((f) => f.durationMs > FRAME_BUDGET_MS);
  const over = long.length;
  const overMs = long.reduce((sum, f) => sum + f.durationMs, 0);
  console.log(`  ${file}: ${frames.length} long animation frames while typing, ${over} over ${FRAME_BUDGET_MS} ms, longest ${Math.round(longest)} ms`);
  for (const f of [...frames].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3)) {
    console.log(`    ${Math.round(f.durationMs)} ms (blocking ${Math.round(f.blockingMs ?? 0)}, rendering ${Math.round(f.renderMs ?? 0)}): ${(f.scripts ?? []).join(' | ') || 'no script'}`);
  }
  console.log(`    the page busy ${Math.round(profile.busyMs)} of ${Math.round(profile.totalMs)} ms; in exchanges with extension hosts ${Math.round(profile.hostMessagesMs)} ms, at most ${Math.round(profile.longestHostMessageMs)} ms in one busy stretch; showing CodeLenses and diagnostics ${Math.round(profile.showingResultsMs)} ms`);
  console.log(`    its own time by source: ${profile.topFiles.slice(0, 8).map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', ')}`);
  return { file, frames, longest, over, overMs, profile };
}

/** Several stretches of typing in one file as one: their frames and times added, the longest the longest. */
function together(runs: readonly Typed[]): Typed {
  const add = (of: (run: Typed) => number) => runs.reduce((sum, run) => sum + of(run), 0);
  const files = new Map<string, number>();
  for (const run of runs) {
    for (const [name, ms] of run.profile.topFiles) {
      files.set(name, (files.get(name) ?? 0) + ms);
    }
  }
  return {
    file: runs[0]!.file,
    frames: runs.flatMap((run) => run.frames),
    longest: Math.max(...runs.map((run) => run.longest)),
    over: add((run) => run.over),
    overMs: add((run) => run.overMs),
    profile: {
      totalMs: add((run) => run.profile.totalMs),
      busyMs: add((run) => run.profile.busyMs),
      hostMessagesMs: add((run) => run.profile.hostMessagesMs),
      longestHostMessageMs: Math.max(...runs.map((run) => run.profile.longestHostMessageMs)),
      showingResultsMs: add((run) => run.profile.showingResultsMs),
      topFiles: [...files].sort((a, b) => b[1] - a[1]),
    },
  };
}

/** The self time in VS Code's rendering of the editor's lines (the 5 MB line's cost shows there). */
function rendering(typed: Typed): number {
  return typed.profile.topFiles.find(([name]) => name.endsWith('/viewLineRenderer.ts'))?.[1] ?? 0;
}

async function main(): Promise<void> {
  const bench = await openWorkbenchBench('bench-typing', FILES);
  try {
    await bench.workbench.page.evaluate(installLongFrames);
    // The plain JSON file first: the extension is not active for it (nothing else open), VS Code alone. Then in
    // turn, ROUNDS times each: one stretch of each differs from the next by more than the files do.
    const plainRuns: Typed[] = [];
    const requestRuns: Typed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainRuns.push(await typeIn(bench, 'big.json'));
      requestRuns.push(await typeIn(bench, 'big.claude.json'));
    }
    const plain = together(plainRuns);
    const request = together(requestRuns);
    console.log(`  in all (${ROUNDS} rounds): the page busy ${Math.round(plain.profile.busyMs)} ms in the plain file, ${Math.round(request.profile.busyMs)} ms in the request file; its line rendering (viewLineRenderer.ts) ${Math.round(rendering(plain))} against ${Math.round(rendering(request))} ms`);
    report('workbenchTyping', [
      row(`typing in ${SHAPE}: longest frame, request file vs plain JSON`, plain.longest, request.longest, 'The workbench page\'s longest animation frame while a stray quote is typed and removed in the long string, the request file against the same text as a plain .json file: near 1, the extension adds no long frame.'),
      row(`typing in ${SHAPE}: time in frames over 100 ms, file vs plain`, Math.max(1, plain.overMs), request.overMs, 'The time spent in frames over 100 ms while typing, the request file against the plain file: near 1, the extension adds none.'),
      row(`typing in ${SHAPE}: page busy, request file vs plain`, plain.profile.busyMs, request.profile.busyMs, 'The time the workbench page was not idle while typing (CPU profile), the request file against the plain file: steadier than the frames on a shared machine; near 1, the extension adds no work to the page.'),
      row(`typing in ${SHAPE}: extension hosts' messages, file vs plain`, Math.max(1, plain.profile.hostMessagesMs), request.profile.hostMessagesMs, 'The page\'s time in its exchanges with extension hosts (VS Code\'s RPC protocol on the stack, from a CPU profile read through the workbench\'s source map) while typing, the request file against the plain file: the extension\'s share is in the difference.'),
      row(`typing in ${SHAPE} request file: host messages in one stretch vs budget`, FRAME_BUDGET_MS, request.profile.longestHostMessageMs, 'The most of that time in one busy stretch of the page (idle to idle) while typing in the request file (every extension\'s exchanges, VS Code\'s JSON server too), against the 100 ms frame budget; what the messages lead to later is in the printed time showing CodeLenses and diagnostics.'),
      row(`typing in ${SHAPE} request file: longest frame vs budget`, FRAME_BUDGET_MS, request.longest, 'The request file\'s longest frame against the 100 ms budget (VS Code\'s own work on a 5 MB line is in it too: the plain file\'s row says how much).'),
    ], { plain: plainRuns, request: requestRuns });
  } finally {
    await bench.close();
  }
}

runMain(main);

// `npm test` on a machine that lacks what a stage needs: the stage ends at once with the reason, never waits out
// its time bound, and leaves no process behind. Run for real (npm test's runner and mocha as child processes) with
// browsers that cannot work, so nothing has to be purged from this machine to check it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as stages from '../../scripts/testStages';

const root = path.resolve(__dirname, '../../..');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
/** Far below a stage's bound (10 minutes), far above what a failing setup takes here (a few seconds). */
const PROMPT_MS = 45_000;


interface Run {
  code: number | null;
  output: string;
  ms: number;
  leftover: number[];
}

/**
 * Runs `node args` from the repository with `env` added, bounded well above PROMPT_MS (a hang fails the test rather
 * than the run), and lists the processes it started that are still alive afterwards (by a marker they inherit).
 */
function run(args: string[], env: NodeJS.ProcessEnv): Run {
  const mark = crypto.randomBytes(8).toString('hex');
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, CLAUDE_INSPECTOR_PIPELINE_TEST: mark },
    encoding: 'utf8',
    timeout: 3 * PROMPT_MS,
    killSignal: 'SIGKILL',
  });
  const ms = Date.now() - started;
  return { code: result.status, output: `${result.stdout}${result.stderr}`, ms, leftover: processesMarked(mark) };
}

/** Living processes whose environment carries the marker (Linux /proc). */
function processesMarked(mark: string): number[] {
  const needle = Buffer.from(`CLAUDE_INSPECTOR_PIPELINE_TEST=${mark}\0`);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`).includes(needle)) {
        found.push(Number(entry));
      }
    } catch {
      // Ended while we looked, or not ours to read.
    }
  }
  return found;
}

/** An executable that answers `--version` like a browser and then, asked to start, does `behaviour`. */
function fakeBrowser(dir: string, name: string, behaviour: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Chromium 1.0 (${name})"; exit 0; fi\n${behaviour}\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

function assertPrompt(result: Run, what: string): void {
  assert.ok(result.ms < PROMPT_MS, `${what} took ${result.ms} ms; it must end at once.\n${result.output}`);
  assert.deepEqual(stillRunning(result.leftover), [], `${what} left processes running:\n${result.output}`);
}

/**
 * The processes of `pids` still alive after a grace of up to 3 s: a process that was sent its signal as the command
 * ended may take a moment to go on a loaded machine; one that is still there after that was left behind.
 */
function stillRunning(pids: number[]): number[] {
  const deadline = Date.now() + 3000;
  let alive = pids;
  while (alive.length > 0 && Date.now() < deadline) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    alive = alive.filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // A zombie (state Z) has ended; only its parent's wait is missing.
        return !/^\d+ \(.*\) Z /.test(stat);
      } catch {
        return false;
      }
    });
  }
  return alive;
}

describe('npm test, when a stage cannot get what it needs', function () {
  this.timeout(4 * PROMPT_MS);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-pipeline-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [what, where] of [
    ['a path where nothing is', () => '/nonexistent/chromium'],
    ['a folder', () => dir],
    ['a file that is not executable', () => {
      const file = path.join(dir, 'not-executable');
      fs.writeFileSync(file, 'not a browser');
      return file;
    }],
  ] as const) {
    it(`does not run the webview tests when CHROMIUM_PATH is ${what}, and says why`, () => {
      const browser = where();
      const result = run(['scripts/run.js', 'test', '--only', 'webview'], { CHROMIUM_PATH: browser });
      assert.equal(result.code, 1, result.output);
      assert.match(result.output, new RegExp(`CHROMIUM_PATH is ${browser.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which is not an executable file`));
      assert.match(result.output, /FAIL\s+chromium/);
      assert.match(result.output, /FAIL\s+webview\s+not run: chromium failed/);
      assertPrompt(result, 'the webview stage');
    });
  }

  for (const [what, behaviour] of [
    ['exits at once', 'exit 0'],
    ['fails with a message', 'echo "cannot open display" >&2; exit 1'],
    ['is killed', 'kill -9 $$'],
  ] as const) {
    it(`ends the webview stage at once, with the reason, when the browser ${what}`, () => {
      const browser = fakeBrowser(dir, `browser-that-${what.replace(/\W+/g, '-')}`, behaviour);
      const result = run(['scripts/run.js', 'test', '--only', 'webview'], { CHROMIUM_PATH: browser });
      assert.equal(result.code, 1, result.output);
      assert.match(result.output, /PASS\s+chromium/);
      assert.match(result.output, /FAIL\s+webview/);
      assert.ok(result.output.includes(`Chromium did not start from ${browser}`), result.output);
      assert.match(result.output, /"before all" hook/);
      assert.doesNotMatch(result.output, /timed out after/);
      assertPrompt(result, 'the webview stage');
    });
  }

  it('lets every webview suite end by itself when its browser does not start (mocha without --exit)', () => {
    // Without --exit, mocha waits for every handle a test left open: this is what hung for 10 minutes before.
    const result = run([mocha, '--no-config', '--reporter', 'dot', 'out/test/webview/**/*.test.js'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    assert.notEqual(result.code, 0, result.output);
    assert.match(result.output, /Chromium did not start from \/nonexistent\/chromium/);
    assertPrompt(result, 'mocha on the webview suites');
  });
});

describe('npm test, its stages', () => {
  const byName = new Map(stages.STAGES.map((stage, index) => [stage.name, { stage, index }]));

  it('provides what a stage needs in an earlier stage', () => {
    assert.ok(byName.get('webview')?.stage.needs?.includes('chromium'));
    assert.ok(byName.get('unit')?.stage.needs?.includes('shells'), 'the unit tests run curls in zsh');
    for (const name of ['integration', 'ui']) {
      for (const tool of ['chromium', 'vscode']) {
        assert.ok(byName.get(name)?.stage.needs?.includes(tool), `${name} needs ${tool}`);
      }
    }
    for (const [name, { stage, index }] of byName) {
      for (const needed of stage.needs ?? []) {
        const provider = byName.get(needed);
        assert.ok(provider, `${name} needs a stage "${needed}" that does not exist`);
        assert.ok(provider.index < index, `${needed} must run before ${name}`);
      }
    }
  });

  it('runs the provider of a stage asked for alone, unless it is skipped', () => {
    assert.deepEqual(stages.selectStages(['--only', 'webview']), ['chromium', 'webview']);
    assert.deepEqual(stages.selectStages(['--only', 'ui']), ['chromium', 'vscode', 'ui']);
    assert.deepEqual(stages.selectStages(['--only', 'webview', '--skip', 'chromium']), ['webview']);
    assert.deepEqual(stages.selectStages(['--only', 'unit']), ['shells', 'unit']);
    assert.deepEqual(stages.selectStages(['--only', 'unit', '--skip', 'shells']), ['unit']);
    assert.throws(() => stages.selectStages(['--only', 'webviews']), /Unknown stage\(s\) \["webviews"\]/);
  });

  it('bounds every mocha run with --exit, so a handle left open never keeps a stage waiting', () => {
    const mochaRc = JSON.parse(fs.readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
    assert.equal(mochaRc.exit, true, '.mocharc.json has "exit": true');
    for (const stage of stages.STAGES.filter((s) => s.args.some((arg) => arg.endsWith(path.join('mocha', 'bin', 'mocha.js'))))) {
      assert.ok(stage.args.includes('--exit'), `the ${stage.name} stage runs mocha with --exit`);
    }
    const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const [name, command] of Object.entries(scripts)) {
      if (/\bmocha\b/.test(command)) {
        assert.match(command, /--exit\b/, `npm run ${name} runs mocha with --exit`);
      }
    }
    // Scripts that start mocha themselves (the UI runner) pass --exit in the same array as --no-config.
    for (const file of fs.readdirSync(path.join(root, 'scripts')).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, 'scripts', file), 'utf8');
      for (const call of text.match(/\[mocha, [^\]]*\]/g) ?? []) {
        assert.match(call, /'--exit'/, `scripts/${file}: ${call}`);
      }
    }
  });
});

describe('a command the scripts run (runCommand)', function () {
  this.timeout(4 * PROMPT_MS);

  for (const [what, script] of [
    ['holds its output open through a process it left behind', 'sleep 300 & echo started'],
    ['leaves a process behind that let go of its output', 'sleep 300 >/dev/null 2>&1 & echo started'],
    ['leaves a process behind in a session of its own', 'setsid sleep 300 >/dev/null 2>&1 & echo started'],
  ] as const) {
    it(`ends when it ${what}, and takes that process with it`, () => {
      // In a process of its own: processes.ts installs exit and signal handlers, which are not for mocha's process.
      const program = `require('./out/scripts/processes').runCommand('sh', ['-c', ${JSON.stringify(script)}], { timeoutMs: 60000 })` +
        '.then((r) => { console.log(JSON.stringify(r.output)); process.exit(0); }, (e) => { console.error(e.message); process.exit(1); })';
      const result = run(['-e', program], {});
      assert.equal(result.code, 0, result.output);
      assert.equal(result.output, '"started\\n"\n');
      assertPrompt(result, 'the command');
    });
  }
});

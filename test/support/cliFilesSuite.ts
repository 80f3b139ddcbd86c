// The suite the CLI's file-checking tests share (cliFiles.test.ts, cliFilesOptions.test.ts): the stand-in, a temp
// folder to write request files into, the built CLI run with a bound, and what a refusal looks like.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { CLI, type CliRun, runCli } from './runCli';

export const KEY = 'sk-ant-fake-cli-files-key-not-real-ABCDEFGHIJKLMNOPQ';
/** Long enough for a slow shared machine; a run that takes longer is a hang, and fails. */
export const RUN_BOUND_MS = 20_000;

/** Runs the built CLI; stdin is bytes, or 'endless' for a writer that never stops (yes | …). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin: Buffer | string | 'endless' = ''): Promise<CliRun> {
  return runCli(args, { env, stdin, timeoutMs: RUN_BOUND_MS, secret: KEY });
}

export interface CliFilesSuite {
  standIn: StandIn;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Writes a request file into the suite's folder; returns its path. */
  file(text: string | Buffer, name?: string): string;
  /** Asserts a refusal: exit 2, no stack trace, nothing on the wire. */
  refused(run: CliRun, what: string): void;
  hello: string;
}

/** The hooks of the suite (call inside its describe): the stand-in and the folder, reset before each test. */
export function useCliFilesSuite(): CliFilesSuite {
  let n = 0;
  const suite: CliFilesSuite = {
    standIn: undefined as unknown as StandIn,
    dir: '',
    env: {},
    file: (text, name = `f${n++}.claude.json`) => {
      const full = path.join(suite.dir, name);
      fs.writeFileSync(full, text);
      return full;
    },
    refused: (run, what) => {
      assert.equal(run.timedOut, false, `${what}: ended within ${RUN_BOUND_MS} ms`);
      assert.equal(run.code, 2, `${what}: exit 2\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /RangeError|Maximum call stack|\n\s+at /, `${what}: no crash`);
      assert.equal(suite.standIn.requests.length, 0, `${what}: nothing sent`);
    },
    hello: '{"messages": [{"role": "user", "content": "Hello"}]}',
  };
  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.js)');
    suite.standIn = await startStandIn({ apiKey: KEY });
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-cli-files-'));
    suite.env = { ANTHROPIC_API_KEY: KEY };
  });
  beforeEach(() => suite.standIn.reset());
  after(async () => {
    await suite.standIn.close();
    fs.rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

// Runs the built CLI (dist/cli.js) as a shell would: its own process, an environment of PATH and what the test gives
// (nothing else of the test's own), a bound on the wait, stdout and stderr decoded whole at the end (a chunk may end
// inside a multi-byte character). The unit suites that try the CLI from outside share it.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The CLI bundle `npm run build` makes; the suites assert it exists before they run it. */
export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

export interface CliRun {
  /** The exit code; -1 when the process was killed (by the bound). */
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the bound killed it: a hang, which the test fails. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Variables besides PATH. */
  env?: NodeJS.ProcessEnv;
  /** What stdin carries before it closes (nothing by default); 'endless' for a writer that never stops (yes | …). */
  stdin?: string | Buffer | 'endless';
  /** A run that takes longer is killed; 30 s by default, long enough for a slow shared machine. */
  timeoutMs?: number;
  /** A secret the CLI must never print: asserted on stdout and stderr of every run. */
  secret?: string;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // EPIPE when the CLI stops reading (or never reads): not the test's fault
    child.on('close', (code) => {
      clearTimeout(timer);
      const run = { code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut };
      const secret = options.secret;
      if (secret) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'the key is never printed');
      }
      resolve(run);
    });
    if (options.stdin === 'endless') {
      const chunk = Buffer.from('y\n'.repeat(32768));
      const pump = () => {
        while (child.stdin.writable && child.stdin.write(chunk)) {
          /* until the pipe is full */
        }
      };
      child.stdin.on('drain', pump);
      pump();
    } else {
      child.stdin.end(options.stdin ?? '');
    }
  });
}

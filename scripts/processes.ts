// Child processes for the scripts: every command has a time bound, a failure says what failed and shows the tail of
// its output, and whatever is still running when the script ends (normally, on Ctrl+C, or on an uncaught error) is
// killed with its whole process tree (processTree.ts, cleanup.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { installHandlers } from './cleanup';
import { killTree, liveChildren, stopTree, taggedEnv, track } from './processTree';
import { formatSeconds } from './waits';

/** How many characters of a command's output a failure message shows. */
const TAIL_CHARS = 4000;
/** How long a finished command's leftover processes may keep its output open before they are killed. */
const LEFTOVER_GRACE_MS = 2000;

/** A command that failed, timed out or could not start. `tail` is the end of its output. */
export class CommandError extends Error {
  /** `output` is the whole output as far as it was kept (the first 4 MB), `tail` its end. */
  constructor(message: string, readonly tail: string, readonly output: string = tail) {
    super(tail ? `${message}\n--- last output ---\n${tail.trimEnd()}\n--- end of output ---` : message);
    this.name = 'CommandError';
  }
}

/** Keeps the last `limit` characters written to it. */
export class OutputTail {
  private text = '';

  constructor(private readonly limit: number) {}

  push(chunk: string | Buffer): void {
    this.text += chunk.toString();
    if (this.text.length > this.limit * 2) {
      this.text = this.text.slice(-this.limit);
    }
  }

  toString(): string {
    return this.text.slice(-this.limit);
  }
}

export interface RunOptions {
  /** The command is killed (with its children) and fails after this long. */
  timeoutMs: number;
  cwd?: string;
  /** The whole environment (not merged). */
  env?: NodeJS.ProcessEnv;
  /** Stream the output to this process's stdout/stderr as it comes (default false). */
  echo?: boolean;
  /** Put before each echoed line. */
  prefix?: string;
  /** What the command is for, in failure messages (default: the command line). */
  label?: string;
  /** Exit codes that count as success (default [0]). */
  okCodes?: number[];
  /** Also write the whole output there as it comes (a quiet command's full story). */
  logFile?: string;
}

/** Spawns `command` in a process group of its own, tagged and tracked, so that it can be stopped with its tree. */
function spawnTracked(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  installHandlers();
  const { env, tag } = taggedEnv(options.env);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a timeout or Ctrl+C can kill everything it started
  });
  track(child, tag);
  return child;
}

/**
 * Runs a command to its end within `timeoutMs`. Resolves with its output and exit code; rejects with a
 * CommandError (what failed, how, and the tail of the output) if it cannot start, exits with another code, or
 * takes too long.
 */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<{ code: number; output: string }> {
  const label = options.label ?? [command, ...args].join(' ');
  const okCodes = options.okCodes ?? [0];
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(TAIL_CHARS);
    let full = '';
    const child = spawnTracked(command, args, options);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopTree(child, 3000).catch(() => {});
    }, options.timeoutMs);
    const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    const echoStream = (target: NodeJS.WriteStream) => {
      let pending = '';
      return (chunk: Buffer) => {
        const text = chunk.toString();
        tail.push(text);
        log?.write(text);
        if (full.length < 4_000_000) {
          full += text;
        }
        if (!options.echo) {
          return;
        }
        if (!options.prefix) {
          target.write(text);
          return;
        }
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          target.write(`${options.prefix}${line}\n`);
        }
      };
    };
    child.stdout?.on('data', echoStream(process.stdout));
    child.stderr?.on('data', echoStream(process.stderr));
    child.on('error', (error) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      log?.end();
      reject(new CommandError(`${label}: could not start "${command}": ${error.message}`, tail.toString()));
    });
    // When the command itself has ended, whatever it started and left behind goes too: a grandchild that still
    // holds the output pipes would keep 'close' from ever coming (the command would seem to hang), and one that
    // let go of them would outlive the stage that started it.
    let leftoverTimer: NodeJS.Timeout | undefined;
    child.on('exit', () => {
      leftoverTimer = setTimeout(() => killTree(child, 'SIGKILL'), LEFTOVER_GRACE_MS);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(leftoverTimer);
      killTree(child, 'SIGKILL');
      liveChildren.delete(child);
      log?.end();
      if (timedOut) {
        reject(new CommandError(`${label}: timed out after ${formatSeconds(options.timeoutMs)} and was killed`, tail.toString()));
      } else if (code === null) {
        reject(new CommandError(`${label}: killed by ${signal}`, tail.toString()));
      } else if (!okCodes.includes(code)) {
        reject(new CommandError(`${label}: exited with code ${code}`, tail.toString(), full));
      } else {
        resolve({ code, output: full });
      }
    });
  });
}

/** A long-running command started by {@link startBackground}. */
export interface BackgroundProcess {
  child: ChildProcess;
  /** The end of its output, for error messages. */
  tail: () => string;
  /** Calls `listener` with each chunk of its output. */
  onOutput: (listener: (text: string) => void) => void;
  /** Stops it with its whole tree. */
  stop: () => Promise<void>;
}

/**
 * Starts a long-running command in its own process group and tracks it, so it is killed with its tree when the
 * script ends. Output goes to `logFile` (and to the console if `echo`).
 */
export function startBackground(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; echo?: boolean; prefix?: string },
): BackgroundProcess {
  const tail = new OutputTail(TAIL_CHARS);
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  const child = spawnTracked(command, args, options);
  const listeners: Array<(text: string) => void> = [];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    tail.push(text);
    log.write(text);
    if (options.echo) {
      process.stdout.write(options.prefix ? text.replace(/^(?=.)/gm, options.prefix) : text);
    }
    for (const listener of listeners) {
      listener(text);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.on('exit', () => {
    liveChildren.delete(child);
  });
  child.on('close', () => log.end());
  return {
    child,
    tail: () => tail.toString(),
    onOutput: (listener) => {
      listeners.push(listener);
    },
    stop: () => stopTree(child),
  };
}

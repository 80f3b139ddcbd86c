// @ts-check
'use strict';
// Child processes for the scripts: every command has a time bound, a failure says what failed and shows the tail of
// its output, and whatever is still running when the script ends (normally, on Ctrl+C, or on an uncaught error) is
// killed with its whole process tree.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');

/** How many characters of a command's output a failure message shows. */
const TAIL_CHARS = 4000;
/** A second stop signal this soon after the first is the same one, delivered twice (see installHandlers). */
const DUPLICATE_SIGNAL_MS = 1000;
/** How long a finished command's leftover processes may keep its output open before they are killed. */
const LEFTOVER_GRACE_MS = 2000;

/** A command that failed, timed out or could not start. `tail` is the end of its output. */
class CommandError extends Error {
  /**
   * @param {string} message
   * @param {string} tail
   */
  constructor(message, tail) {
    super(tail ? `${message}\n--- last output ---\n${tail.trimEnd()}\n--- end of output ---` : message);
    this.name = 'CommandError';
    this.tail = tail;
  }
}

/** Keeps the last `limit` characters written to it. */
class OutputTail {
  /** @param {number} limit */
  constructor(limit) {
    this.limit = limit;
    this.text = '';
  }

  /** @param {string | Buffer} chunk */
  push(chunk) {
    this.text += chunk.toString();
    if (this.text.length > this.limit * 2) {
      this.text = this.text.slice(-this.limit);
    }
  }

  toString() {
    return this.text.slice(-this.limit);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: things to undo when the script ends, however it ends.

/** @type {Set<import('node:child_process').ChildProcess>} */
const liveChildren = new Set();
/** @type {Array<{ name: string, run: () => (void | Promise<void>) }>} */
const cleanups = [];
let handlersInstalled = false;
let cleaningUp = false;
/** Set for good once the script starts stopping. */
let stopping = false;

/**
 * Registers `run` to be called once when the script ends (in reverse order of registration). Returns a function that
 * unregisters it, for things stopped earlier by the normal path.
 * @param {string} name shown if the cleanup itself fails
 * @param {() => (void | Promise<void>)} run
 * @returns {() => void}
 */
function onCleanup(name, run) {
  installHandlers();
  const entry = { name, run };
  cleanups.push(entry);
  return () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) {
      cleanups.splice(index, 1);
    }
  };
}

/**
 * Runs every registered cleanup (each bounded to 15 s), newest first, then stops any child still running (SIGTERM,
 * so a child script cleans up after itself too; SIGKILL after 5 s). Safe to call more than once.
 */
async function runCleanups() {
  if (cleaningUp) {
    return;
  }
  cleaningUp = true;
  stopping = true;
  while (cleanups.length > 0) {
    const entry = /** @type {{ name: string, run: () => (void | Promise<void>) }} */ (cleanups.pop());
    try {
      await withTimeout(Promise.resolve().then(entry.run), 15_000, `cleanup "${entry.name}"`);
    } catch (error) {
      console.error(`[cleanup] ${entry.name} failed: ${errorMessage(error)}`);
    }
  }
  await Promise.all([...liveChildren].map((child) => stopTree(child, 5000).catch(() => {})));
  cleaningUp = false;
}

/** Whether the script is stopping (Ctrl+C, an uncaught error, or runCleanups called). */
function isStopping() {
  return stopping;
}

function installHandlers() {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  /** @param {number} code */
  const cleanupAndExit = (code) => {
    runCleanups().finally(() => process.exit(code));
  };
  let firstSignalAt = 0;
  for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]])) {
    process.on(signal, () => {
      if (cleaningUp) {
        // One Ctrl+C under `npm start` arrives twice: from the terminal, and forwarded by npm to its child.
        if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) {
          return;
        }
        // A second Ctrl+C: stop waiting; the 'exit' handler still kills what is left.
        process.exit(code);
      }
      firstSignalAt = Date.now();
      console.error(`\n[${signal}] stopping what this script started...`);
      cleanupAndExit(code);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(`Uncaught error: ${error && error.stack ? error.stack : error}`);
    cleanupAndExit(1);
  });
  process.on('unhandledRejection', (reason) => {
    console.error(`Unhandled rejection: ${reason instanceof Error && reason.stack ? reason.stack : reason}`);
    cleanupAndExit(1);
  });
  // Last resort, synchronous: nothing we started outlives us.
  process.on('exit', () => {
    for (const child of liveChildren) {
      killTree(child, 'SIGKILL');
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Process trees.

/**
 * The pids of every living descendant of `pid`, read from /proc (Linux). Children that left the process group
 * (setsid, as terminals do) are found this way too.
 * @param {number} pid
 * @returns {number[]}
 */
function descendants(pid) {
  /** @type {Map<number, number[]>} */
  const childrenOf = new Map();
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const list = childrenOf.get(parent) ?? [];
      list.push(Number(entry));
      childrenOf.set(parent, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = /** @type {number} */ (queue.shift());
    for (const child of childrenOf.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The environment variable that marks every process a script starts, and all their descendants. */
const TAG_VARIABLE = 'CLAUDE_INSPECTOR_PROCESS_TAG';
/** @type {WeakMap<import('node:child_process').ChildProcess, string>} */
const tagOf = new WeakMap();

/**
 * Environment for a child, marked with a tag of its own that its descendants inherit: processes that left the tree
 * (a new session, then orphaned, as VS Code's extension hosts do) are still found by it.
 * @param {NodeJS.ProcessEnv | undefined} env
 * @returns {{ env: NodeJS.ProcessEnv, tag: string }}
 */
function taggedEnv(env) {
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return { env: { ...(env ?? process.env), [TAG_VARIABLE]: tag }, tag };
}

/**
 * The pids of living processes whose environment carries `tag` (Linux /proc).
 * @param {string} tag
 * @returns {number[]}
 */
function taggedPids(tag) {
  const needle = Buffer.from(`${TAG_VARIABLE}=${tag}\0`);
  const found = [];
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`).includes(needle)) {
        found.push(Number(entry));
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/**
 * Sends `signal` to a detached child's process group and to every descendant found in /proc.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function killTree(child, signal) {
  if (child.pid === undefined) {
    return;
  }
  const tag = tagOf.get(child);
  const pids = [...descendants(child.pid), ...(tag ? taggedPids(tag) : [])];
  for (const target of [-child.pid, child.pid, ...pids]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Stops a child and everything it started: SIGTERM, then SIGKILL after `graceMs`. Resolves when the child is gone.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 */
async function stopTree(child, graceMs = 5000) {
  if (child.pid === undefined) {
    return;
  }
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
  // Collect the tree before the parent dies: orphans are re-parented and could no longer be found.
  const tree = descendants(child.pid);
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => {
    killTree(child, 'SIGKILL');
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
  // Descendants that ignored SIGTERM and outlived the parent, and processes it started while it was stopping.
  await delay(200);
  const tag = tagOf.get(child);
  for (const pid of [...tree, ...(tag ? taggedPids(tag) : [])]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  liveChildren.delete(child);
}

// ---------------------------------------------------------------------------------------------------------------
// Running commands.

/**
 * @typedef {object} RunOptions
 * @property {number} timeoutMs the command is killed (with its children) and fails after this long
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env] the whole environment (not merged)
 * @property {boolean} [echo] stream the output to this process's stdout/stderr as it comes (default false)
 * @property {string} [prefix] put before each echoed line
 * @property {string} [label] what the command is for, in failure messages (default: the command line)
 * @property {number[]} [okCodes] exit codes that count as success (default [0])
 * @property {string} [logFile] also write the whole output there as it comes (a quiet command's full story)
 */

/**
 * Runs a command to its end within `timeoutMs`. Resolves with its output and exit code; rejects with a
 * CommandError (what failed, how, and the tail of the output) if it cannot start, exits with another code, or
 * takes too long.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} options
 * @returns {Promise<{ code: number, output: string }>}
 */
function runCommand(command, args, options) {
  installHandlers();
  const label = options.label ?? [command, ...args].join(' ');
  const okCodes = options.okCodes ?? [0];
  return new Promise((resolve, reject) => {
    const tail = new OutputTail(TAIL_CHARS);
    let full = '';
    const { env, tag } = taggedEnv(options.env);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout or Ctrl+C can kill everything it started
    });
    tagOf.set(child, tag);
    liveChildren.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopTree(child, 3000).catch(() => {});
    }, options.timeoutMs);
    const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    const echoStream = (/** @type {NodeJS.WriteStream} */ target) => {
      let pending = '';
      return (/** @type {Buffer} */ chunk) => {
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
        pending = /** @type {string} */ (lines.pop());
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
    /** @type {NodeJS.Timeout | undefined} */
    let leftoverTimer;
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
        reject(new CommandError(`${label}: timed out after ${formatSeconds(options.timeoutMs)} and was killed`,
          tail.toString()));
      } else if (code === null) {
        reject(new CommandError(`${label}: killed by ${signal}`, tail.toString()));
      } else if (!okCodes.includes(code)) {
        reject(new CommandError(`${label}: exited with code ${code}`, tail.toString()));
      } else {
        resolve({ code, output: full });
      }
    });
  });
}

/**
 * Starts a long-running command in its own process group and tracks it, so it is killed with its tree when the
 * script ends. Output goes to `logFile` (and to the console if `echo`); `tail()` gives its end for error messages.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile: string, echo?: boolean, prefix?: string }} options
 */
function startBackground(command, args, options) {
  installHandlers();
  const tail = new OutputTail(TAIL_CHARS);
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  const { env, tag } = taggedEnv(options.env);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  tagOf.set(child, tag);
  liveChildren.add(child);
  /** @type {Array<(text: string) => void>} */
  const listeners = [];
  const onData = (/** @type {Buffer} */ chunk) => {
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
    /** @param {(text: string) => void} listener called with each chunk of output */
    onOutput: (listener) => listeners.push(listener),
    stop: () => stopTree(child),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

/** @param {number} ms */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Rejects with `what timed out after N s` if `promise` has not settled in `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${formatSeconds(ms)}`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/** @param {number} ms */
function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** @param {unknown} error */
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A port on 127.0.0.1 that nobody listens on right now.
 * @returns {Promise<number>}
 */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether `port` can be listened on at `host`.
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * GETs `url` once. Resolves with the status and body, rejects on a connection error or after `timeoutMs`.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: number, body: string }>}
 */
function httpGet(url, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

/**
 * Ends a runner script: with the exit code `run` resolves to, or 1 (saying `<prefix> FAILED: why`) when it throws
 * or passes its overall bound; everything the script started is stopped first. Bad arguments end it with 2.
 * @param {(argv: string[]) => { timeoutMs: number, run: () => Promise<number> }} start parses the arguments
 * @param {{ prefix: string, what: string }} names
 */
function finishScript(start, names) {
  let started;
  try {
    started = start(process.argv.slice(2));
  } catch (error) {
    console.error(errorMessage(error));
    process.exit(2);
  }
  withTimeout(started.run(), started.timeoutMs, names.what).then(async (code) => {
    await runCleanups();
    process.exit(code);
  }, async (error) => {
    console.error(`${names.prefix} FAILED: ${errorMessage(error)}`);
    await runCleanups();
    process.exit(1);
  });
}

module.exports = {
  CommandError,
  OutputTail,
  delay,
  descendants,
  errorMessage,
  findFreePort,
  finishScript,
  formatSeconds,
  httpGet,
  isPortFree,
  isStopping,
  onCleanup,
  runCleanups,
  runCommand,
  startBackground,
  stopTree,
  withTimeout,
};

// How a script ends, however it ends (normally, on Ctrl+C, on an uncaught error): the things it registered are
// undone, newest first, and whatever it started is killed with its whole process tree.
import { killTree, liveChildren, stopTree } from './processTree';
import { errorMessage, withTimeout } from './waits';

/** A second stop signal this soon after the first is the same one, delivered twice (see installHandlers). */
const DUPLICATE_SIGNAL_MS = 1000;

interface Cleanup {
  name: string;
  run: () => void | Promise<void>;
}

const cleanups: Cleanup[] = [];
let handlersInstalled = false;
let cleaningUp = false;
/** Set for good once the script starts stopping. */
let stopping = false;

/**
 * Registers `run` to be called once when the script ends (in reverse order of registration). Returns a function that
 * unregisters it, for things stopped earlier by the normal path.
 */
export function onCleanup(name: string, run: () => void | Promise<void>): () => void {
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
 * `stop`, made to run once whether it is called or run at cleanup (Ctrl+C, an uncaught error, the end of the
 * script): registered under `name` until it has run. Returns the function to call.
 */
export function stopOnce(name: string, stop: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  const once = async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    unregister();
    await stop();
  };
  const unregister = onCleanup(name, once);
  return once;
}

/**
 * Runs every registered cleanup (each bounded to 15 s), newest first, then stops any child still running (SIGTERM,
 * so a child script cleans up after itself too; SIGKILL after 5 s). Safe to call more than once.
 */
export async function runCleanups(): Promise<void> {
  if (cleaningUp) {
    return;
  }
  cleaningUp = true;
  stopping = true;
  for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
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
export function isStopping(): boolean {
  return stopping;
}

/** Installs the signal, error and exit handlers once; every function that starts something calls it. */
export function installHandlers(): void {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  const cleanupAndExit = (code: number) => {
    runCleanups().finally(() => process.exit(code));
  };
  let firstSignalAt = 0;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
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
    console.error(`Uncaught error: ${error?.stack ?? error}`);
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

/**
 * Ends a script when `work` settles: with the exit code it resolves to, or `failureCode` after printing
 * `failure(why)`; everything the script started is stopped first.
 */
export function exitWhenDone(work: Promise<number>, failure: (why: string) => string, failureCode = 1): void {
  work.then(async (code) => {
    await runCleanups();
    process.exit(code);
  }, async (error) => {
    console.error(failure(errorMessage(error)));
    await runCleanups();
    process.exit(failureCode);
  });
}

/**
 * Ends a runner script: with the exit code `run` resolves to, or 1 (saying `<prefix> FAILED: why`) when it throws
 * or passes its overall bound; everything the script started is stopped first. Bad arguments (`start` throws) end
 * it with 2.
 */
export function finishScript(
  argv: string[],
  start: (argv: string[]) => { timeoutMs: number; run: () => Promise<number> },
  names: { prefix: string; what: string },
): void {
  let started: ReturnType<typeof start>;
  try {
    started = start(argv);
  } catch (error) {
    console.error(errorMessage(error));
    process.exit(2);
  }
  exitWhenDone(withTimeout(started.run(), started.timeoutMs, names.what), (why) => `${names.prefix} FAILED: ${why}`);
}

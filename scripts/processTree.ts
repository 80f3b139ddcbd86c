// Process trees: every child a script starts, and everything that child starts, can be found and killed, even the
// processes that left its tree (a new session, then orphaned, as VS Code's extension hosts do). Linux /proc, read
// synchronously, so that the last-resort 'exit' handler can still use it. (tree-kill and pidtree ask `ps`
// asynchronously and follow parentage only: they neither run in an 'exit' handler nor find re-parented orphans.)
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { delay } from './waits';

/** The children that are running, each a process-group leader (spawned with `detached: true`). */
export const liveChildren = new Set<ChildProcess>();

/** The environment variable that marks every process a script starts, and all their descendants. */
const TAG_VARIABLE = 'CLAUDE_INSPECTOR_PROCESS_TAG';
const tagOf = new WeakMap<ChildProcess, string>();

/** The numeric entries of /proc, or none where there is no /proc. */
function procEntries(): string[] {
  try {
    return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
}

/**
 * The pids of every living descendant of `pid`, read from /proc (Linux). Children that left the process group
 * (setsid, as terminals do) are found this way too.
 */
export function descendants(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of procEntries()) {
    const fields = statFields(entry);
    if (fields === undefined) {
      continue; // The process ended while we looked.
    }
    const parent = Number(fields[1]);
    const list = childrenOf.get(parent) ?? [];
    list.push(Number(entry));
    childrenOf.set(parent, list);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of childrenOf.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Environment for a child, marked with a tag of its own that its descendants inherit: processes that left the tree
 * are still found by it. Call {@link track} with the child and the tag once it is spawned.
 */
export function taggedEnv(env: NodeJS.ProcessEnv | undefined): { env: NodeJS.ProcessEnv; tag: string } {
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return { env: { ...(env ?? process.env), [TAG_VARIABLE]: tag }, tag };
}

/** Remembers a spawned child (and its tag) until it is stopped, so that the script's end stops it too. */
export function track(child: ChildProcess, tag: string): void {
  tagOf.set(child, tag);
  liveChildren.add(child);
}

/** PF_KTHREAD in /proc/<pid>/stat's flags: a kernel thread, whose environment is always empty. */
const KERNEL_THREAD = 0x00200000;

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined when it is gone. */
function statFields(entry: string): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** When this script's process started (clock ticks after boot): every process it tagged started later. */
const ownStart = Number(statFields('self')?.[19] ?? 0);

/**
 * Whether an empty environment may be one of ours in the middle of an exec: a process started after this script,
 * neither a kernel thread nor a zombie (whose environments stay empty).
 */
function mayBeExecing(entry: string): boolean {
  const fields = statFields(entry);
  return fields !== undefined && fields[0] !== 'Z' && (Number(fields[6]) & KERNEL_THREAD) === 0 && Number(fields[19]) >= ownStart;
}

/**
 * The pids of living processes whose environment carries `tag` (Linux /proc). A process in the middle of an exec
 * reads as an empty environment for a moment (its new memory has no environment yet, longer when the program is
 * read from a cold disk): one that a command started just before it ended (`setsid sleep &`) would be missed, so an
 * empty one that may be ours is read again, up to 10 times 20 ms apart.
 */
function taggedPids(tag: string): number[] {
  const needle = Buffer.from(`${TAG_VARIABLE}=${tag}\0`);
  const found: number[] = [];
  let unread = procEntries().filter((entry) => Number(entry) !== process.pid);
  for (let round = 0; round <= 10 && unread.length > 0; round++) {
    if (round > 0) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    const again: string[] = [];
    for (const entry of unread) {
      try {
        const environ = fs.readFileSync(`/proc/${entry}/environ`);
        if (environ.includes(needle)) {
          found.push(Number(entry));
        } else if (environ.length === 0 && mayBeExecing(entry)) {
          again.push(entry);
        }
      } catch {
        // Gone, or not ours to read.
      }
    }
    unread = again;
  }
  return found;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const target of pids) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Sends `signal` to a detached child's process group and to every descendant and tagged process. Synchronous. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  const tag = tagOf.get(child);
  signalAll([-child.pid, child.pid, ...descendants(child.pid), ...(tag ? taggedPids(tag) : [])], signal);
}

/** Stops a child and everything it started: SIGTERM, then SIGKILL after `graceMs`. Resolves when the child is gone. */
export async function stopTree(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) {
    return;
  }
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Collect the tree before the parent dies: orphans are re-parented and could no longer be found.
  const tree = descendants(child.pid);
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => {
    killTree(child, 'SIGKILL');
    signalAll(tree, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
  // Descendants that ignored SIGTERM and outlived the parent, and processes it started while it was stopping.
  await delay(200);
  const tag = tagOf.get(child);
  signalAll([...tree, ...(tag ? taggedPids(tag) : [])], 'SIGKILL');
  liveChildren.delete(child);
}

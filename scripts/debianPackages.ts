// Installs Debian packages the scripts need (the machines reach Debian's mirrors, not the wider internet).
// `apt-get install` runs as root, or through `sudo -n` when that works; otherwise the error names the packages.
// provideFromDebian is the one way the providers (Chromium, zsh, python3-httpx) find or install what the tests run.

import * as fs from 'node:fs';
import { CommandError, runCommand } from './processes';
import { errorMessage } from './waits';

/** apt-get waits this long for another apt/dpkg to release its lock instead of failing at once. */
const LOCK_WAIT_SECONDS = 120;

/** Output of apt-get that means the package index is missing or stale, which `apt-get update` fixes. */
const STALE_INDEX = /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found|Unable to fetch some archives/i;

let indexUpdated = false;

function aptEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };
}

/** Runs `apt-get ARGS` as root, bounded. */
function aptGet(args: string[], options: { timeoutMs: number; label: string }) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptArgs = ['-o', `DPkg::Lock::Timeout=${LOCK_WAIT_SECONDS}`, ...args];
  const [command, commandArgs]: [string, string[]] = isRoot || !fs.existsSync('/usr/bin/sudo')
    ? ['apt-get', aptArgs]
    : ['sudo', ['-n', 'apt-get', ...aptArgs]];
  return runCommand(command, commandArgs, { ...options, env: aptEnv() }).catch((error) => {
    if (!isRoot && error instanceof Error) {
      // Keep the CommandError (its output tail decides whether an index update may help); add the way out.
      error.message += `\n${options.label} needs root (or password-less sudo). Run it by hand: sudo apt-get ${args.join(' ')}`;
    }
    throw error;
  });
}

/** Refreshes the package index once per script run. */
async function updateIndex(): Promise<void> {
  if (indexUpdated) {
    return;
  }
  console.log('[apt] apt-get update');
  await aptGet(['update'], { timeoutMs: 180_000, label: 'apt-get update' });
  indexUpdated = true;
}

/** Runs `apt` (an apt-get command); when it fails for a missing or stale index, updates the index once and runs it again. */
async function withFreshIndex(apt: () => Promise<unknown>): Promise<void> {
  try {
    await apt();
  } catch (error) {
    const tail = error instanceof CommandError ? error.tail : '';
    if (indexUpdated || !STALE_INDEX.test(tail)) {
      throw error;
    }
    await updateIndex();
    await apt();
  }
}

/**
 * Installs Debian packages. If the install fails for a missing or stale index, runs `apt-get update` and tries once
 * more. `why` is said in the log and in errors.
 */
export async function aptInstall(packages: string[], options: { why: string; timeoutMs?: number }): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const label = `apt-get install ${packages.join(' ')} (${options.why})`;
  const as = typeof process.getuid === 'function' && process.getuid() === 0 ? 'as root' : 'through sudo';
  console.log(`[apt] installing the Debian package${packages.length > 1 ? 's' : ''} ${packages.join(', ')} with apt-get (${as}), once: ${options.why}`);
  await withFreshIndex(() => aptGet(['install', '-y', '--no-install-recommends', ...packages], { timeoutMs, label }));
}

/** Downloads a package's .deb into `dir` without installing it (works without root). Returns the .deb path. */
export async function aptDownload(name: string, dir: string): Promise<string> {
  const label = `apt-get download ${name}`;
  await withFreshIndex(() => runCommand('apt-get', ['download', name], { cwd: dir, timeoutMs: 120_000, label, env: aptEnv() }));
  const deb = fs.readdirSync(dir).find((file) => file.startsWith(`${name}_`) && file.endsWith('.deb'));
  if (!deb) {
    throw new Error(`${label}: finished but no ${name}_*.deb appeared in ${dir}`);
  }
  return `${dir}/${deb}`;
}

/** A program the tests need: one the user names, else one already in its place, else Debian's package installed. */
export interface DebianProvided {
  /** The variable that names one to use instead (checked with `usable`, never installed over). */
  envVar: string;
  /** Where one may already be, and where the package puts it, in order: the first usable one is used. */
  places: string[];
  usable(file: string): boolean;
  packages: string[];
  /** Said in the log and in errors (see aptInstall). */
  why: string;
  timeoutMs: number;
  /** The errors, in this program's words. */
  says: { notUsable(fromEnv: string): string; noAptGet: string; notInstalled: string; notThereAfter: string };
}

/** The path of the program `tool` describes, installing its package with apt-get when there is none. */
export async function provideFromDebian(tool: DebianProvided): Promise<string> {
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    if (!tool.usable(fromEnv)) {
      throw new Error(tool.says.notUsable(fromEnv));
    }
    return fromEnv;
  }
  const found = tool.places.find((place) => tool.usable(place));
  if (found) {
    return found;
  }
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(tool.says.noAptGet);
  }
  try {
    await aptInstall(tool.packages, { why: tool.why, timeoutMs: tool.timeoutMs });
  } catch (error) {
    throw new Error(`${tool.says.notInstalled}\n${errorMessage(error)}`);
  }
  const installed = tool.places.find((place) => tool.usable(place));
  if (!installed) {
    throw new Error(tool.says.notThereAfter);
  }
  return installed;
}

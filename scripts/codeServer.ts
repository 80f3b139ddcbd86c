// Starts and stops the cached code-server (a real VS Code 1.100.3 served to a browser), installs .vsix packages into
// it, and writes its user settings. Each use (integration, ui, start) has its own profile folder under
// .vscode-test/profiles/: user data, extensions, XDG and temp dirs, and logs, so runs never touch ~/.config and never
// see each other's state.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { stopOnce } from './cleanup';
import { HOST, findFreePort, isPortFree, waitForOk } from './ports';
import { runCommand, startBackground } from './processes';
import { profilesRoot } from './projectPaths';
import { type PrivateDirs, codeServerEntry, ensureCodeServer, privateXdgEnv } from './provideVscode';
import { errorMessage, formatSeconds } from './waits';

/** Settings every profile starts with: no welcome page, no update or telemetry traffic, no trust prompt. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface Profile {
  name: string;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  logsDir: string;
  /** Private XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and TMPDIR. */
  xdg: PrivateDirs;
}

/** The profile folder `name` under .vscode-test/profiles/. `fresh` empties it first (a test run starts from nothing). */
export function profile(name: string, options: { fresh?: boolean } = {}): Profile {
  const root = path.join(profilesRoot, name);
  if (options.fresh) {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const result = {
    name,
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    logsDir: path.join(root, 'logs'),
    xdg: privateXdgEnv(root),
  };
  for (const dir of [result.userDataDir, result.extensionsDir, result.logsDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const settingsFile = userSettingsFile(result);
  if (!fs.existsSync(settingsFile)) {
    writeUserSettings(result, QUIET_SETTINGS);
  }
  return result;
}

export function userSettingsFile(target: Profile): string {
  return path.join(target.userDataDir, 'User', 'settings.json');
}

/**
 * Merges `settings` into the profile's user settings (User/settings.json of its user-data-dir). The running
 * workbench watches that file, so this also changes settings of a live session. `undefined` removes a key.
 */
export function writeUserSettings(target: Profile, settings: Record<string, unknown>): void {
  const file = userSettingsFile(target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // Missing, or not plain JSON (comments): the scripts own these profiles, so start over.
  }
  const merged = { ...current, ...settings };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) {
      delete merged[key];
    }
  }
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/**
 * The environment code-server runs with (and passes on to the extension host): ours, without what would confuse it,
 * plus the profile's private dirs and `extra` (where `undefined` removes a variable).
 */
function codeServerEnv(target: Profile, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // PORT overrides --bind-addr in code-server; VSCODE_* and ELECTRON_RUN_AS_NODE leak in from a VS Code terminal.
    if (key === 'PORT' || key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || /^npm_/i.test(key)) {
      continue;
    }
    env[key] = value;
  }
  const merged: NodeJS.ProcessEnv = { ...env, ...target.xdg, ...extra };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined) {
      delete merged[key];
    }
  }
  return merged;
}

/** Installs a .vsix into the profile (under a second). Fails with code-server's output if it does not say it worked. */
export async function installExtension(vsix: string, target: Profile): Promise<void> {
  await ensureCodeServer();
  const { output } = await runCommand(process.execPath, [
    codeServerEntry(),
    '--user-data-dir', target.userDataDir,
    '--extensions-dir', target.extensionsDir,
    '--install-extension', vsix,
    '--force',
  ], {
    env: codeServerEnv(target),
    timeoutMs: 120_000,
    label: `code-server --install-extension ${path.basename(vsix)}`,
  });
  if (!/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} did not report success:\n${output}`);
  }
}

export interface RunningCodeServer {
  /** Base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  /** code-server's own output. */
  logFile: string;
  profile: Profile;
  /** The end of code-server's output. */
  tail: () => string;
  onOutput: (listener: (text: string) => void) => void;
  /** Kills code-server and everything it started; safe to call twice. */
  stop: () => Promise<void>;
  /** Settles when code-server's process ends, with its exit code or signal. */
  exited: Promise<string>;
}

export interface CodeServerOptions {
  profile: Profile;
  /** The folder the workbench opens when the URL names none. */
  folder?: string;
  /** The port to use; if busy: an error when `strictPort`, else another free port. */
  port?: number;
  strictPort?: boolean;
  /** Added to code-server's (and so the extension host's) environment. */
  env?: NodeJS.ProcessEnv;
  /** Default 60 s. */
  readyTimeoutMs?: number;
  /** Also print code-server's output (it always goes to the log file). */
  echo?: boolean;
  /** More code-server arguments, e.g. ['--log', 'trace']. */
  extraArgs?: string[];
}

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz. It is stopped (with its whole process tree) by `stop()`,
 * and in any case when the script ends, by Ctrl+C, or on an uncaught error.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  await ensureCodeServer();
  const target = options.profile;
  const port = await choosePort(options.port, options.strictPort ?? false);
  const logFile = path.join(target.logsDir, 'code-server.log');
  fs.writeFileSync(logFile, '');
  const args = [
    codeServerEntry(),
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', target.userDataDir,
    '--extensions-dir', target.extensionsDir,
  ];
  args.push(...(options.extraArgs ?? []));
  if (options.folder) {
    args.push(options.folder);
  }
  const server = startBackground(process.execPath, args, {
    env: codeServerEnv(target, options.env),
    logFile,
    echo: options.echo,
    prefix: '[code-server] ',
  });
  let exitedWith: string | undefined;
  const exited = new Promise<string>((resolve) => {
    server.child.once('exit', (code, signal) => {
      exitedWith = signal ? `signal ${signal}` : `code ${code}`;
      resolve(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  });
  const stop = stopOnce(`code-server on port ${port}`, () => server.stop());
  const url = `http://${HOST}:${port}`;
  const readyMs = options.readyTimeoutMs ?? 60_000;
  try {
    await waitForOk(`${url}/healthz`, readyMs, () => exitedWith && `code-server exited (${exitedWith}) before it was ready.`);
  } catch (error) {
    await stop();
    const why = exitedWith ? errorMessage(error) : `code-server did not answer ${url}/healthz within ${formatSeconds(readyMs)}.`;
    throw new Error(`${why}\n--- code-server output ---\n${server.tail().trimEnd()}\n--- end ---`);
  }
  return { url, port, logFile, profile: target, tail: server.tail, onOutput: server.onOutput, stop, exited };
}

async function choosePort(wanted: number | undefined, strict: boolean): Promise<number> {
  if (wanted === undefined) {
    return findFreePort();
  }
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) {
    throw new Error(`Port ${wanted} is not a port number.`);
  }
  if (await isPortFree(wanted)) {
    return wanted;
  }
  if (strict) {
    throw new Error(`Port ${wanted} on ${HOST} is already in use (another code-server or \`npm start\`?). ` +
      'Stop what is using it, or choose another port.');
  }
  const other = await findFreePort();
  console.log(`[code-server] port ${wanted} is in use; using ${other} instead`);
  return other;
}

/**
 * The workbench URL that opens `folder`, with optional extension-test payload entries
 * (e.g. [['extensionDevelopmentPath', 'vscode-remote://...']]).
 */
export function workbenchUrl(baseUrl: string, folder: string, payload?: Array<[string, string]>): string {
  const query = new URLSearchParams({ folder });
  if (payload && payload.length > 0) {
    query.set('payload', JSON.stringify(payload));
  }
  return `${baseUrl}/?${query.toString()}`;
}

/**
 * The `vscode-remote://` URI of a path on the machine code-server runs on, as the workbench addresses it. `baseUrl`
 * is e.g. http://127.0.0.1:8080.
 */
export function remoteUri(baseUrl: string, absolutePath: string): string {
  const authority = new URL(baseUrl).host;
  return `vscode-remote://${authority}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

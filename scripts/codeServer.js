// @ts-check
'use strict';
// Starts and stops the cached code-server (a real VS Code 1.100.3 served to a browser), installs .vsix packages into
// it, and writes its user settings. Each use (integration, ui, start) has its own profile folder under
// .vscode-test/profiles/: user data, extensions, XDG and temp dirs, and logs, so runs never touch ~/.config and never
// see each other's state.

const fs = require('node:fs');
const path = require('node:path');
const { profilesRoot } = require('./projectPaths');
const { codeServerEntry, ensureCodeServer, privateXdgEnv } = require('./provideVscode');
const {
  delay, findFreePort, formatSeconds, httpGet, isPortFree, onCleanup, runCommand, startBackground,
} = require('./processes');

const HOST = '127.0.0.1';

/** Settings every profile starts with: no welcome page, no update or telemetry traffic, no trust prompt. */
const QUIET_SETTINGS = {
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

/**
 * @typedef {object} Profile
 * @property {string} name
 * @property {string} root
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} logsDir
 * @property {NodeJS.ProcessEnv} xdg private XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and TMPDIR
 */

/**
 * The profile folder `name` under .vscode-test/profiles/. `fresh` empties it first (a test run starts from nothing).
 * @param {string} name
 * @param {{ fresh?: boolean }} [options]
 * @returns {Profile}
 */
function profile(name, options = {}) {
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

/** @param {Profile} target */
function userSettingsFile(target) {
  return path.join(target.userDataDir, 'User', 'settings.json');
}

/**
 * Merges `settings` into the profile's user settings (User/settings.json of its user-data-dir). The running
 * workbench watches that file, so this also changes settings of a live session. `undefined` removes a key.
 * @param {Profile} target
 * @param {Record<string, unknown>} settings
 */
function writeUserSettings(target, settings) {
  const file = userSettingsFile(target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  /** @type {Record<string, unknown>} */
  let current = {};
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
 * @param {Profile} target
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function codeServerEnv(target, extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // PORT overrides --bind-addr in code-server; VSCODE_* and ELECTRON_RUN_AS_NODE leak in from a VS Code terminal.
    if (key === 'PORT' || key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || /^npm_/i.test(key)) {
      continue;
    }
    env[key] = value;
  }
  const merged = { ...env, ...target.xdg, ...extra };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined) {
      delete merged[key];
    }
  }
  return merged;
}

/**
 * Installs a .vsix into the profile (under a second). Fails with code-server's output if it does not say it worked.
 * @param {string} vsix
 * @param {Profile} target
 */
async function installExtension(vsix, target) {
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

/**
 * @typedef {object} RunningCodeServer
 * @property {string} url base URL, e.g. http://127.0.0.1:8080
 * @property {number} port
 * @property {string} logFile code-server's own output
 * @property {Profile} profile
 * @property {() => string} tail the end of code-server's output
 * @property {(listener: (text: string) => void) => void} onOutput
 * @property {() => Promise<void>} stop kills code-server and everything it started; safe to call twice
 * @property {Promise<string>} exited settles when code-server's process ends, with its exit code or signal
 */

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz. It is stopped (with its whole process tree) by `stop()`,
 * and in any case when the script ends, by Ctrl+C, or on an uncaught error.
 * @param {object} options
 * @param {Profile} options.profile
 * @param {string} [options.folder] the folder the workbench opens when the URL names none
 * @param {number} [options.port] the port to use; if busy: an error when `strictPort`, else another free port
 * @param {boolean} [options.strictPort]
 * @param {NodeJS.ProcessEnv} [options.env] added to code-server's (and so the extension host's) environment
 * @param {number} [options.readyTimeoutMs] default 60 s
 * @param {boolean} [options.echo] also print code-server's output (it always goes to the log file)
 * @param {string[]} [options.extraArgs] more code-server arguments, e.g. ['--log', 'trace']
 * @returns {Promise<RunningCodeServer>}
 */
async function startCodeServer(options) {
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
  /** @type {Promise<string>} */
  const exited = new Promise((resolve) => {
    server.child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    unregister();
    await server.stop();
  };
  const unregister = onCleanup(`code-server on port ${port}`, stop);
  const url = `http://${HOST}:${port}`;
  try {
    await waitForHealth(url, server, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, logFile, profile: target, tail: server.tail, onOutput: server.onOutput, stop, exited };
}

/**
 * @param {number | undefined} wanted
 * @param {boolean} strict
 * @returns {Promise<number>}
 */
async function choosePort(wanted, strict) {
  if (wanted === undefined) {
    return findFreePort();
  }
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) {
    throw new Error(`Port ${wanted} is not a port number.`);
  }
  if (await isPortFree(wanted, HOST)) {
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
 * Polls /healthz until it answers 200, failing early (with the log's tail) if code-server exits.
 * @param {string} url
 * @param {ReturnType<typeof startBackground>} server
 * @param {number} timeoutMs
 */
async function waitForHealth(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  /** @type {string | undefined} */
  let exitedWith;
  server.child.once('exit', (code, signal) => {
    exitedWith = signal ? `signal ${signal}` : `code ${code}`;
  });
  for (;;) {
    if (exitedWith) {
      throw new Error(`code-server exited (${exitedWith}) before it was ready.\n--- code-server output ---\n` +
        `${server.tail().trimEnd()}\n--- end ---`);
    }
    try {
      const { status } = await httpGet(`${url}/healthz`, 2000);
      if (status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`code-server did not answer ${url}/healthz within ${formatSeconds(timeoutMs)}.\n` +
        `--- code-server output ---\n${server.tail().trimEnd()}\n--- end ---`);
    }
    await delay(200);
  }
}

/**
 * The workbench URL that opens `folder`, with optional extension-test payload entries
 * (e.g. [['extensionDevelopmentPath', 'vscode-remote://...']]).
 * @param {string} baseUrl
 * @param {string} folder
 * @param {Array<[string, string]>} [payload]
 */
function workbenchUrl(baseUrl, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload && payload.length > 0) {
    query.set('payload', JSON.stringify(payload));
  }
  return `${baseUrl}/?${query.toString()}`;
}

/**
 * The `vscode-remote://` URI of a path on the machine code-server runs on, as the workbench addresses it.
 * @param {string} baseUrl e.g. http://127.0.0.1:8080
 * @param {string} absolutePath
 */
function remoteUri(baseUrl, absolutePath) {
  const authority = new URL(baseUrl).host;
  return `vscode-remote://${authority}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

module.exports = {
  QUIET_SETTINGS,
  installExtension,
  profile,
  remoteUri,
  startCodeServer,
  userSettingsFile,
  workbenchUrl,
  writeUserSettings,
};

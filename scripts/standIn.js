// @ts-check
'use strict';
// Starts the project's local Messages API stand-in (out/src/standIn/main.js, compiled from src/standIn/) as a
// separate process, for `npm start` and the UI test: calls from the extension go there instead of the real API.
// Its interface: `node out/src/standIn/main.js --port N [--key K]` prints
// "Messages API stand-in listening on http://127.0.0.1:PORT" on stdout and runs until SIGINT/SIGTERM.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./projectPaths');
const { delay, findFreePort, onCleanup, startBackground } = require('./processes');

const standInMain = path.join(repoRoot, 'out', 'src', 'standIn', 'main.js');
const LISTENING = /Messages API stand-in listening on (http:\/\/\S+)/;

/** Whether the stand-in has been compiled (npx tsc -p .). */
function standInAvailable() {
  return fs.existsSync(standInMain);
}

/**
 * A key for the stand-in: shaped like an Anthropic key so the extension accepts it, obviously not a real one.
 */
function standInApiKey() {
  return `sk-ant-stand-in-${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * The fixed key `npm start` gives the stand-in and prints (src/standIn/fakeKey.ts, compiled): not a secret, so
 * that a curl copied from the panel and the CLI work against the stand-in as printed.
 * @returns {string}
 */
function standInFixedKey() {
  const file = path.join(repoRoot, 'out', 'src', 'standIn', 'fakeKey.js');
  return require(file).STAND_IN_API_KEY;
}

/**
 * Starts the stand-in on a free port (or `port`) and waits for its "listening on" line.
 * @param {{ port?: number, apiKey?: string, logFile: string, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, tail: () => string }>}
 */
async function startStandIn(options) {
  if (!standInAvailable()) {
    throw new Error(`${path.relative(repoRoot, standInMain)} is missing: compile with \`npx tsc -p .\` first.`);
  }
  const port = options.port ?? await findFreePort();
  const args = [standInMain, '--port', String(port)];
  if (options.apiKey) {
    args.push('--key', options.apiKey);
  }
  fs.writeFileSync(options.logFile, '');
  const process_ = startBackground(process.execPath, args, { cwd: repoRoot, logFile: options.logFile });
  let stopped = false;
  const stop = async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    unregister();
    await process_.stop();
  };
  const unregister = onCleanup('Messages API stand-in', stop);

  /** @type {string | undefined} */
  let url;
  let output = '';
  process_.onOutput((text) => {
    output += text;
    const match = LISTENING.exec(output);
    if (match && !url) {
      url = match[1];
    }
  });
  /** @type {string | undefined} */
  let exited;
  process_.child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (!url) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`The Messages API stand-in ${exited ? `exited (${exited})` : 'did not say where it listens'} ` +
        `(${path.relative(repoRoot, standInMain)} --port ${port}).\n--- its output ---\n${process_.tail().trimEnd()}\n--- end ---`);
    }
    await delay(100);
  }
  return { url, stop, tail: process_.tail };
}

module.exports = { standInAvailable, standInApiKey, standInFixedKey, startStandIn };

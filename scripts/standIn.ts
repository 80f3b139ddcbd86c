// Starts the project's local Messages API stand-in (out/src/standIn/main.js, compiled from src/standIn/) as a
// separate process, for `npm start` and the UI test: calls from the extension go there instead of the real API.
// Its interface: `node out/src/standIn/main.js --port N [--key K]` prints
// "Messages API stand-in listening on http://127.0.0.1:PORT" on stdout and runs until SIGINT/SIGTERM.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STAND_IN_API_KEY } from '../src/standIn/fakeKey';
import { stopOnce } from './cleanup';
import { findFreePort } from './ports';
import { startBackground } from './processes';
import { repoRoot } from './projectPaths';
import { delay } from './waits';

const standInMain = path.join(repoRoot, 'out', 'src', 'standIn', 'main.js');
const LISTENING = /Messages API stand-in listening on (http:\/\/\S+)/;

/** Whether the stand-in has been transpiled (scripts/run.js does it before every script). */
export function standInAvailable(): boolean {
  return fs.existsSync(standInMain);
}

/**
 * A key for the stand-in: shaped like an Anthropic key so the extension accepts it, obviously not a real one.
 */
export function standInApiKey(): string {
  return `sk-ant-stand-in-${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * The fixed key `npm start` gives the stand-in and prints (src/standIn/fakeKey.ts): not a secret, so that a curl
 * copied from the panel and the CLI work against the stand-in as printed.
 */
export function standInFixedKey(): string {
  return STAND_IN_API_KEY;
}

export interface RunningStandIn {
  url: string;
  stop: () => Promise<void>;
  tail: () => string;
}

/** Starts the stand-in on a free port (or `port`) and waits for its "listening on" line. */
export async function startStandIn(options: { port?: number; apiKey?: string; logFile: string; timeoutMs?: number }): Promise<RunningStandIn> {
  if (!standInAvailable()) {
    throw new Error(`${path.relative(repoRoot, standInMain)} is missing: run the script through \`node scripts/run.js\`, which transpiles it.`);
  }
  const port = options.port ?? await findFreePort();
  const args = [standInMain, '--port', String(port)];
  if (options.apiKey) {
    args.push('--key', options.apiKey);
  }
  fs.writeFileSync(options.logFile, '');
  const process_ = startBackground(process.execPath, args, { cwd: repoRoot, logFile: options.logFile });
  const stop = stopOnce('Messages API stand-in', () => process_.stop());

  let url: string | undefined;
  let output = '';
  process_.onOutput((text) => {
    output += text;
    const match = LISTENING.exec(output);
    if (match && !url) {
      url = match[1];
    }
  });
  let exited: string | undefined;
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

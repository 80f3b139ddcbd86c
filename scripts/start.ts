// `npm start`: the extension, packaged and installed into a real VS Code (the cached code-server), served on
// 127.0.0.1 with the examples/ folder open, to try it in a browser. Without ANTHROPIC_API_KEY in the environment it
// also starts the local Messages API stand-in and points the extension at it (through the user settings of this
// code-server's own profile, never the committed examples/), with a stand-in key in code-server's environment; with
// the key set, calls go to the real API (or ANTHROPIC_BASE_URL). Ctrl+C stops everything it started.
//
// Usage: node scripts/run.js start [--port N]    (or PORT=N; default 8080, or a free port if 8080 is taken)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine } from './args';
import { exitWhenDone, isStopping } from './cleanup';
import { type Profile, installExtension, profile, startCodeServer, userSettingsFile, workbenchUrl, writeUserSettings } from './codeServer';
import { packageExtension } from './packageExtension';
import { isPortFree } from './ports';
import { examplesWorkspace, repoRoot } from './projectPaths';
import { CODE_SERVER_VERSION, vscodeVersion } from './provideVscode';
import { type RunningStandIn, standInAvailable, standInFixedKey, startStandIn } from './standIn';

const DEFAULT_PORT = 8080;
/** The request file the banner's CLI line sends (relative to the repository, where `npx claude-inspector` runs). */
export const EXAMPLE = 'examples/triage.claude.json';
const USAGE = 'node scripts/run.js start [--port N]   (or PORT=N npm start)';

function parsePort(argv: string[]): { port: number; strict: boolean } {
  const raw = parseCommandLine(argv, { port: { type: 'string' } }, USAGE).port ?? process.env.PORT;
  if (raw === undefined || raw === '') {
    return { port: DEFAULT_PORT, strict: false };
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`The port must be a number from 1 to 65535, not "${raw}".`);
  }
  return { port, strict: true };
}

async function start(port: number, strict: boolean): Promise<number> {
  const useStandIn = !process.env.ANTHROPIC_API_KEY;
  if (strict && !(await isPortFree(port))) {
    // Said before a minute of building, not after; startCodeServer checks again.
    throw new Error(`Port ${port} on 127.0.0.1 is already in use (another \`npm start\`?). Stop what uses it, or choose another: PORT=N npm start.`);
  }

  // The build is vsce's prepublish (the production bundles); the stand-in was transpiled by scripts/run.js.
  console.log('[start] building and packaging the extension (vsce package)');
  const vsix = await packageExtension();
  const target = profile('start');
  await installExtension(vsix, target);
  console.log(`[start] installed ${path.relative(repoRoot, vsix)} into code-server's profile ${path.relative(repoRoot, target.root)}/`);

  const serverEnv: NodeJS.ProcessEnv = {};
  const stateFile = path.join(target.root, 'start-state.json');
  let standIn: RunningStandIn | undefined;
  let standInKey: string | undefined;
  if (useStandIn) {
    if (!standInAvailable()) {
      throw new Error('ANTHROPIC_API_KEY is not set and the Messages API stand-in (out/src/standIn/main.js) is not ' +
        'there: run npm start (node scripts/run.js start), which transpiles it. Or set ANTHROPIC_API_KEY to use the real API.');
    }
    standInKey = standInFixedKey();
    // The port after code-server's when it is free, so that the export line pasted from an earlier run still works.
    const standInPort = port < 65535 && (await isPortFree(port + 1)) ? port + 1 : undefined;
    standIn = await startStandIn({ port: standInPort, apiKey: standInKey, logFile: path.join(target.logsDir, 'stand-in.log') });
    writeUserSettings(target, { 'claudeInspector.baseUrl': standIn.url });
    fs.writeFileSync(stateFile, `${JSON.stringify({ standInUrl: standIn.url })}\n`);
    serverEnv.ANTHROPIC_API_KEY = standInKey;
  } else {
    forgetStandInUrl(target, stateFile);
  }

  const server = await startCodeServer({ profile: target, folder: examplesWorkspace, port, strictPort: strict, env: serverEnv });
  const rel = (file: string) => path.relative(repoRoot, file);
  const logs = [server.logFile, ...(standIn ? [path.join(target.logsDir, 'stand-in.log')] : [])].map(rel).join(', ');
  console.log(banner({
    url: workbenchUrl(server.url, examplesWorkspace),
    vscode: `VS Code ${vscodeVersion()} (code-server ${CODE_SERVER_VERSION})`.replace('VS Code  ', 'VS Code '),
    standIn: standIn && standInKey ? { url: standIn.url, key: standInKey } : undefined,
    logs,
  }));

  // Runs until Ctrl+C (the cleanup handlers stop code-server and the stand-in), or until code-server dies.
  const how = await server.exited;
  if (!isStopping()) {
    throw new Error(`code-server stopped by itself (${how}). Its last output:\n${server.tail().trimEnd()}`);
  }
  // Stopping (Ctrl+C): the signal handler finishes the cleanups and exits; ending here would cut them short.
  return new Promise<number>(() => {});
}

/**
 * What a newcomer needs once it runs: where to open it, where calls go (the stand-in, with the lines to copy into a
 * terminal so that the CLI and a curl copied from the panel reach it), where the logs are, and how to stop.
 */
export function banner(running: { url: string; vscode: string; standIn?: { url: string; key: string }; logs: string }): string {
  const lines = [
    '',
    `Claude Inspector is running in ${running.vscode}, with examples/ open. Open in your browser:`,
    '',
    `    ${running.url}`,
    '',
  ];
  if (running.standIn) {
    lines.push(
      `Calls go to the Messages API stand-in at ${running.standIn.url} (ANTHROPIC_API_KEY is not set): a local`,
      'test double with canned replies, not Claude. It accepts one key, printed here because it is not a secret.',
      'To reach it from a terminal, with the CLI or a curl copied from the panel:',
      '',
      `    export ANTHROPIC_BASE_URL=${running.standIn.url} ANTHROPIC_API_KEY=${running.standIn.key}`,
      `    npx claude-inspector send ${EXAMPLE}`,
      '',
      'To call the real API instead: stop, then ANTHROPIC_API_KEY=<your key> npm start.',
    );
  } else {
    lines.push(`Calls go to ${process.env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com'}, with ANTHROPIC_API_KEY from your environment.`);
  }
  lines.push(`Logs: ${running.logs}`, '', 'Press Ctrl+C to stop (it stops everything npm start started).');
  return lines.join('\n');
}

/**
 * With a real key, a stand-in URL left in the profile's settings by an earlier run would send calls to nothing:
 * removes it, but only if it is the one this script wrote.
 */
function forgetStandInUrl(target: Profile, stateFile: string): void {
  try {
    const { standInUrl } = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    const settings = JSON.parse(fs.readFileSync(userSettingsFile(target), 'utf8'));
    if (settings['claudeInspector.baseUrl'] === standInUrl) {
      writeUserSettings(target, { 'claudeInspector.baseUrl': undefined });
    }
    fs.rmSync(stateFile, { force: true });
  } catch {
    // No earlier stand-in run.
  }
}

/** `npm start`: bad arguments end it with 2, a failure with 1, Ctrl+C with 130. */
export function main(argv: string[]): void {
  let chosen: { port: number; strict: boolean };
  try {
    chosen = parsePort(argv);
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
  exitWhenDone(start(chosen.port, chosen.strict), (why) => `[start] FAILED: ${why}`);
}

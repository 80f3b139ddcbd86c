// Where the CLI keeps its history when no --history is given, and the bounds a folder may set for itself
// (settings.json), so that the CLI bounds a folder as the extension's settings do.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { positionAt } from '../requestFiles/requestFile';

export const HISTORY_ENV = 'CLAUDE_INSPECTOR_HISTORY';
export const FOLDER_SETTINGS_FILE = 'settings.json';

/**
 * The per-user data folder: $CLAUDE_INSPECTOR_HISTORY, else $XDG_DATA_HOME/claude-inspector/history (Linux,
 * default ~/.local/share), ~/Library/Application Support/claude-inspector/history (macOS),
 * %LOCALAPPDATA%\claude-inspector\history (Windows).
 */
export function defaultHistoryFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const given = env[HISTORY_ENV]?.trim();
  if (given) {
    return path.resolve(given);
  }
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'claude-inspector', 'history');
  }
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', 'claude-inspector', 'history');
  }
  return path.join(env.XDG_DATA_HOME?.trim() || path.join(home, '.local', 'share'), 'claude-inspector', 'history');
}

export interface FolderSettings {
  maxCalls?: number;
  maxMegabytes?: number;
}

/** The folder's settings.json, when there is one; throws an Error that names the file, line and column. */
export async function readFolderSettings(folder: string): Promise<FolderSettings> {
  const file = path.join(folder, FOLDER_SETTINGS_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw new Error(`${file}: cannot be read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    const where = at ? positionAt(text, Number(at[1])) : { line: 1, column: 1 };
    throw new Error(`${file}:${where.line}:${where.column}: not valid JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${file}:1:1: must be a JSON object such as {"maxCalls": 1000, "maxMegabytes": 200}`);
  }
  const out: FolderSettings = {};
  for (const [name, field] of Object.entries(value)) {
    if (name !== 'maxCalls' && name !== 'maxMegabytes') {
      throw new Error(`${file}: unknown setting "${name.slice(0, 40)}": the settings are maxCalls and maxMegabytes`);
    }
    if (typeof field !== 'number' || !Number.isFinite(field) || field <= 0 || (name === 'maxCalls' && !Number.isInteger(field))) {
      throw new Error(`${file}: ${name} must be a ${name === 'maxCalls' ? 'whole number' : 'number'} above 0`);
    }
    out[name] = field;
  }
  return out;
}

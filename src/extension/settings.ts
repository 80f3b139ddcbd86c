// The extension's settings as one typed snapshot, read when a command runs so that a change applies at once.
import * as vscode from 'vscode';
import { type BaseUrlOrigin, type Connection, resolveConnection } from '../core/connection';
import { DEFAULT_MODEL } from '../shared/defaults';
import { checkNumberSetting, NUMBER_SETTINGS, type NumberSettingName } from '../shared/settingNumbers';
import type { RequestDefaults } from '../core/effectiveRequest';
import type { HintKnobs } from '../shared/hints';
import { PriceTable, readPriceOverrides } from '../shared/prices';

export const SECTION = 'claudeInspector';

export interface Settings {
  /** As written; empty means ANTHROPIC_BASE_URL or the API's own. */
  baseUrl: string;
  defaultModel: string;
  defaultMaxTokens: number;
  timeoutSeconds: number;
  maxRetries: number;
  /** The longest retry-after waited out; a server asking for more fails the call at once. */
  maxRetryWaitSeconds: number;
  stream: boolean;
  /** The user's price entries over the built-in table. */
  prices: PriceTable;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    baseUrl: config.get<string>('baseUrl', '').trim(),
    defaultModel: config.get<string>('defaultModel', DEFAULT_MODEL).trim() || DEFAULT_MODEL,
    defaultMaxTokens: numberSetting(config, 'defaultMaxTokens'),
    timeoutSeconds: numberSetting(config, 'timeoutSeconds'),
    maxRetries: numberSetting(config, 'maxRetries'),
    maxRetryWaitSeconds: numberSetting(config, 'maxRetryWaitSeconds'),
    stream: config.get<boolean>('stream', true),
    prices: readPriceOverrides(config.get('prices')).prices,
  };
}

/** The bad values already told about, as `name=value`: a warning each, not one per command run. */
const told = new Set<string>();

/**
 * A numeric setting as a JSON number within package.json's bounds (shared/settingNumbers.ts); a string such as
 * "0x10" or "1e3", a fraction where a whole number is wanted or a value out of bounds is replaced by the default,
 * and the user is told once which setting is wrong and why, with a button to it.
 */
function numberSetting(config: vscode.WorkspaceConfiguration, name: NumberSettingName): number {
  const raw = config.get<unknown>(name);
  const checked = checkNumberSetting(SECTION, name, NUMBER_SETTINGS[name], raw);
  if (checked.problem !== undefined) {
    let key: string;
    try {
      key = `${name}=${JSON.stringify(raw)}`;
    } catch {
      key = `${name}=${String(raw)}`;
    }
    if (!told.has(key)) {
      told.add(key);
      void vscode.window.showWarningMessage(`Claude: the setting ${checked.problem}.`, 'Open Settings').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${name}`);
        }
      });
    }
  }
  return checked.value;
}

export function requestDefaults(settings: Settings): RequestDefaults {
  return { model: settings.defaultModel, maxTokens: settings.defaultMaxTokens, stream: settings.stream };
}

export type { Connection };

/** Hints name the settings that fix them (core's own words name none). */
/** How the extension names where a request file's missing model and max_tokens come from (core's diagnostics). */
export const DEFAULTS_FROM = {
  maxTokens: `the ${SECTION}.defaultMaxTokens setting`,
  model: `the ${SECTION}.defaultModel setting`,
};

export const HINT_KNOBS: HintKnobs = {
  timeout: `the timeout (${SECTION}.timeoutSeconds)`,
  baseUrl: `the base URL (${SECTION}.baseUrl or ANTHROPIC_BASE_URL)`,
  maxRetryWait: `the cap (${SECTION}.maxRetryWaitSeconds)`,
};

/** How the extension names where a base URL came from. */
const BASE_URL_ORIGIN: Record<BaseUrlOrigin, string> = {
  given: `the ${SECTION}.baseUrl setting`,
  environment: 'ANTHROPIC_BASE_URL',
  default: 'the base URL',
};

/**
 * The connection the settings describe (checked by core, as the CLI's flags are), or why it cannot be used, naming
 * the setting at fault. A base URL with credentials, a query or a fragment is refused: the call would go elsewhere,
 * or the password would be shown. The problem never repeats the URL.
 */
export function connectionOf(settings: Settings, env: NodeJS.ProcessEnv = process.env): { ok: true; connection: Connection } | { ok: false; problem: string } {
  const result = resolveConnection(
    {
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutSeconds * 1000,
      maxRetries: settings.maxRetries,
      maxRetryWaitMs: settings.maxRetryWaitSeconds * 1000,
    },
    env,
  );
  if (result.ok) {
    return result;
  }
  return result.at === 'baseUrl'
    ? { ok: false, problem: `${BASE_URL_ORIGIN[result.origin]} cannot be used: ${result.problem}` }
    : { ok: false, problem: `the ${SECTION} settings cannot be used: ${result.problem}` };
}

/** The connection, or undefined after telling the user what to fix (with a button to the settings). */
export function connectionOrTell(settings: Settings, what = 'nothing was sent'): Connection | undefined {
  const result = connectionOf(settings);
  if (result.ok) {
    return result.connection;
  }
  void vscode.window.showErrorMessage(`Claude: ${what}: ${result.problem}.`, 'Open Settings').then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
    }
  });
  return undefined;
}

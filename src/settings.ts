// The extension's settings as one typed snapshot, read when a command runs so that a change applies at once.
import * as vscode from 'vscode';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_TOKENS, DEFAULT_MODEL, DEFAULT_TIMEOUT_SECONDS } from './core/defaults';
import type { RequestDefaults } from './core/effectiveRequest';
import { PriceTable, readPriceOverrides } from './core/prices';

export const SECTION = 'claudeInspector';

export interface Settings {
  /** As written; empty means ANTHROPIC_BASE_URL or the API's own. */
  baseUrl: string;
  defaultModel: string;
  defaultMaxTokens: number;
  timeoutSeconds: number;
  maxRetries: number;
  stream: boolean;
  /** The user's price entries over the built-in table. */
  prices: PriceTable;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    baseUrl: config.get<string>('baseUrl', '').trim(),
    defaultModel: config.get<string>('defaultModel', DEFAULT_MODEL).trim() || DEFAULT_MODEL,
    defaultMaxTokens: config.get<number>('defaultMaxTokens', DEFAULT_MAX_TOKENS),
    timeoutSeconds: config.get<number>('timeoutSeconds', DEFAULT_TIMEOUT_SECONDS),
    maxRetries: config.get<number>('maxRetries', DEFAULT_MAX_RETRIES),
    stream: config.get<boolean>('stream', true),
    prices: readPriceOverrides(config.get('prices')).prices,
  };
}

export function requestDefaults(settings: Settings): RequestDefaults {
  return { model: settings.defaultModel, maxTokens: settings.defaultMaxTokens, stream: settings.stream };
}

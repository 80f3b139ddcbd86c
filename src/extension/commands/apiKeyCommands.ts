// Claude: Set API Key and Claude: Clear API Key — the key goes to and from VS Code's SecretStorage only.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';

/** With a string argument (for scripts and tests) the key is stored without asking. */
export async function setApiKey(keys: ApiKeyStore, key?: unknown): Promise<void> {
  if (typeof key === 'string' && key.trim() !== '') {
    await keys.store(key);
    return;
  }
  const stored = await keys.ask();
  if (stored) {
    void vscode.window.showInformationMessage('Claude: API key saved in VS Code\'s secret storage.');
  }
}

export async function clearApiKey(keys: ApiKeyStore): Promise<void> {
  await keys.clear();
  const { source } = await keys.current();
  const note = source === 'environment' ? ' ANTHROPIC_API_KEY from the environment will be used until you set one.' : '';
  void vscode.window.showInformationMessage(`Claude: API key removed from secret storage.${note}`);
}

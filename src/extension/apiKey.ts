// Where the API key lives: VS Code's SecretStorage, never a setting or a file. If none is stored, the extension
// host's ANTHROPIC_API_KEY is used; if neither, the user is asked once and the answer is stored.
import * as vscode from 'vscode';

const SECRET_ID = 'claudeInspector.apiKey';

export type KeySource = 'secret' | 'environment' | 'none';

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The key to use now, without asking. */
  async current(): Promise<{ key: string; source: KeySource }> {
    const stored = (await this.secrets.get(SECRET_ID))?.trim();
    if (stored) {
      return { key: stored, source: 'secret' };
    }
    const fromEnv = this.env.ANTHROPIC_API_KEY?.trim();
    if (fromEnv) {
      return { key: fromEnv, source: 'environment' };
    }
    return { key: '', source: 'none' };
  }

  /** The key to send with; asks for it when there is none. Undefined when the user declined. */
  async getOrAsk(): Promise<string | undefined> {
    const { key } = await this.current();
    if (key) {
      return key;
    }
    return this.ask('No Anthropic API key is set. Enter it to send; it is kept in VS Code\'s secret storage.');
  }

  /** Shows a password box and stores what is entered. */
  async ask(prompt = 'Enter your Anthropic API key; it is kept in VS Code\'s secret storage, never in settings.'): Promise<string | undefined> {
    const entered = await vscode.window.showInputBox({
      title: 'Claude: Set API Key',
      prompt,
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-…',
      validateInput: (value) => (value.trim() === '' ? 'The key cannot be empty.' : /\s/.test(value.trim()) ? 'A key has no spaces.' : undefined),
    });
    const key = entered?.trim();
    if (!key) {
      return undefined;
    }
    await this.store(key);
    return key;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET_ID, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
  }
}

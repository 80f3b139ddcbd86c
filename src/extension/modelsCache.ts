// The models list, cached per base URL in the extension's global state: completions and the unknown-model check
// read it without touching the network; "Claude: List Models" refreshes it.
import * as vscode from 'vscode';
import type { ModelSummary } from '../core/models';
import { Disposable } from './dispose';

const KEY = 'claudeInspector.models';

interface CacheEntry {
  fetchedAt: string;
  models: ModelSummary[];
}

export class ModelsCache extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with the base URL whose list changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  private all(): Record<string, CacheEntry> {
    return this.state.get<Record<string, CacheEntry>>(KEY, {});
  }

  get(baseUrl: string): CacheEntry | undefined {
    return this.all()[baseUrl];
  }

  async set(baseUrl: string, models: ModelSummary[]): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [baseUrl]: { fetchedAt: new Date().toISOString(), models } });
    this.changed.fire(baseUrl);
  }
}

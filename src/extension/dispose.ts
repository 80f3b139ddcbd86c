// One base for every class that holds listeners, timers or emitters: what it registers is disposed with it, once,
// newest first (as VS Code's own Markdown extension does in src/util/dispose.ts).
import * as vscode from 'vscode';

/** Disposes each of `disposables` and empties the list; one that throws does not stop the others. */
export function disposeAll(disposables: vscode.Disposable[]): void {
  while (disposables.length) {
    try {
      disposables.pop()?.dispose();
    } catch {
      // A listener already gone (its source disposed first) is no reason to leave the rest behind.
    }
  }
}

export abstract class Disposable implements vscode.Disposable {
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `value` until this object is disposed; registered after that, it is disposed at once. */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.disposables.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    disposeAll(this.disposables);
  }
}

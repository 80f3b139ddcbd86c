// One notification per request file about what is wrong with it ("nothing was sent: hello.claude.json:3:5: …").
// A new one replaces the file's previous one instead of stacking, and it closes by itself when the file's errors
// are fixed or the file is closed. VS Code closes only progress notifications from code, hence withProgress.
import * as vscode from 'vscode';
import { Disposable } from '../dispose';

interface OpenNotice {
  text: string;
  close(): void;
}

export class FileNotices extends Disposable {
  private readonly open = new Map<string, OpenNotice>();

  /** `onDidClear` fires with a document whose errors are gone. */
  constructor(onDidClear: vscode.Event<vscode.TextDocument>) {
    super();
    this._register({
      dispose: () => {
        this.open.forEach((notice) => notice.close());
        this.open.clear();
      },
    });
    this._register(onDidClear((document) => this.close(document.uri)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.close(document.uri)));
  }

  /** Shows `text` about the file, replacing what was shown about it before. */
  show(uri: vscode.Uri, text: string): void {
    this.close(uri);
    const key = uri.toString();
    let close = () => {};
    const closed = new Promise<void>((resolve) => {
      close = resolve;
    });
    const notice: OpenNotice = { text, close };
    this.open.set(key, notice);
    void vscode.window.withProgress(
      // Cancellable, so that the user can dismiss it: the button only closes the notice.
      { location: vscode.ProgressLocation.Notification, title: 'Claude', cancellable: true },
      (progress, token) => {
        progress.report({ message: text });
        token.onCancellationRequested(() => this.close(uri, notice));
        return closed;
      },
    );
  }

  /** The text of the notice open about the file, if any. */
  current(uri: vscode.Uri): string | undefined {
    return this.open.get(uri.toString())?.text;
  }

  private close(uri: vscode.Uri, only?: OpenNotice): void {
    const key = uri.toString();
    const notice = this.open.get(key);
    if (!notice || (only && notice !== only)) {
      return;
    }
    this.open.delete(key);
    notice.close();
  }
}

// What the user is told when a command refuses a request file ("nothing was sent: hello.claude.json:3:5: …"), said
// once, where they look. A refused send is in the panel's "Not sent" box: when the panel is in view, that is all.
// Otherwise (the panel hidden or closed, or a refused count or curl) a plain error message with a Show Problems
// button, one per file: while it is open, a new refusal of the file does not stack another on it. It is no
// progress notification (those have a Cancel button and an endless bar, as if something were still being sent).
// VS Code cannot close a message from code: once the file's errors are fixed, the next refusal says it anew.
import * as vscode from 'vscode';
import { Disposable } from '../dispose';

const SHOW_PROBLEMS = 'Show Problems';

export interface NoticeShown {
  /** What was said last about the file, while its errors last. */
  text?: string;
  /** Where: in the panel's "Not sent" box, or in an error message. */
  where?: 'panel' | 'error message';
  /** How many error messages were shown about the file so far (tests check that they do not stack). */
  messages: number;
  /** One of them is still open (not closed by the user). */
  messageOpen: boolean;
}

export class FileNotices extends Disposable {
  private readonly said = new Map<string, { text: string; where: NoticeShown['where'] }>();
  /** Files whose error message is still open (the user has not closed it or clicked it). */
  private readonly messageOpen = new Set<string>();
  private readonly messageCount = new Map<string, number>();

  /** `onDidClear` fires with a document whose errors are gone; `panelInView` says whether the panel is seen now. */
  constructor(onDidClear: vscode.Event<vscode.TextDocument>, private readonly panelInView: () => boolean = () => false) {
    super();
    this._register(onDidClear((document) => this.forget(document.uri)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
  }

  /** Tells `text` about the file; `panelSaysIt` when the panel's "Not sent" box says it too (a refused send). */
  show(uri: vscode.Uri, text: string, options: { panelSaysIt?: boolean } = {}): void {
    const key = uri.toString();
    const where = options.panelSaysIt && this.panelInView() ? 'panel' : 'error message';
    this.said.set(key, { text, where });
    if (where === 'panel' || this.messageOpen.has(key)) {
      return;
    }
    this.messageOpen.add(key);
    this.messageCount.set(key, (this.messageCount.get(key) ?? 0) + 1);
    void vscode.window.showErrorMessage(`Claude: ${text}`, SHOW_PROBLEMS).then((choice) => {
      this.messageOpen.delete(key);
      if (choice === SHOW_PROBLEMS) {
        void vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    });
  }

  /** The text said about the file while its errors last, if any. */
  current(uri: vscode.Uri): string | undefined {
    return this.said.get(uri.toString())?.text;
  }

  /** What was said about the file, where, and how many messages so far; undefined when nothing ever was. */
  shown(uri: vscode.Uri): NoticeShown | undefined {
    const key = uri.toString();
    const said = this.said.get(key);
    const messages = this.messageCount.get(key) ?? 0;
    return said || messages > 0 ? { ...said, messages, messageOpen: this.messageOpen.has(key) } : undefined;
  }

  /** The errors are fixed (or the file closed): the next refusal is news, said again. */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.said.delete(key);
    this.messageOpen.delete(key);
  }
}

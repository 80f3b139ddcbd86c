// The host side every webview panel of ours shares (the response panel, the Compare Models panel): the webview's
// options and page (CSP, nonce, script), the readiness handshake (`ready` again after each reload), the listeners of
// each panel (none outlives it, or this host), and the tests' DOM inspection. Each panel adds what it shows and what
// its messages ask. Modelled on VS Code's Markdown preview and vscode-hexeditor: a small Disposable that owns its
// panel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DomView, InspectDom, WebviewMessage } from '../../shared/protocol';
import { randomHex } from '../../shared/randomHex';
import { Disposable, disposeAll } from '../dispose';
import { fontDataUrl, inlineScript, inlineStyle } from './inlineAssets';
import { panelHtml } from './panelHtml';

/** A reading of the page not answered after this long is given up: the next caller asks again. */
const READING_ABANDONED_MS = 60_000;

/** What one kind of panel is: its view type, title and the page's own bundle and stylesheets. */
export interface PanelPage {
  viewType: string;
  title: string;
  /** The bundle in dist/ (webview.js, compare.js). */
  script: string;
  /** Stylesheets after panel.css, in dist/ (the build bundles them from media/). */
  moreStyles?: string[];
}

/** Every webview message of ours has a type; two are the handshake's and the DOM probe's, which this base answers. */
type Incoming = { type: string };
type Answered = { type: 'ready' } | { type: 'dom'; requestId: string; views: DomView[]; html: string };
export type DomSnapshot = { views: DomView[]; html: string };

export abstract class PanelHost<Out, In extends Incoming> extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The panel's column when last seen (a hidden panel's viewColumn is not always set). */
  private lastColumn: vscode.ViewColumn | undefined;
  private ready = false;
  /** The listeners of each panel not yet disposed (an old one's last events may still be on their way). */
  private readonly panelListeners = new Set<vscode.Disposable[]>();
  /** Answers to `inspectDom` the host is waiting for, by request id. */
  private readonly inspections = new Map<string, (dom: DomSnapshot) => void>();
  /** The reading of the page under way (no click), which callers join; forgotten when a new page loads. */
  private reading: { answer: Promise<DomSnapshot>; askedAt: number } | undefined;

  constructor(protected readonly extensionUri: vscode.Uri, private readonly page: PanelPage) {
    super();
    this._register({
      dispose: () => {
        this.panelListeners.forEach(disposeAll);
        this.panelListeners.clear();
        this.panel?.dispose();
      },
    });
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Restores a panel VS Code kept across a window reload; the webview restores its own content from its state. */
  revive(panel: vscode.WebviewPanel): void {
    this.attach(panel);
  }

  /**
   * What the webview shows, view by view, and its markup; undefined when no panel is open or it does not answer.
   * `click`: the label of a shown, enabled button the webview presses first, as a person would (a view labelled
   * "error" says when it could not).
   */
  async inspectDom(timeoutMs = 5000, click?: string): Promise<DomSnapshot | undefined> {
    const panel = this.panel;
    // Asked even when not known to be ready: a webview that is there answers, one that is not times out.
    if (!panel) {
      return undefined;
    }
    if (!panel.visible) {
      // A hidden webview is torn down and shows nothing: looked at, as a person would, it is brought to the front
      // (without taking the focus), and answers once it has loaded again.
      panel.reveal(this.lastColumn, true);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.askDom(panel, click), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One reading of the page at a time: a caller that polls joins the reading still under way instead of asking for
   * another. Reading a big answer's nine views can take longer than a caller waits, and readings piled up behind it
   * (each tens of MB of markup) starved the webview and the extension host.
   */
  private askDom(panel: vscode.WebviewPanel, click: string | undefined): Promise<DomSnapshot> {
    if (click === undefined && this.reading && Date.now() - this.reading.askedAt < READING_ABANDONED_MS) {
      return this.reading.answer;
    }
    const requestId = `dom-${randomHex(6)}`;
    const answered = new Promise<DomSnapshot>((resolve) =>
      this.inspections.set(requestId, (dom) => {
        this.inspections.delete(requestId);
        if (this.reading?.answer === answered) {
          this.reading = undefined;
        }
        resolve(dom);
      }),
    );
    if (click === undefined) {
      this.reading = { answer: answered, askedAt: Date.now() };
    }
    const message: InspectDom = { type: 'inspectDom', requestId, ...(click !== undefined ? { click } : {}) };
    void panel.webview.postMessage(message);
    return answered;
  }

  /**
   * Shown and not loaded yet. A webview closed while it loads leaves VS Code's webview service worker waiting (up to
   * 30 s) for resources nobody will deliver, and the next webview to load waits as long: the tests let a panel
   * finish loading before they close it.
   */
  get isLoading(): boolean {
    return this.panel !== undefined && this.panel.visible && !this.ready;
  }

  /** The webview is there and has said `ready`: a message posted now is received. */
  protected get isReady(): boolean {
    return this.panel !== undefined && this.ready;
  }

  protected get isVisible(): boolean {
    return this.panel?.visible === true;
  }

  /** The panel's column, or where it was last seen. */
  protected get column(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn ?? this.lastColumn;
  }

  /** Brings the open panel to `column` (its own when undefined) without taking the focus. */
  protected reveal(column: vscode.ViewColumn | undefined): void {
    this.panel?.reveal(column, true);
  }

  /** Opens a new panel in `column`, without taking the focus. */
  protected create(column: vscode.ViewColumn): void {
    const panel = vscode.window.createWebviewPanel(this.page.viewType, this.page.title, { viewColumn: column, preserveFocus: true }, this.options());
    this.attach(panel);
  }

  /**
   * Posts to the webview, which must be ready (see isReady). Settles once the workbench has taken the message
   * (VS Code's postMessage); nothing when there is no panel.
   */
  protected postToWebview(message: Out): Thenable<boolean> | undefined {
    const posted = this.panel?.webview.postMessage(message);
    posted?.then(undefined, () => undefined);
    return posted;
  }

  /** The webview has loaded (for the first time, or again after being hidden or reloaded) and listens. */
  protected abstract onReady(): void;

  /** A message from the webview other than the handshake and the DOM probe's answer. */
  protected abstract onMessage(message: Exclude<In, Answered>): void | Promise<void>;

  /** The webview there is gone (hidden, so torn down; or replaced by a revived panel): what it held is lost. */
  protected onWebviewGone(): void {}

  /** The panel was closed. */
  protected onClosed(): void {}

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // The page's script, styles and font are inline; only source maps (for the developer tools) come from dist/.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private html(webview: vscode.Webview): string {
    const file = (...parts: string[]) => path.join(this.extensionUri.fsPath, 'dist', ...parts);
    /** What a file of dist/ in `folder` names: a font goes inline too, any other file as a webview URI. */
    const resolveIn = (...folder: string[]) => (relative: string) =>
      fontDataUrl(relative, () => fs.readFileSync(file(...folder, relative))) ??
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', ...folder, relative)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
      script: inlineScript(fs.readFileSync(file(this.page.script), 'utf8'), resolveIn(), `claude-inspector/${this.page.script}`),
      // panel.css is media/panel.css with its parts, bundled by the build.
      styles: [['codicons', 'codicon.css'], ['panel.css'], ...(this.page.moreStyles ?? []).map((name) => [name])].map((parts) =>
        inlineStyle(fs.readFileSync(file(...parts), 'utf8'), resolveIn(...parts.slice(0, -1))),
      ),
      title: this.page.title,
    });
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.lastColumn = panel.viewColumn;
    this.ready = false;
    this.onWebviewGone();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.options = this.options();
    panel.webview.html = this.html(panel.webview);
    // Each panel's listeners act only while it is the current one: a closed panel's last events (hidden, disposed)
    // arrive late, after a new panel may have opened, and must not mark the new one as not ready or gone.
    const current = () => this.panel === panel;
    // The panel's listeners go with the panel (and with this host, if it goes first): none outlives either.
    const listeners: vscode.Disposable[] = [];
    this.panelListeners.add(listeners);
    listeners.push(
      panel.webview.onDidReceiveMessage((message: In) => current() && this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (!current()) {
          return;
        }
        this.lastColumn = panel.viewColumn ?? this.lastColumn;
        // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
        if (!panel.visible) {
          this.ready = false;
          this.onWebviewGone();
        }
      }),
      panel.onDidDispose(() => {
        disposeAll(listeners);
        this.panelListeners.delete(listeners);
        if (!current()) {
          return;
        }
        this.panel = undefined;
        this.ready = false;
        this.onClosed();
      }),
    );
  }

  private receive(message: In): void | Promise<void> {
    const answered = message as In | Answered;
    if (answered.type === 'ready') {
      this.ready = true;
      // A page that loaded again will not answer what the old one was asked.
      this.reading = undefined;
      this.inspections.clear();
      return this.onReady();
    }
    if (answered.type === 'dom') {
      const dom = answered as Extract<Answered, { type: 'dom' }>;
      this.inspections.get(dom.requestId)?.({ views: dom.views, html: dom.html });
      return;
    }
    return this.onMessage(message as Exclude<In, Answered>);
  }
}

/**
 * What every panel does for the block views it shows, alike: a copy (confirmed through `done`, for the page's short
 * note) and a link opened in the browser.
 */
export async function answerBlockAsk(message: Extract<WebviewMessage, { type: 'copy' | 'openLink' }>, done: (what: string) => void): Promise<void> {
  if (message.type === 'copy') {
    await vscode.env.clipboard.writeText(message.text);
    done(`Copied ${message.what}`);
  } else {
    await openWebLink(message.url);
  }
}

/** Opens an http(s) link from a panel in the browser: never file:, command: or other schemes named in model output. */
export async function openWebLink(url: string): Promise<void> {
  const uri = vscode.Uri.parse(url, true);
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    await vscode.env.openExternal(uri);
  }
}

// The panel's views, in tab order, and how each secondary view is drawn. Adding a view is one entry here: its tab
// (id, label, codicon) and its `render`, called when the view is shown and its content is out of date. The response
// and the timeline are live views, kept up to date by the app as events arrive; they have no `render`.
import type { CallRecord } from '../../shared/callRecord';
import type { Host } from '../host/vscodeApi';
import { ConversationView } from './conversationView';
import { CodeView } from './codeView';
import { renderHeadersView } from './headersView';
import { renderRawView } from './rawView';
import { renderRequestView } from './requestView';
import type { TabSpec } from './tabs';

/** What a view is drawn from: the shown call, and a way to draw it again (a Refresh button). */
export interface ViewContext {
  record: CallRecord;
  running: boolean;
  host: Host;
  refresh(): void;
}

export interface ViewSpec extends TabSpec {
  render?(panel: HTMLElement, view: ViewContext): void;
}

/** The conversation as the model received it; it also keeps the file's calls the host sends after each call. */
export const conversationView = new ConversationView();

/** The call's request as code: it keeps the language picked and the snippets the host made. */
export const codeView = new CodeView();

export const VIEWS: readonly ViewSpec[] = [
  { id: 'response', label: 'Response', icon: 'comment-discussion' },
  { id: 'raw', label: 'Raw response', icon: 'json', render: (panel, v) => renderRawView(panel, v.record, v.running, v.host, v.refresh) },
  { id: 'request', label: 'Request', icon: 'arrow-up', render: (panel, v) => renderRequestView(panel, v.record, v.host) },
  { id: 'headers', label: 'Headers', icon: 'list-flat', render: (panel, v) => renderHeadersView(panel, v.record, v.host) },
  { id: 'timeline', label: 'Timeline', icon: 'pulse' },
  // The curl view grew into the Code view (a saved view "curl" opens it).
  { id: 'code', label: 'Code', icon: 'code', render: (panel, v) => codeView.render(panel, v.record, v.host) },
  { id: 'conversation', label: 'Conversation', icon: 'list-ordered', render: (panel, v) => conversationView.render(panel, v.record, v.host) },
  // Two calls from history side by side: filled by the app when a comparison comes, not from the shown call.
  { id: 'compare', label: 'Compare', icon: 'git-compare' },
];

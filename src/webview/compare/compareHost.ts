// The compare view's side of the VS Code API: its own messages and state, and a Host for the block views and the DOM
// probe it reuses from the response panel (they post copy, openLink and dom, which the compare host handles too).
import type { CompareState, CompareWebviewMessage } from '../../shared/modelCompare/protocol';
import type { Host } from '../host/vscodeApi';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface CompareHost {
  post(message: CompareWebviewMessage): void;
  getState(): CompareState | undefined;
  setState(state: CompareState): void;
  /** For the reused block views: the response panel's state is not this page's, so it is neither read nor kept. */
  readonly blocks: Host;
}

export function connectCompareHost(): CompareHost {
  const api = acquireVsCodeApi();
  const post = (message: CompareWebviewMessage) => api.postMessage(message);
  return {
    post,
    getState: () => {
      const state = api.getState();
      return typeof state === 'object' && state !== null ? (state as CompareState) : undefined;
    },
    setState: (state) => {
      api.setState(state);
    },
    blocks: {
      post: (message) => {
        if (message.type === 'copy' || message.type === 'openLink' || message.type === 'dom') {
          post(message);
        }
      },
      getState: () => undefined,
      setState: () => undefined,
    },
  };
}

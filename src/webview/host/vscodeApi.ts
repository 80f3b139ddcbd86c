// The webview's side of the VS Code API, typed with the shared protocol.
import type { PanelState, WebviewMessage } from '../../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

/** Acquires the API (it may be acquired only once per page). */
export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return typeof state === 'object' && state !== null ? (state as PanelState) : undefined;
    },
    setState: (state) => {
      api.setState(state);
    },
  };
}

// What the stand-in remembers of the requests it received, for the tests that read `standIn.requests`: bounded, so
// that `npm start` left running for days, or a bench sending 20 MB bodies, does not keep every body. The last
// KEPT_REQUESTS requests are kept, newest last; their bodies are kept whole, newest first, up to KEPT_BODY_BYTES in
// all; an older one keeps its method, path, headers and time, and says its body was dropped.
import type { ReceivedRequest } from './server';

export const KEPT_REQUESTS = 100;
export const KEPT_BODY_BYTES = 64 * 1024 * 1024;

export function remember(requests: ReceivedRequest[], received: ReceivedRequest, limits = { requests: KEPT_REQUESTS, bodyBytes: KEPT_BODY_BYTES }): void {
  requests.push(received);
  if (requests.length > limits.requests) {
    requests.splice(0, requests.length - limits.requests);
  }
  let bytes = 0;
  for (let i = requests.length - 1; i >= 0; i--) {
    const request = requests[i];
    bytes += request.body.length;
    if (bytes > limits.bodyBytes && i < requests.length - 1 && request.bodyDropped === undefined) {
      request.bodyDropped = request.body.length;
      request.body = '';
      request.json = undefined;
    }
  }
}

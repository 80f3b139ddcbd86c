// The one word for what went wrong in a call: the API's error type when it gave one, else a local type that is
// distinct from the API's own (timeout_error is a 504 from the API; a timeout here is connection_timeout).
import type { CallError, CallErrorKind } from './callRecord';

const LOCAL_ERROR_TYPES: Record<CallErrorKind, string | null> = {
  api: null,
  network: 'connection_error',
  timeout: 'connection_timeout',
  cancelled: 'cancelled',
  client: 'client_error',
  'unexpected-response': 'unexpected_response',
};

/** The error's type: the API's (overloaded_error...), else the local one; null for an API error without a type. */
export function errorTypeOf(error: Pick<CallError, 'type' | 'kind'>): string | null {
  return error.type ?? LOCAL_ERROR_TYPES[error.kind];
}

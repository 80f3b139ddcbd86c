// The API's error bodies, byte for byte: {"type":"error","error":{"type":…,"message":…},"request_id":"req_…"}.
// Default messages are the ones the real API sends for each type, so that an inspector's error view is tested
// against the texts people will see.

/** The usual status of each error type, and the message the real API sends when it has nothing more specific. */
export const ERROR_TYPES: Record<string, { status: number; message: string }> = {
  invalid_request_error: { status: 400, message: 'Invalid request' },
  authentication_error: { status: 401, message: 'invalid x-api-key' },
  billing_error: { status: 402, message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' },
  permission_error: { status: 403, message: 'Your API key does not have permission to use the specified resource.' },
  not_found_error: { status: 404, message: 'Not Found' },
  conflict_error: { status: 409, message: 'Conflict: another request is modifying this resource.' },
  request_too_large: { status: 413, message: 'Request exceeds the maximum allowed number of bytes.' },
  rate_limit_error: {
    status: 429,
    message:
      'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.',
  },
  api_error: { status: 500, message: 'Internal server error' },
  timeout_error: { status: 504, message: 'Request timed out' },
  overloaded_error: { status: 529, message: 'Overloaded' },
};

export function defaultErrorMessage(type: string): string {
  return ERROR_TYPES[type]?.message ?? type;
}

/** The statuses the SDK retries on its own; the API marks every other error `x-should-retry: false`. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function errorBody(type: string, message: string, requestId: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
}

/** An error found while checking a request: the caller turns it into a response with the standard headers. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string): ApiFailure => new ApiFailure(400, 'invalid_request_error', message);

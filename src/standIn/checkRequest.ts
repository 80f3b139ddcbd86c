// The checks a request goes through before it is answered: the key, and a Messages body in the real API's order.
import { ApiFailure } from './errors';
import type { ReceivedRequest } from './exchange';
import { ModelCatalog, modelNotFound } from './models';
import { checkContentType, checkMessagesBody, checkVersion, MessagesRequest, parseJsonBody } from './validate';

/** Throws the 401 the API answers for a browser call without opt-in, a missing key, or (with `apiKey`) a wrong one. */
export function checkAuth(headers: Record<string, string>, apiKey: string | undefined): void {
  if (headers.origin !== undefined && headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
    throw new ApiFailure(
      401,
      'authentication_error',
      "CORS requests are not allowed for this Organization because of the CORS configuration. Call the API from a server, or set the 'anthropic-dangerous-direct-browser-access: true' header.",
    );
  }
  let key: string | undefined;
  let via: 'x-api-key' | 'bearer' = 'x-api-key';
  if (headers['x-api-key'] !== undefined) {
    key = headers['x-api-key'].trim();
  } else if (headers.authorization !== undefined) {
    via = 'bearer';
    key = /^Bearer\s+(.*)$/i.exec(headers.authorization)?.[1]?.trim();
  }
  if (!key) {
    throw new ApiFailure(401, 'authentication_error', 'x-api-key header is required');
  }
  if (apiKey !== undefined && key !== apiKey) {
    throw new ApiFailure(401, 'authentication_error', via === 'x-api-key' ? 'invalid x-api-key' : 'Invalid bearer token');
  }
}

/** The checks every POST with a Messages body goes through, in the real API's order. */
export function readMessagesRequest(received: ReceivedRequest, catalog: ModelCatalog, apiKey: string | undefined, forCount: boolean): MessagesRequest {
  const { headers } = received;
  checkAuth(headers, apiKey);
  const version = checkVersion(headers['anthropic-version']);
  checkContentType(headers['content-type']);
  const request = checkMessagesBody(parseJsonBody(received.body), version, forCount);
  const model = catalog.usable(request.model);
  if (!model) {
    throw modelNotFound(request.model);
  }
  if (request.maxTokens !== undefined && model.max_tokens !== null && request.maxTokens > model.max_tokens) {
    throw new ApiFailure(
      400,
      'invalid_request_error',
      `max_tokens: ${request.maxTokens} > ${model.max_tokens}, which is the maximum allowed number of output tokens for ${model.id}`,
    );
  }
  return request;
}

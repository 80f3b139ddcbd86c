// Whether a base URL can be used as one: the SDK appends /v1/messages to it, so a query or a fragment would swallow
// that path and send the call somewhere else, and credentials in it would be sent (and shown) where they should not.
// Problems never repeat the URL: it may hold a password.

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

/** Checks a base URL as resolveBaseUrl returns it (trimmed, no trailing slash). */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) {
    // The URL parser would silently drop tabs and newlines and join what is around them.
    return { ok: false, problem: 'it contains spaces or control characters' };
  }
  if (!/^https?:\/\//i.test(raw)) {
    return { ok: false, problem: 'it must start with http:// or https://' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'it is not a URL: write it in full, e.g. https://api.anthropic.com or http://127.0.0.1:8080' };
  }
  // The raw text too: the parser forgets an empty "user@", "?" or "#".
  const authority = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0];
  if (url.username || url.password || authority.includes('@')) {
    return { ok: false, problem: 'it contains credentials (user:password@): they are not sent that way; pass a token with ANTHROPIC_CUSTOM_HEADERS instead' };
  }
  if (raw.includes('?')) {
    return { ok: false, problem: 'it has a query (?…): the request path would be appended after it and the call would go to another path' };
  }
  if (raw.includes('#')) {
    return { ok: false, problem: 'it has a fragment (#…): the request path would be appended after it and never be sent' };
  }
  return { ok: true, url: raw };
}

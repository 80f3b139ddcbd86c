// The one rule for what may become a clickable link: an absolute http: or https: URL, nothing else.

/** The normalized URL when `raw` is an absolute http(s) URL, otherwise undefined. */
export function safeHttpUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string') {
    return undefined;
  }
  // Checked on the raw text as well as the parsed URL: browsers strip control characters and whitespace while
  // parsing ("java\u0000script:", "\tjavascript:"), so a raw text that does not itself begin with the scheme is refused.
  if (!/^https?:\/\//i.test(raw)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return undefined;
  }
  return url.href;
}

/** True for the official API host; anything else (a stand-in, a proxy) is highlighted so nobody mistakes it for Claude. */
export function isOfficialBaseUrl(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'https:' && url.host === 'api.anthropic.com' && (url.pathname === '/' || url.pathname === '');
  } catch {
    return false;
  }
}

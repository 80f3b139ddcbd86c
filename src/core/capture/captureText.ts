// The texts a capture puts in the record: a request body, an error's type, a masked URL, a byte count.
import { redactKey } from '../secrets/redact';

/** The request body as text. The Messages API client only sends JSON strings. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) {
    return '';
  }
  if (typeof body === 'string') {
    return body;
  }
  if (body instanceof Uint8Array) {
    return new TextDecoder().decode(body);
  }
  if (body instanceof ArrayBuffer) {
    return new TextDecoder().decode(new Uint8Array(body));
  }
  return `[${Object.prototype.toString.call(body)} body]`;
}

/** The API error type in an error body, when it is one (a proxy's HTML page is not). */
export function errorTypeOf(body: string): string | undefined {
  try {
    const type = (JSON.parse(body) as { error?: { type?: unknown } }).error?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** A URL with its credentials masked: userinfo, the key, and query parameters named like secrets. */
export function maskUrl(text: string, apiKey: string | undefined): string {
  let out = text;
  try {
    const url = new URL(text);
    if (url.username || url.password) {
      url.username = '***';
      url.password = url.password ? '***' : '';
    }
    for (const name of [...url.searchParams.keys()]) {
      if (/key|token|secret|auth|sig|pass|credential|session/i.test(name)) {
        url.searchParams.set(name, '***');
      }
    }
    out = url.href;
  } catch {
    // Not a URL: still mask anything that looks like userinfo.
    out = out.replace(/\/\/[^/@\s]*@/g, '//***@');
  }
  return redactKey(out, apiKey);
}

/** A Location made absolute against the request's URL; as written when it is not a URL at all. */
export function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

export function byteCount(parts: string[]): string {
  const bytes = Buffer.byteLength(parts.join(''), 'utf8');
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

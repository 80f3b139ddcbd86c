// The last gate before the webview: every string of every message the host posts has the keys in play and any URL
// credentials masked, whichever field of the record it sits in (a Location header, an error, an event, a raw body).
// The record is redacted where it is made (core); this gate makes "no secret in the panel" hold even for a field
// nobody thought of. redactKey is core's one redaction: the key, every secret remembered in play, key shapes and URL
// userinfo.
import { redactKey } from '../../core/secrets/redact';

/** `scheme://user:password@` in any text: the userinfo goes, the scheme and host stay readable. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi;

export function maskText(text: string): string {
  // The key of every call is remembered in play before its first event (rememberSecretsInPlay), with the rest.
  return redactKey(text, undefined).replace(URL_USERINFO, '$1***@');
}

/** A copy of `value` with every string (keys of objects included) masked; other values as they are. */
export function redactForPanel<T>(value: T): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      return maskText(v);
    }
    if (typeof v !== 'object' || v === null || depth > 64) {
      return v;
    }
    if (Array.isArray(v)) {
      return v.map((item) => walk(item, depth + 1));
    }
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(v)) {
      out[maskText(name)] = walk(item, depth + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}

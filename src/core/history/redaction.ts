// Nothing secret reaches the disk: every string of the stored call (the record, the response body, the file's text)
// is masked with the process's redaction (core/redact.ts: the key and every secret in play, and anything shaped like
// a key or URL credentials), header-named fields whatever their value, and the serialized text is checked again.
import { MASK, PLACEHOLDER, redactor, type Redactor } from '../redact';
import { isSecretHeaderName } from '../secretHeaders';

/** A copy of a JSON-like value with every string (and key) redacted, at any depth. */
export function redactForStore<T>(value: T, secrets: Redactor = redactor()): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') {
      return secrets.redact(item);
    }
    if (item === null || typeof item !== 'object') {
      return item;
    }
    if (Array.isArray(item)) {
      return item.map(walk);
    }
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(item as Record<string, unknown>)) {
      // A header-named field holds a secret whatever it reads like, unless it is already a placeholder.
      const secretField = isSecretHeaderName(name) && typeof field === 'string' && !new RegExp(PLACEHOLDER.source).test(field);
      out[secrets.redact(name)] = secretField ? MASK : walk(field);
    }
    return out;
  };
  return walk(value) as T;
}

/**
 * The JSON text to store, redacted; checked once more as a whole (a secret cut across two strings would show
 * here). Throws when the text still holds a secret that cannot be masked without breaking the JSON.
 */
export function storedText(value: unknown, secrets: Redactor = redactor()): string {
  const text = JSON.stringify(redactForStore(value, secrets));
  const again = secrets.redact(text);
  if (again === text) {
    return text;
  }
  try {
    JSON.parse(again);
    return again;
  } catch {
    throw new Error('the call holds a secret that could not be masked: it was not recorded');
  }
}

// Keeps the API key out of everything a person or a log can see. The key is replaced by a placeholder that curl
// commands turn back into a shell variable, so a copied command works without ever holding the key.

/** What stands in place of the key in captured headers; the curl writer expands it as "$ANTHROPIC_API_KEY". */
export const KEY_PLACEHOLDER = '$ANTHROPIC_API_KEY';

/** Replaces every occurrence of the key in a text. Keys shorter than 8 characters are not secrets worth guarding. */
export function redactKey(text: string, key: string | undefined): string {
  if (!key || key.length < 8 || !text.includes(key)) {
    return text;
  }
  return text.split(key).join(KEY_PLACEHOLDER);
}

/** Headers with the key replaced, names in lower case, order kept. */
export function redactHeaders(headers: Iterable<[string, string]>, key: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[name.toLowerCase()] = redactKey(value, key);
  }
  return out;
}

// The secrets inside a secret header's value. A server may echo one part alone: the value of a session cookie without
// its "session=", the password inside Basic credentials, a token without its scheme. Each part is remembered as a
// secret of its own, so its echo (whole, cut, encoded) is masked as the whole value's is.

/** The parts of a secret header's value that are secrets by themselves (short ones are dropped by the redactor). */
export function secretValueParts(value: string): string[] {
  const parts = new Set<string>();
  // Cookies and parameter lists: "a=1; b=2", "k1=v1, k2=v2".
  for (const piece of value.split(/[;,]/)) {
    const pair = piece.trim();
    const equals = pair.search(/=(?!=*$)/);
    const unpaired = equals > 0 ? pair.slice(equals + 1).trim() : pair;
    const scheme = /^([A-Za-z][A-Za-z0-9._~+-]*)[ \t]+(\S.*)$/.exec(unpaired);
    const token = unquote(scheme ? scheme[2] : unpaired);
    parts.add(token);
    parts.add(unquote(pair));
    if (scheme && /^basic$/i.test(scheme[1])) {
      for (const credential of basicCredentials(token)) {
        parts.add(credential);
      }
    }
  }
  parts.delete(value);
  return [...parts].filter((part) => part !== '');
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** "user:password" and each half, from Basic credentials' base64; nothing when it is not base64 text. */
function basicCredentials(token: string): string[] {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token)) {
    return [];
  }
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  if (decoded.includes('\ufffd')) {
    return [];
  }
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded] : [decoded, decoded.slice(0, colon), decoded.slice(colon + 1)];
}

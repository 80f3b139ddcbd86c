// Whether a value is small, without serializing it: the panel's saved state and the host's messages to the panel ask
// it of records that may hold megabytes.

/**
 * Records longer than this (about 256 KB of JSON) are left out of the panel's saved state (VS Code holds it in memory
 * and writes it at every change); the host keeps them instead, for the webview to ask for after a reload.
 */
export const STATE_RECORD_LIMIT = 256 * 1024;

/**
 * Whether `value`'s JSON is about `limit` characters or fewer. The walk stops as soon as the strings and keys seen
 * pass the limit, so a 10 MB record costs what its first `limit` characters cost.
 */
export function fitsIn(value: unknown, limit: number): boolean {
  let left = limit;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      left -= item.length + 2;
    } else if (Array.isArray(item)) {
      left -= item.length + 2;
      if (left >= 0) {
        for (const child of item) {
          stack.push(child);
        }
      }
    } else if (typeof item === 'object' && item !== null) {
      for (const key in item) {
        left -= key.length + 4;
        stack.push((item as Record<string, unknown>)[key]);
        if (left < 0) {
          break;
        }
      }
    } else {
      left -= 8;
    }
    if (left < 0) {
      return false;
    }
  }
  return true;
}

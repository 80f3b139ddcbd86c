// Random hex for names and ids, from the global Web Crypto (Node and the browser): importing node:crypto would load
// it with the extension at activation (a few milliseconds of the host's start-up), where nothing needs it yet.

/** `bytes` random bytes as lowercase hex (twice as many characters). */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

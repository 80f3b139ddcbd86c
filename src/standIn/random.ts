// Identifiers shaped like the real API's, and a small seeded generator so that canned answers and chunk boundaries
// are the same on every run (a test that fails once must fail again).
import { randomBytes } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A pseudo-random number generator in [0, 1): mulberry32, tiny and good enough for test data. */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Beyond this many code units a text is sampled for its seed: hashing a 5 MB request whole costs the answer time. */
const WHOLE_HASH_LIMIT = 256 * 1024;

/**
 * FNV-1a: turns a request's text into a seed, so the same conversation always gets the same tool ids. A long text is
 * hashed by its length, its first and last 64 K code units and 4 K units from every 64 K between: the same text still
 * gives the same seed, and an edit anywhere but deep inside a huge message a new one.
 */
export function hashSeed(text: string): number {
  if (text.length <= WHOLE_HASH_LIMIT) {
    return fnv(0x811c9dc5, text, 0, text.length) >>> 0;
  }
  const edge = 64 * 1024;
  let hash = Math.imul(0x811c9dc5 ^ text.length, 0x01000193);
  hash = fnv(hash, text, 0, edge);
  for (let at = edge; at < text.length - edge; at += edge) {
    hash = fnv(hash, text, at, Math.min(at + 4096, text.length - edge));
  }
  return fnv(hash, text, text.length - edge, text.length) >>> 0;
}

/** FNV-1a over text[from, to), from `hash` on. */
function fnv(hash: number, text: string, from: number, to: number): number {
  let h = hash;
  for (let i = from; i < to; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h;
}

/** An integer in [min, max]. */
export function between(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function base58(length: number, rng?: Rng): string {
  let out = '';
  if (rng) {
    for (let i = 0; i < length; i++) {
      out += BASE58[Math.floor(rng() * 58)];
    }
    return out;
  }
  const bytes = randomBytes(length);
  for (let i = 0; i < length; i++) {
    out += BASE58[bytes[i] % 58];
  }
  return out;
}

// The real ids carry a version prefix ("01", "011C") before the random part; 24 characters after the underscore.
export const newRequestId = (): string => `req_011C${base58(20)}`;
export const newMessageId = (): string => `msg_01${base58(22)}`;
export const toolUseId = (rng: Rng): string => `toolu_01${base58(22, rng)}`;
export const serverToolUseId = (rng: Rng): string => `srvtoolu_01${base58(22, rng)}`;
export const containerId = (rng: Rng): string => `container_011C${base58(20, rng)}`;
export const fileId = (rng: Rng): string => `file_011C${base58(20, rng)}`;

/** An opaque base64 blob, like a thinking signature or encrypted search content. */
export function opaqueBase64(rng: Rng, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    buffer[i] = Math.floor(rng() * 256);
  }
  return buffer.toString('base64');
}

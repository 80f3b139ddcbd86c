// Nothing secret reaches the disk: every string of the stored call (the record, the response body, the file's text)
// is masked with the process's redaction (core/secrets/redact.ts: the key and every secret in play, and anything shaped like
// a key or URL credentials), and header-named fields whatever their value.
import { MASK, PLACEHOLDER, redactor, type Redactor } from '../secrets/redact';
import { RedactingWriter } from '../secrets/redactingWriter';
import { isSecretHeaderName } from '../secrets/secretHeaders';

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

/** Strings longer than this are redacted and escaped in pieces of this size (about a millisecond of work each). */
const PIECE = 32 * 1024;
/** The text goes to the writer in blocks of about this many characters. */
const BLOCK = 64 * 1024;
/** The event loop gets a turn after this much work at most (plus one piece): the panel's frames keep coming. */
const SLICE_MS = 5;

/**
 * The JSON text to store (what JSON.stringify would write), with every string and key redacted, handed to `write` in
 * blocks as it is made: a 10 MB answer is never one 10 MB string. Big strings are redacted as a stream (a secret cut
 * between two pieces is still found: see RedactingWriter), and the work stops for a turn of the event loop every few
 * milliseconds, so that recording a long answer does not hold up the extension host (and with it the panel).
 */
export async function writeStoredJson(value: unknown, write: (text: string) => Promise<void> | void, secrets: Redactor = redactor()): Promise<void> {
  let block: string[] = [];
  let blockLength = 0;
  let sliceStart = performance.now();
  const push = (text: string) => {
    block.push(text);
    blockLength += text.length;
  };
  const handOver = async () => {
    const text = block.join('');
    block = [];
    blockLength = 0;
    await write(text);
  };
  /** Between two pieces of work: a full block is written, and a long slice of work gives the event loop a turn. */
  const pause = async () => {
    if (blockLength >= BLOCK) {
      await handOver();
      sliceStart = performance.now();
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  };
  const text = async (item: string) => {
    if (item.length <= PIECE) {
      push(JSON.stringify(secrets.redact(item)));
      return pause();
    }
    // Escaped piece by piece, never cutting a surrogate pair (its halves would be written as two escapes).
    push('"');
    const writer = new RedactingWriter({ write: (piece: string) => push(JSON.stringify(piece).slice(1, -1)) }, secrets);
    for (let at = 0; at < item.length; ) {
      let end = Math.min(item.length, at + PIECE);
      const last = item.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff && end < item.length) {
        end++;
      }
      writer.write(item.slice(at, end));
      await pause();
      at = end;
    }
    writer.flush();
    push('"');
  };
  const walk = async (item: unknown): Promise<void> => {
    if (typeof item === 'string') {
      return text(item);
    }
    if (item === null || typeof item !== 'object') {
      push(JSON.stringify(item) ?? 'null');
      return;
    }
    if (Array.isArray(item)) {
      push('[');
      for (let i = 0; i < item.length; i++) {
        push(i ? ',' : '');
        await walk(item[i] === undefined || typeof item[i] === 'function' ? null : item[i]);
      }
      push(']');
      return;
    }
    push('{');
    let first = true;
    for (const [name, field] of Object.entries(item as Record<string, unknown>)) {
      if (field === undefined || typeof field === 'function') {
        continue;
      }
      push(`${first ? '' : ','}${JSON.stringify(secrets.redact(name))}:`);
      first = false;
      // A header-named field holds a secret whatever it reads like, unless it is already a placeholder.
      const secretField = isSecretHeaderName(name) && typeof field === 'string' && !new RegExp(PLACEHOLDER.source).test(field);
      await walk(secretField ? MASK : field);
    }
    push('}');
  };
  await walk(value);
  await handOver();
}

/** The whole JSON text writeStoredJson writes, as one string (for small values, and for tests). */
export async function storedJson(value: unknown, secrets: Redactor = redactor()): Promise<string> {
  const out: string[] = [];
  await writeStoredJson(value, (text) => void out.push(text), secrets);
  return out.join('');
}

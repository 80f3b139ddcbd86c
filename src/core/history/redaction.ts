// Nothing secret reaches the disk: every string of the stored call (the record, the response body, the file's text)
// is masked with the process's redaction (core/redact.ts: the key and every secret in play, and anything shaped like
// a key or URL credentials), and header-named fields whatever their value.
import { MASK, PLACEHOLDER, redactor, type Redactor } from '../redact';
import { RedactingWriter } from '../redactingWriter';
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

/** Strings longer than this are redacted and escaped in pieces of this size, with a pause between pieces. */
const PIECE = 256 * 1024;
/** The event loop gets a turn after about this many characters of work: a 10 MB answer never stalls it long. */
const YIELD_EVERY = 512 * 1024;

/**
 * The JSON text to store (what JSON.stringify would write), with every string and key redacted. Big strings are
 * redacted as a stream (a secret cut between two pieces is still found: see RedactingWriter) and the work pauses
 * between pieces, so that recording a long answer does not hold up the extension host (and with it the panel).
 */
export async function storedJson(value: unknown, secrets: Redactor = redactor()): Promise<string> {
  const out: string[] = [];
  let work = 0;
  const pause = async (amount: number) => {
    work += amount;
    if (work >= YIELD_EVERY) {
      work = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const text = async (item: string) => {
    if (item.length <= PIECE) {
      out.push(JSON.stringify(secrets.redact(item)));
      await pause(item.length);
      return;
    }
    // Escaped piece by piece, never cutting a surrogate pair (its halves would be written as two escapes).
    out.push('"');
    const writer = new RedactingWriter({ write: (piece: string) => out.push(JSON.stringify(piece).slice(1, -1)) }, secrets);
    for (let at = 0; at < item.length; ) {
      let end = Math.min(item.length, at + PIECE);
      const last = item.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff && end < item.length) {
        end++;
      }
      writer.write(item.slice(at, end));
      await pause(end - at);
      at = end;
    }
    writer.flush();
    out.push('"');
  };
  const walk = async (item: unknown): Promise<void> => {
    if (typeof item === 'string') {
      return text(item);
    }
    if (item === null || typeof item !== 'object') {
      out.push(JSON.stringify(item) ?? 'null');
      return;
    }
    if (Array.isArray(item)) {
      out.push('[');
      for (let i = 0; i < item.length; i++) {
        out.push(i ? ',' : '');
        await walk(item[i] === undefined || typeof item[i] === 'function' ? null : item[i]);
      }
      out.push(']');
      return;
    }
    out.push('{');
    let first = true;
    for (const [name, field] of Object.entries(item as Record<string, unknown>)) {
      if (field === undefined || typeof field === 'function') {
        continue;
      }
      out.push(`${first ? '' : ','}${JSON.stringify(secrets.redact(name))}:`);
      first = false;
      // A header-named field holds a secret whatever it reads like, unless it is already a placeholder.
      const secretField = isSecretHeaderName(name) && typeof field === 'string' && !new RegExp(PLACEHOLDER.source).test(field);
      await walk(secretField ? MASK : field);
    }
    out.push('}');
  };
  await walk(value);
  return out.join('');
}

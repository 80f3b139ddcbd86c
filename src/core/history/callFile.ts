// One call, one file: written atomically (a temp file in the same folder, then a rename, so a reader or a crash
// sees the whole file or none of it), and read back with a check of its shape.
import { randomHex } from '../../shared/randomHex';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HISTORY_FORMAT, type StoredCall } from '../../shared/history';

/** Temp files are named ".<id>.<random>.tmp"; one older than this was left by a killed writer and is removed. */
export const STALE_TEMP_MS = 10 * 60_000;
export const TEMP_SUFFIX = '.tmp';
const ID = /^[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{6}$/;

/** Whether a text is a call id: ids name files, so nothing else (no path, no "..") is ever used as one. */
export function isCallId(text: string): boolean {
  return ID.test(text);
}

/** A new id for a call started at `startedAt`: UTC date and time to the millisecond, then 6 random hex digits. */
export function newCallId(startedAt: string): string {
  const date = new Date(startedAt);
  const at = Number.isNaN(date.getTime()) ? new Date() : date;
  const iso = at.toISOString(); // 2026-11-30T10:15:03.123Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${randomHex(3)}`;
}

export function callFileName(id: string): string {
  return `${id}.json`;
}

function tempFileFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomHex(4)}${TEMP_SUFFIX}`);
}

/** Writes `text` to `file` so that `file` is either absent, or whole: never a prefix of it. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = tempFileFor(file);
  try {
    await fs.writeFile(temp, text, { flag: 'wx' });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Where `fill` writes a file's text piece by piece. */
export type WritePiece = (text: string) => Promise<void>;

/**
 * Writes a file atomically as `writeAtomically` does, from pieces `fill` writes one after another: each is written as
 * it comes, so a big call's text is never held whole, and every write is a turn of the event loop. Returns the size.
 */
export async function writeAtomicallyInPieces(file: string, fill: (write: WritePiece) => Promise<void>): Promise<number> {
  const temp = tempFileFor(file);
  let bytes = 0;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    const open = handle;
    await fill(async (text) => {
      const piece = Buffer.from(text, 'utf8');
      for (let at = 0; at < piece.length; ) {
        at += (await open.write(piece, at, piece.length - at)).bytesWritten;
      }
      bytes += piece.length;
    });
    await open.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  return bytes;
}

export type ReadCall = { ok: true; call: StoredCall; bytes: number } | { ok: false; problem: string };

/** Reads and checks one call file: JSON, this format, an entry and a record. */
export async function readCallFile(file: string): Promise<ReadCall> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is gone' : `it cannot be read (${(error as Error).message})` };
  }
  return parseCallText(text, Buffer.byteLength(text));
}

export function parseCallText(text: string, bytes: number): ReadCall {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = text.length === 0 ? 'it is empty' : `it is not JSON (${(error as Error).message}): truncated or damaged`;
    return { ok: false, problem: cut };
  }
  const call = value as Partial<StoredCall> | null;
  if (!call || typeof call !== 'object' || Array.isArray(call)) {
    return { ok: false, problem: 'it is not a stored call (not a JSON object)' };
  }
  if (call.format !== HISTORY_FORMAT) {
    return { ok: false, problem: `its format is ${JSON.stringify(call.format)}, this version reads format ${HISTORY_FORMAT}` };
  }
  const entry = call.entry;
  const record = call.record;
  if (!entry || typeof entry !== 'object' || typeof entry.id !== 'string' || typeof entry.startedAt !== 'string') {
    return { ok: false, problem: 'it has no entry with an id and a start time' };
  }
  if (!record || typeof record !== 'object' || typeof record.effectiveRequest !== 'object' || !Array.isArray(record.attempts) || typeof record.timing !== 'object') {
    return { ok: false, problem: 'it has no call record' };
  }
  return { ok: true, call: call as StoredCall, bytes };
}

// Reads a request file (or stdin) as the editor would check it: at most 32 MB, UTF-8 only, the same diagnostics as
// the Problems panel. Errors end in a UsageError (exit 2, nothing sent); warnings go to `warn` and the call goes on.
import { open, stat } from 'node:fs/promises';
import { checkRequest, RequestDiagnostic } from '../core/requestFiles/diagnostics';
import { effectiveRequest, EffectiveRequest, RequestDefaults } from '../core/effectiveRequest';
import { decodeRequestBytes, MAX_REQUEST_BYTES } from '../core/requestFiles/requestBytes';
import { parseRequestFile, positionAt } from '../core/requestFiles/requestFile';
import { UsageError } from './usage';

const TOO_BIG = 'it is larger than 32 MB, the most the API accepts in one request';

/** Why a file cannot be read, in words, from the system's error code. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return (error as Error).message;
  }
}

/** What a file that is not a regular file is, for the message that refuses it. */
function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isFIFO()) {
    return 'a named pipe';
  }
  if (info.isSocket()) {
    return 'a socket';
  }
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    return 'a device';
  }
  return 'not a regular file';
}

async function readFileBytes(file: string): Promise<Buffer> {
  const info = await stat(file);
  if (info.isDirectory()) {
    throw Object.assign(new Error('folder'), { code: 'EISDIR' });
  }
  if (!info.isFile()) {
    // Opening a pipe with no writer waits forever; stdin reads the same data without that trap.
    throw new UsageError(`cannot read ${file}: it is ${kindOf(info)}, not a file: pipe it to stdin instead, e.g. claude-inspector send - < ${file}`);
  }
  if (info.size > MAX_REQUEST_BYTES) {
    throw new UsageError(`cannot read ${file}: ${TOO_BIG} (${info.size} bytes)`);
  }
  const handle = await open(file, 'r');
  try {
    // Until the end of the file, not its stat() size: a file that grows after stat(), or a /proc file that says 0,
    // is read as it is, and refused one byte past the cap.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(info.size - length, 0) + 65536, MAX_REQUEST_BYTES + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) {
        return Buffer.concat(chunks, length);
      }
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_REQUEST_BYTES) {
        throw new UsageError(`cannot read ${file}: ${TOO_BIG}`);
      }
    }
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) {
    process.stderr.write('claude-inspector: reading the request from the terminal; end it with Ctrl-D\n');
  }
  const chunks: Buffer[] = [];
  let length = 0;
  // Breaking out of the loop destroys stdin, so an endless writer (yes | …) gets EPIPE and stops.
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    if (length > MAX_REQUEST_BYTES) {
      throw new UsageError(`cannot read <stdin>: ${TOO_BIG}; stopped reading there`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

/** The text of the file or stdin, or a UsageError naming why it cannot be a request file. */
export async function readRequestText(file: string): Promise<string> {
  const name = file === '-' ? '<stdin>' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : await readFileBytes(file);
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    throw new UsageError(`cannot read ${name}: ${readFailure(error)}`);
  }
  const decoded = decodeRequestBytes(bytes);
  if (!decoded.ok) {
    if (decoded.line !== undefined) {
      throw new UsageError('nothing was sent: the file is not UTF-8 text', [`${name}:${decoded.line}:${decoded.column}: ${decoded.message}`]);
    }
    throw new UsageError(`cannot read ${name}: ${decoded.message}`);
  }
  return decoded.text;
}

export interface ReadOptions {
  /** false: --no-check (see ParseOptions in core/requestFile). */
  check: boolean;
  /** Prints one warning line. */
  warn(line: string): void;
  /** Told the file's text as it was read and checked (send --append writes after it). */
  onText?(text: string): void;
}

function located(text: string, name: string, d: RequestDiagnostic, label = ''): string {
  const { line, column } = positionAt(text, d.offset);
  return `${name}:${line}:${column}: ${label}${d.message}`;
}

export async function readRequest(file: string, defaults: RequestDefaults, options: ReadOptions): Promise<EffectiveRequest> {
  const name = file === '-' ? '<stdin>' : file;
  const text = await readRequestText(file);
  options.onText?.(text);
  const { diagnostics, body } = checkRequest(text, {
    defaultMaxTokens: defaults.maxTokens,
    defaultModel: defaults.model,
    defaultsFrom: { maxTokens: '--max-tokens or its default', model: '--model or its default' },
    check: options.check,
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !body) {
    const sendable = options.check && parseRequestFile(text, { check: false }).ok;
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    throw new UsageError(
      `nothing was sent: ${name} has ${count}${sendable ? ' (--no-check sends it anyway, to see what the API says)' : ''}`,
      errors.map((d) => located(text, name, d)),
    );
  }
  for (const warning of diagnostics.filter((d) => d.severity === 'warning')) {
    options.warn(located(text, name, warning, 'warning: '));
  }
  return effectiveRequest(body, defaults);
}

// Reads a request file (or stdin) and turns it into an effective request, or a UsageError naming line and column.
import { readFile } from 'node:fs/promises';
import { effectiveRequest, EffectiveRequest, RequestDefaults } from '../core/effectiveRequest';
import { formatProblem, parseRequestFile } from '../core/requestFile';
import { UsageError } from './usage';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readRequest(file: string, defaults: RequestDefaults): Promise<EffectiveRequest> {
  let text: string;
  const name = file === '-' ? '<stdin>' : file;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`cannot read ${name}: ${reason}`);
  }
  const parsed = parseRequestFile(text);
  if (!parsed.ok) {
    throw new UsageError(parsed.problems.map((p) => formatProblem(p, name)).join('\n'));
  }
  return effectiveRequest(parsed.body, defaults);
}

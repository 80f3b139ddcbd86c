// Temp folders for a suite: each call to the returned function makes a fresh one, and all are removed after the
// suite.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function useTempFolders(prefix: string): () => string {
  const folders: string[] = [];
  after(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));
  return () => {
    const f = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    folders.push(f);
    return f;
  };
}

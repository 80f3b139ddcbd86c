// dist/extension.js, what VS Code loads: the extension itself (dist/main.js, from extension.ts) compiled with V8's
// code cache. Compiling the bundle's source is most of the time VS Code counts as the extension's load (tens of
// milliseconds for 230 KB, more on a busy machine); with the cache V8 skips it. The cache sits next to the bundle
// (dist/main.js.cache, marked with its source file's identity), is made after the first activation with this VS Code's V8,
// and is made again when it does not fit (another bundle, another V8): it is never needed, only faster. Without a
// writable dist/ it is not kept.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

type Main = typeof import('./extension');

const MAIN = path.join(__dirname, 'main.js');
const CACHE = `${MAIN}.cache`;

/**
 * The cache made from this very source, or nothing. V8 checks only the source's length, not its text: a cache of
 * another build of the same length would run that build's code. So the file starts with its source file's identity:
 * inode, size and change time (ctime: set by the system at every write or rename, which no copy or unpack carries
 * over), and modification time. Not a hash of the source: hashing needs node:crypto, which would be most of what the
 * first activation loads.
 */
function sourceKey(stat: fs.Stats): Buffer {
  const key = Buffer.alloc(128);
  key.write(`main.js ${stat.ino} ${stat.size} ${stat.ctimeMs} ${stat.mtimeMs}`.padEnd(128).slice(0, 128), 'latin1');
  return key;
}

function readCache(key: Buffer): Buffer | undefined {
  try {
    const file = fs.readFileSync(CACHE);
    return file.length > key.length && file.subarray(0, key.length).equals(key) ? file.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed over it): another window may read it at the same time. */
function writeCache(script: vm.Script, key: Buffer): void {
  const temporary = `${CACHE}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
    fs.renameSync(temporary, CACHE);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/** The extension's exports, and the cache to write once it has activated (none when V8 took the one it had). */
function loadMain(): { main: Main; write?: () => void } {
  const fd = fs.openSync(MAIN, 'r');
  let source: string;
  let key: Buffer;
  try {
    // The identity of the file read, not of a path another build may have replaced in between.
    key = sourceKey(fs.fstatSync(fd));
    source = fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  const cachedData = readCache(key);
  const script = new vm.Script(Module.wrap(source), { filename: MAIN, cachedData });
  // `require` as the bundle's own: `vscode` and ./sdk.js resolve from dist/, as if VS Code had loaded it.
  const module = { exports: {} as Main };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(MAIN), module, MAIN, __dirname);
  return { main: module.exports, write: !cachedData || script.cachedDataRejected ? () => writeCache(script, key) : undefined };
}

const { main, write } = loadMain();

export const activate: Main['activate'] = (context) => {
  const api = main.activate(context);
  if (write) {
    // After activation (what it compiled goes into the cache too), once, off the activation's time.
    setTimeout(write, 0).unref();
  }
  return api;
};
export const deactivate: Main['deactivate'] = () => main.deactivate();

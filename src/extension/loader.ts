// dist/extension.js, what VS Code loads: the extension itself (dist/main.js, from extension.ts) compiled with V8's
// code cache. Compiling the bundle's source is most of the time VS Code counts as the extension's load (tens of
// milliseconds for 230 KB, more on a busy machine); with the cache V8 skips it. The cache sits next to the bundle
// (dist/main.js.cache), is made after the first activation with this VS Code's V8, and is made again when V8 turns
// it down (another bundle, another V8): it is never needed, only faster. Without a writable dist/ it is not kept.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

type Main = typeof import('./extension');

const MAIN = path.join(__dirname, 'main.js');
const CACHE = `${MAIN}.cache`;

function readCache(): Buffer | undefined {
  try {
    return fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed over it): another window may read it at the same time. */
function writeCache(script: vm.Script): void {
  const temporary = `${CACHE}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, CACHE);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

function loadMain(): Main {
  const source = fs.readFileSync(MAIN, 'utf8');
  const cachedData = readCache();
  const script = new vm.Script(Module.wrap(source), { filename: MAIN, cachedData });
  // `require` as the bundle's own: `vscode` and ./sdk.js resolve from dist/, as if VS Code had loaded it.
  const module = { exports: {} as Main };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(MAIN), module, MAIN, __dirname);
  if (!cachedData || script.cachedDataRejected) {
    // After activation (what it compiled is in the cache too), once, off the activation's time.
    setTimeout(() => writeCache(script), 0).unref();
  }
  return module.exports;
}

const main = loadMain();

export const activate: Main['activate'] = (context) => main.activate(context);
export const deactivate: Main['deactivate'] = () => main.deactivate();

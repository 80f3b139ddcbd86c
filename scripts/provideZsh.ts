// Provides zsh for the curl tests, which run every generated command in bash and in zsh (a curl a zsh user pastes
// must send the same bytes): CLAUDE_INSPECTOR_ZSH if set, else /usr/bin/zsh or /bin/zsh, else Debian's zsh installed
// with apt-get (a few seconds). Without it those tests fail by design, so it is provided before the unit stage.
//
// Usage: node scripts/run.js provideZsh   (prints the path of zsh)
//        ensureZsh() -> Promise<string>
import * as fs from 'node:fs';
import { aptInstall } from './debianPackages';
import { isExecutable } from './provideChromium';
import { exitWhenDone } from './cleanup';
import { ensurePython } from './providePython';
import { errorMessage } from './waits';

const PLACES = ['/usr/bin/zsh', '/bin/zsh'];

export async function ensureZsh(): Promise<string> {
  const fromEnv = process.env.CLAUDE_INSPECTOR_ZSH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`CLAUDE_INSPECTOR_ZSH is ${fromEnv}, which is not an executable file.`);
    }
    return fromEnv;
  }
  const found = PLACES.find(isExecutable);
  if (found) {
    return found;
  }
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error('No zsh and no apt-get to install it: install zsh, or set CLAUDE_INSPECTOR_ZSH to one.');
  }
  try {
    await aptInstall(['zsh'], { why: 'the curl tests run every generated command in bash and in zsh', timeoutMs: 300_000 });
  } catch (error) {
    throw new Error(`Could not install zsh with apt-get (set CLAUDE_INSPECTOR_ZSH to use another).\n${errorMessage(error)}`);
  }
  const installed = PLACES.find(isExecutable);
  if (!installed) {
    throw new Error('apt-get installed zsh but it is not in /usr/bin or /bin.');
  }
  return installed;
}

/**
 * `node scripts/run.js provideZsh`: the stage `shells` of npm test, which provides what the generated code runs in:
 * zsh (the curl tests) and a python3 with httpx (the code-export tests, providePython.ts).
 */
export function main(_argv: string[]): void {
  // On failure the bare reason: npm test's summary shows a provider's last line.
  exitWhenDone(ensureZsh().then(async (zsh) => {
    const python = await ensurePython();
    console.log(`ready: ${zsh}, ${python} (with httpx)`);
    return 0;
  }), (why) => why);
}

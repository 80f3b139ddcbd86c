// Provides zsh for the curl tests, which run every generated command in bash and in zsh (a curl a zsh user pastes
// must send the same bytes): CLAUDE_INSPECTOR_ZSH if set, else /usr/bin/zsh or /bin/zsh, else Debian's zsh installed
// with apt-get (a few seconds). Without it those tests fail by design, so it is provided before the unit stage.
//
// Usage: node scripts/run.js provideZsh   (prints the path of zsh)
//        ensureZsh() -> Promise<string>
import { provideFromDebian } from './debianPackages';
import { isExecutable } from './provideChromium';
import { exitWhenDone } from './cleanup';
import { ensurePython } from './providePython';

const PLACES = ['/usr/bin/zsh', '/bin/zsh'];

export function ensureZsh(): Promise<string> {
  return provideFromDebian({
    envVar: 'CLAUDE_INSPECTOR_ZSH',
    places: PLACES,
    usable: isExecutable,
    packages: ['zsh'],
    why: 'the curl tests run every generated command in bash and in zsh',
    timeoutMs: 300_000,
    says: {
      notUsable: (fromEnv) => `CLAUDE_INSPECTOR_ZSH is ${fromEnv}, which is not an executable file.`,
      noAptGet: 'No zsh and no apt-get to install it: install zsh, or set CLAUDE_INSPECTOR_ZSH to one.',
      notInstalled: 'Could not install zsh with apt-get (set CLAUDE_INSPECTOR_ZSH to use another).',
      notThereAfter: 'apt-get installed zsh but it is not in /usr/bin or /bin.',
    },
  });
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

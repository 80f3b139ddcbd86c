// Provides a python3 with httpx for the code-export tests, which run every "Python without the SDK" snippet against a
// capture server: CLAUDE_INSPECTOR_PYTHON if set, else Debian's /usr/bin/python3 when it imports httpx, else Debian's
// python3-httpx installed with apt-get (a few seconds). Without it those tests fail by design, so it is provided with
// zsh before the unit stage.
//
// Usage: node scripts/run.js providePython   (prints the path of python3)
//        ensurePython() -> Promise<string>
import { spawnSync } from 'node:child_process';
import { provideFromDebian } from './debianPackages';
import { isExecutable } from './provideChromium';
import { exitWhenDone } from './cleanup';

const DEBIAN_PYTHON = '/usr/bin/python3';

/** Whether `python` imports httpx (bounded: an interpreter that hangs is not one to use). */
function hasHttpx(python: string): boolean {
  if (!isExecutable(python)) {
    return false;
  }
  const check = spawnSync(python, ['-c', 'import httpx'], { stdio: 'ignore', timeout: 30_000 });
  return check.status === 0;
}

export function ensurePython(): Promise<string> {
  return provideFromDebian({
    envVar: 'CLAUDE_INSPECTOR_PYTHON',
    places: [DEBIAN_PYTHON],
    usable: hasHttpx,
    packages: ['python3-httpx'],
    why: 'the code-export tests run every httpx snippet',
    timeoutMs: 300_000,
    says: {
      notUsable: (fromEnv) => `CLAUDE_INSPECTOR_PYTHON is ${fromEnv}, which is not a python3 that imports httpx.`,
      noAptGet: 'No python3 with httpx and no apt-get to install it: install httpx, or set CLAUDE_INSPECTOR_PYTHON to a python3 that has it.',
      notInstalled: 'Could not install python3-httpx with apt-get (set CLAUDE_INSPECTOR_PYTHON to use another).',
      notThereAfter: `apt-get installed python3-httpx but ${DEBIAN_PYTHON} does not import httpx.`,
    },
  });
}

/** `node scripts/run.js providePython`. */
export function main(_argv: string[]): void {
  exitWhenDone(ensurePython().then((python) => {
    console.log(`ready: ${python} (with httpx)`);
    return 0;
  }), (why) => why);
}

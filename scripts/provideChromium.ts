// Provides the browser the workbench runs in: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, installed with
// apt-get when missing (about 30 s). Never `npx playwright install`: it downloads from the internet, which these
// machines cannot reach.
//
// Usage: node scripts/run.js provideChromium   (prints the browser's version and path)
//        ensureChromium() -> Promise<string>
import * as fs from 'node:fs';
import { provideFromDebian } from './debianPackages';
import { runCommand } from './processes';
import { exitWhenDone } from './cleanup';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Returns the path of a Chromium that starts, installing Debian's when there is none. */
export function ensureChromium(): Promise<string> {
  return provideFromDebian({
    envVar: 'CHROMIUM_PATH',
    places: [DEBIAN_CHROMIUM],
    usable: isExecutable,
    packages: ['chromium'],
    why: 'the browser the webview and UI tests (and the benchmarks) run in; about a minute',
    timeoutMs: 600_000,
    says: {
      notUsable: (fromEnv) => `CHROMIUM_PATH is ${fromEnv}, which is not an executable file.`,
      noAptGet: `No browser at ${DEBIAN_CHROMIUM} and no apt-get to install one: set CHROMIUM_PATH to a Chromium or Chrome.`,
      notInstalled: 'Could not install Chromium with apt-get (set CHROMIUM_PATH to use another browser).',
      notThereAfter: `apt-get installed chromium but ${DEBIAN_CHROMIUM} is not there.`,
    },
  });
}

/**
 * The browser's version output, e.g. "Chromium 150.0.7871.100 built on Debian...". Bounded, so a browser that hangs
 * fails here rather than in a test.
 */
export async function chromiumVersion(executable: string): Promise<string> {
  const { output } = await runCommand(executable, ['--version'], { timeoutMs: 30_000, label: `${executable} --version` });
  return output.trim();
}

/** The version line of `chromiumVersion`'s output: Debian's launcher may print a shell warning of its own first. */
export function versionLine(output: string): string {
  const lines = output.split('\n');
  return (lines.find((line) => /^(Chromium|Google Chrome)\b/.test(line)) ?? lines[lines.length - 1]).trim();
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `node scripts/run.js provideChromium`: the stage `chromium` of npm test, and `npm run provide`. */
export function main(_argv: string[]): void {
  // On failure the bare reason: npm test's summary shows a provider's last line.
  exitWhenDone(ensureChromium().then(async (executable) => {
    console.log(`${versionLine(await chromiumVersion(executable))}\nready: ${executable}`);
    return 0;
  }), (why) => why);
}
